// J/K (and, on a row, the arrows, Home and End) move the list cursor across every row (pages load as it goes); Enter opens it.
import { useCallback, useEffect, useRef, type FocusEvent, type RefObject } from 'react';
import type { Incident } from '../../../../shared/domain';
import { useFindStore } from '../../../store/find-store';
import { keyBelongsToDialog } from '../../key-guard';

export function useKeyboardCursor(
  total: number,
  rowAt: (index: number) => Incident | undefined,
  cursor: number,
  onOpen: (incident: Incident) => void,
  scrollTo: (index: number) => void,
  scrollRef: RefObject<HTMLDivElement | null>,
) {
  const setCursor = useFindStore((s) => s.setCursor);
  const moved = useRef(false);
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || total === 0) return;
      // A dialog's keys are its own, and a modal means the list behind it is out of reach.
      if (isTyping(event.target) || keyBelongsToDialog(event.target)) return;
      const key = event.key.toLowerCase();
      const to = key === 'j' ? cursor + 1 : key === 'k' ? cursor - 1 : onRow(event.target, scrollRef.current) ? ROW_KEYS[event.key]?.(cursor, total) : undefined;
      if (to !== undefined) {
        event.preventDefault();
        moved.current = true;
        setCursor(Math.min(total - 1, Math.max(0, to)));
      } else if (event.key === 'Enter' && !(event.target instanceof HTMLButtonElement) && !(event.target instanceof HTMLAnchorElement)) {
        const incident = rowAt(Math.min(cursor, total - 1));
        if (incident) {
          event.preventDefault();
          onOpen(incident);
        }
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [total, rowAt, cursor, onOpen, setCursor, scrollRef]);

  // The cursor row's button takes focus once it is rendered: at once, next frame, or when its page arrives.
  const rowReady = rowAt(cursor) !== undefined;
  useEffect(() => {
    if (!moved.current) return;
    scrollTo(cursor);
    const focusRow = () => scrollRef.current?.querySelector<HTMLButtonElement>(`tr[data-index="${cursor}"] button`)?.focus();
    if (!rowReady) return;
    moved.current = false;
    focusRow();
    const frame = requestAnimationFrame(focusRow);
    return () => cancelAnimationFrame(frame);
  }, [cursor, rowReady, scrollTo, scrollRef]);

  // The cursor follows the row a person went to by other means (a click, Tab, focus given back after closing an
  // incident): J/K then step from that row rather than from wherever the keys last left the cursor.
  return useCallback((event: FocusEvent<HTMLElement>) => {
    const row = event.target instanceof Element ? event.target.closest<HTMLElement>('tr[data-index]') : null;
    const index = row ? Number(row.dataset.index) : Number.NaN;
    if (Number.isInteger(index) && index !== useFindStore.getState().cursor) setCursor(index);
  }, [setCursor]);
}

/**
 * Keys that move the cursor only while a row has focus (the list is one Tab stop; these move within it, as in a
 * listbox): elsewhere the arrows scroll the page and Home/End belong to text fields.
 */
const ROW_KEYS: Partial<Record<string, (cursor: number, total: number) => number>> = {
  ArrowDown: (cursor) => cursor + 1,
  ArrowUp: (cursor) => cursor - 1,
  Home: () => 0,
  End: (_, total) => total - 1,
};

function onRow(target: EventTarget | null, list: HTMLElement | null): boolean {
  return target instanceof Element && list !== null && list.contains(target) && target.closest('tr[data-index]') !== null;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
