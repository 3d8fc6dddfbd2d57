// J/K (and, on a row, the arrows, Home and End) move the list cursor across every row (pages load as it goes); Enter opens it.
import { useCallback, useEffect, useRef, type FocusEvent, type RefObject } from 'react';
import type { Incident } from '../../../../shared/domain';
import { useFindStore } from '../../../store/find-store';
import { keyBelongsToDialog } from '../../key-guard';
import { singleKeyShortcutsOn } from '../../../store/keyboard-settings-store';

/**
 * `cursor` is the cursor row as the list placed it (its incident's row, see useListCursor) and `current` the incident
 * Enter opens: the cursor incident, never another one that happens to sit in its last place.
 */
export function useKeyboardCursor(
  total: number,
  rowAt: (index: number) => Incident | undefined,
  cursor: number,
  current: Incident | undefined,
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
      // One pane at a time (a narrow window): while the list is hidden behind an open incident, its keys do nothing.
      if (scrollRef.current?.closest('[hidden]')) return;
      const key = event.key.toLowerCase();
      // J and K are single-key shortcuts (WCAG 2.1.4: they can be turned off); arrows, Home and End are not characters.
      if ((key === 'j' || key === 'k') && !singleKeyShortcutsOn()) return;
      const to = key === 'j' ? cursor + 1 : key === 'k' ? cursor - 1 : onRow(event.target, scrollRef.current) ? ROW_KEYS[event.key]?.(cursor, total) : undefined;
      if (to !== undefined) {
        event.preventDefault();
        moved.current = true;
        const index = Math.min(total - 1, Math.max(0, to));
        // The incident there, when read; else the list takes it when its page arrives.
        setCursor(index, rowAt(index)?.id ?? null);
      } else if (event.key === 'Enter' && !(event.target instanceof HTMLButtonElement) && !(event.target instanceof HTMLAnchorElement)) {
        if (current) {
          event.preventDefault();
          onOpen(current);
        }
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [total, rowAt, cursor, current, onOpen, setCursor, scrollRef]);

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
  // Focusing the Tab stop while the cursor incident is away (see useListCursor) takes the incident found there.
  return useCallback((event: FocusEvent<HTMLElement>) => {
    const row = event.target instanceof Element ? event.target.closest<HTMLElement>('tr[data-index]') : null;
    const index = row ? Number(row.dataset.index) : Number.NaN;
    const id = row?.dataset.incidentId ?? null;
    const state = useFindStore.getState();
    if (Number.isInteger(index) && (index !== state.cursor || id !== state.cursorId)) setCursor(index, id);
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
