// Whether the window is too narrow for the list and the working pane side by side (200 % zoom, a half-screen window).
import { useSyncExternalStore } from 'react';

/**
 * Below 900 CSS px the two panes (at least 420 + 380 px) no longer fit with room to read: one pane is shown at a time.
 * The stylesheet keys on the `one-pane` class this sets (renderer/styles/reflow.css), so the breakpoint lives here only.
 */
export const ONE_PANE_QUERY = '(max-width: 899px)';

function mediaQuery(): MediaQueryList | null {
  // jsdom and very old engines have no matchMedia: the wide layout, as before.
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(ONE_PANE_QUERY) : null;
}

function subscribe(onChange: () => void): () => void {
  const query = mediaQuery();
  if (!query) return () => {};
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

const snapshot = (): boolean => mediaQuery()?.matches === true;

/** True while the window is narrower than the two panes need; follows zoom and resizing. */
export function useOnePane(): boolean {
  return useSyncExternalStore(subscribe, snapshot, () => false);
}
