// Virtualizer settings for the incident table: fixed-height rows, and safe fallbacks where layout is unknown (jsdom, first paint).
import { elementScroll, observeElementRect, type Rect, type Virtualizer } from '@tanstack/react-virtual';

export const ROW_HEIGHT = 32;
/** Used until the scroll container has a measured height, so the first rows render at once. */
const FALLBACK_HEIGHT = 640;

export function observeRectWithFallback(instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: Rect) => void) {
  return observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { width: rect.width || 800, height: FALLBACK_HEIGHT }));
}

/** Scrolls like the default, but does nothing where the element cannot scroll programmatically (jsdom). */
export function scrollSafely(offset: number, options: { adjustments?: number; behavior?: ScrollBehavior }, instance: Virtualizer<HTMLDivElement, Element>) {
  if (typeof instance.scrollElement?.scrollTo === 'function') elementScroll(offset, options, instance);
}
