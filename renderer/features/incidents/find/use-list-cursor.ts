// The list cursor on its incident: finds that incident's row again after every read, re-sort or reload, and follows the opened incident.
import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { Incident } from '../../../../shared/domain';
import { useFindStore } from '../../../store/find-store';

/** What the list needs of its pages (see useIncidentPages). */
export interface CursorPages {
  total: number;
  /** The rows shown are this query's (not the previous query's, kept on screen until the first page is read). */
  fresh: boolean;
  rowAt(index: number): Incident | undefined;
  indexOf(id: string): number;
}

export interface ListCursor {
  /** The cursor row: the list's one Tab stop, where J/K step from; -1 for an empty list. */
  at: number;
  /** The incident under the cursor; null while a new query's first row is not read. */
  cursorId: string | null;
  /**
   * The cursor incident as last read in this query: drawn in its row while that page is dropped (scrolled far away),
   * so a focused row keeps its button, and what Enter opens.
   */
  incident: Incident | undefined;
}

/**
 * Where the cursor is. Its incident's row when that row is read: first at its last place (no search while nothing
 * moved), else among the read pages. When it is not read (it moved beyond the pages near the viewport, or left the
 * view), the cursor keeps its last place, so the Tab stop and J/K stay where the person was; the incident now in that
 * place is not taken for it (no cursor stripe, Enter does not open it) until the person moves or focuses a row there.
 * Its row is found again as soon as a read brings it back.
 */
export function useListCursor(pages: CursorPages, queryKey: string, selectedId: string | null): ListCursor {
  const { total, fresh, rowAt, indexOf } = pages;
  const cursor = useFindStore((s) => s.cursor);
  const cursorId = useFindStore((s) => s.cursorId);
  const setCursor = useFindStore((s) => s.setCursor);
  const followIncident = useFindStore((s) => s.followIncident);

  // The cursor kept inside the list when it shrank (as Enter does).
  const kept = total > 0 ? Math.min(cursor, total - 1) : -1;
  // rowAt and indexOf change only when a page is read, so a scroll frame repeats no search.
  const at = useMemo(() => {
    if (kept < 0 || cursorId === null || rowAt(kept)?.id === cursorId) return kept;
    const found = indexOf(cursorId);
    return found >= 0 ? found : kept;
  }, [kept, cursorId, rowAt, indexOf]);
  const row = at >= 0 ? rowAt(at) : undefined;
  const incident = useHeldIncident(queryKey, cursorId, fresh && row?.id === cursorId ? row : undefined);

  // The store learns where the incident now is: the place to fall back to when it is next out of reach.
  const rowId = fresh ? row?.id : undefined;
  useEffect(() => {
    if (rowId !== undefined && rowId === cursorId && at !== cursor) setCursor(at, cursorId);
  }, [rowId, cursorId, at, cursor, setCursor]);

  // Opening an incident (from the list, a notification, a link) puts the cursor on it: closing it and Tab or Shift+Tab
  // back into the list then lands on that incident, and J/K go on from it.
  useEffect(() => {
    if (selectedId !== null) followIncident(selectedId);
  }, [selectedId, followIncident]);

  // A cursor that is only a place (a new query's first row, a row stepped to before its page arrived) is on whatever is there.
  return { at, cursorId, incident: cursorId === null ? row : incident };
}

/** The cursor incident as last read in this query, kept while its page is not read. */
function useHeldIncident(queryKey: string, cursorId: string | null, live: Incident | undefined): Incident | undefined {
  const [held, setHeld] = useState<{ queryKey: string; incident: Incident } | null>(null);
  // Set during render (React's pattern for state derived from the previous render): no extra paint without the row.
  if (live && (held?.incident !== live || held.queryKey !== queryKey)) setHeld({ queryKey, incident: live });
  if (live) return live;
  return held && held.queryKey === queryKey && held.incident.id === cursorId ? held.incident : undefined;
}


/**
 * A focused cursor row that moved (its incident re-sorted while focus stayed on it) is scrolled back into view: the
 * row keeps focus wherever it goes (it stays rendered), and a keyboard user should still see where that is.
 */
export function useScrollToMovedFocus(at: number, scrollTo: (index: number) => void, scrollRef: RefObject<HTMLDivElement | null>): void {
  const last = useRef(at);
  useEffect(() => {
    if (last.current === at) return;
    last.current = at;
    if (at < 0) return;
    const focused = document.activeElement?.closest<HTMLElement>('tr[data-index]');
    if (focused && scrollRef.current?.contains(focused) && Number(focused.dataset.index) === at) scrollTo(at);
  }, [at, scrollTo, scrollRef]);
}
