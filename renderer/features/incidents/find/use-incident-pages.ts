// The list's data: pages read by key ranges near the viewport, each a live query, so saves and syncs refresh them in place.
import { Dexie, liveQuery } from 'dexie';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Incident } from '../../../../shared/domain';
import { findIncidentsPage, listOrder, useIncidentCount, useLanternDb, type FindQuery } from '../../../db';
import { loadTimelines } from '../../../db/sla';
import { applyRead, evict, initialPages, offsetsOf, slotAt, slotId, SPLIT_FACTOR, type Pages, type Slot } from './page-slots';

/** Rows per page. */
export const LIST_PAGE = 200;
/** Rows kept live and read ahead beyond each edge of the viewport. */
const AHEAD = LIST_PAGE;
/**
 * The viewport is tracked in steps of this many rows, so scrolling re-plans pages (a React update) only now and then.
 * A re-plan is a second render of the list in its scroll frame; at 25 rows one frame in eight of a steady scroll had
 * one. Rounding widens the planned window outwards, so pages are still read at least AHEAD rows beyond each edge.
 */
const VIEW_STEP = 100;
/** When the viewport is far past the last read page (a scrollbar drag), the last page is read this many pages at a time. */
const SKIP_PAGES = 10;

export interface IncidentPages {
  /** undefined until the first page is read. */
  total: number | undefined;
  /** true when `total` is exact (the end was read, or an index counted the matches). */
  exact: boolean;
  /** false while the previous query's rows are still shown (the new query's first page is not read yet). */
  fresh: boolean;
  /** The incident at list position `index`, undefined while its page is not read. */
  rowAt(index: number): Incident | undefined;
  /** The page holding list position `index`: its rows (undefined while not read) and its first position. */
  pageAt(index: number): { rows: Incident[] | undefined; offset: number } | undefined;
  /** Rows of the pages currently read and kept live. */
  liveRows: Incident[];
  /** The list position of incident `id` among the rows read and kept live; -1 when it is not among them. */
  indexOf(id: string): number;
  /** Tells which rows are on screen; pages near them are read and kept live. */
  setView(first: number, last: number): void;
  /** Rows read so far (for the footer while the total is unknown). */
  loaded: number;
}

interface State {
  queryKey: string;
  pages: Pages;
  /** The previous query's pages, shown until this query's first page arrives (typing in search does not flicker). */
  previous?: Pages;
}

export function useIncidentPages(query: FindQuery): IncidentPages {
  const db = useLanternDb();
  const queryKey = JSON.stringify(query);
  const order = useMemo(() => listOrder((JSON.parse(queryKey) as FindQuery).sort), [queryKey]);
  const [state, setState] = useState<State>(() => ({ queryKey, pages: initialPages(LIST_PAGE) }));
  // Not reset with the query: a breaching-soon list re-reads each minute and must keep the pages where the person is.
  const [view, setViewState] = useState({ first: 0, last: VIEW_STEP });
  // A new query starts again from the first page (state reset during render, React's pattern for derived state).
  if (state.queryKey !== queryKey) setState((s) => ({ queryKey, pages: initialPages(LIST_PAGE), ...shownPages(s) }));
  const current = state.queryKey === queryKey ? state : { queryKey, pages: initialPages(LIST_PAGE) };
  const firstRead = current.pages.slots[0]!.known;
  const pages = firstRead ? current.pages : (current.previous ?? current.pages);

  const count = useIncidentCount(query);
  const slots = pages.slots;
  const offsets = useMemo(() => offsetsOf(slots), [slots]);
  const currentSlots = current.pages.slots;
  const wanted = useMemo(() => wantedPages(currentSlots, offsetsOf(currentSlots), view.first, view.last), [currentSlots, view.first, view.last]);
  const wantedKey = wanted.map((w) => w.key).join('\n');

  // One live query per wanted page, kept across re-plans while the page stays wanted; the others are closed and
  // their rows dropped (lengths kept). A live query re-reads its page after any write to incidents.
  const live = useRef(new Map<string, { unsubscribe(): void }>());
  useEffect(() => {
    const open = live.current;
    return () => {
      open.forEach((subscription) => subscription.unsubscribe());
      open.clear();
    };
  }, [db, queryKey]);
  useEffect(() => {
    const open = live.current;
    const parsed = JSON.parse(queryKey) as FindQuery;
    const keep = new Set(wanted.map((w) => w.key));
    for (const [key, subscription] of open) {
      if (keep.has(key)) continue;
      subscription.unsubscribe();
      open.delete(key);
    }
    for (const target of wanted) {
      if (open.has(target.key)) continue;
      const { slot, limit, id } = target;
      const bounds = { limit, ...(slot.start ? { after: slot.start } : {}), ...(slot.end ? { until: slot.end } : {}) };
      const subscription = liveQuery(() => findIncidentsPage(db, parsed, bounds)).subscribe({
        // Pages no longer live drop their rows when the next read lands (keeps memory to the pages near the viewport).
        next: (rows) => {
          setState((s) => (s.queryKey === queryKey ? { queryKey, pages: afterRead(s.pages, applyRead(s.pages, id, rows, limit, LIST_PAGE, order), open) } : s));
          // Pages land ahead of the viewport: reading their SLA timelines now (one indexed read, outside the live
          // query's zone) means rows scrolling into view find them cached — no read and no second render per frame.
          Dexie.ignoreTransaction(() => loadTimelines(db, rows)).catch((error: unknown) => console.warn('Lantern: reading SLA timelines failed', error));
        },
        error: (error: unknown) => console.warn('Lantern: reading a list page failed', error),
      });
      open.set(target.key, subscription);
    }
    // `wanted` is followed through wantedKey: the same pages must not resubscribe when unrelated pages change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, queryKey, wantedKey, order]);

  // The view asked for last: setView runs on every scroll frame, right after the virtualizer's own synchronous render,
  // when React cannot bail out of a same-value update early; calling setViewState then cost a second render of the
  // whole list in a task of its own (profiled: about every frame). Only a view that moved to another step updates.
  const asked = useRef(view);
  const setView = useCallback(
    (first: number, last: number) => {
      const next = { first: Math.floor(first / VIEW_STEP) * VIEW_STEP, last: Math.ceil((last + 1) / VIEW_STEP) * VIEW_STEP };
      if (asked.current.first === next.first && asked.current.last === next.last) return;
      asked.current = next;
      setViewState(next);
    },
    [],
  );

  const pageAt = useCallback(
    (index: number) => {
      const at = slotAt(offsets, index);
      return at < 0 ? undefined : { rows: slots[at]!.rows, offset: offsets[at]! };
    },
    [offsets, slots],
  );
  const rowAt = useCallback((index: number) => {
    const page = pageAt(index);
    return page?.rows?.[index - page.offset];
  }, [pageAt]);
  const liveRows = useMemo(() => slots.flatMap((slot) => slot.rows ?? []), [slots]);
  // A scan of the read pages only (a few hundred rows near the viewport), and only when asked: the list asks when the
  // cursor incident is not at its last place, which happens after a read, never on a scroll frame.
  const indexOf = useCallback((id: string) => {
    for (let i = 0; i < slots.length; i++) {
      const at = slots[i]!.rows?.findIndex((row) => row.id === id) ?? -1;
      if (at >= 0) return offsets[i]! + at;
    }
    return -1;
  }, [offsets, slots]);
  const api = { rowAt, pageAt, setView, liveRows, indexOf, fresh: firstRead };

  if (!pages.slots[0]!.known) return { ...api, total: undefined, exact: false, loaded: 0 };
  const sum = offsets[offsets.length - 1]!;
  const loaded = knownRows(slots);
  if (pages.done) return { ...api, total: sum, exact: true, loaded };
  // Not at the end yet: an index count when there is one, else what is read plus one page (grows as pages arrive).
  const counted = count !== undefined && firstRead;
  return { ...api, total: counted ? Math.max(count, loaded) : sum, exact: counted, loaded };
}

/** Drops the rows of pages that are no longer live; pages this read just made (a split, the next last page) stay. */
function afterRead(before: Pages, after: Pages, open: Map<string, unknown>): Pages {
  if (after === before) return before;
  const existed = new Set(before.slots.map(slotId));
  const live = new Set([...open.keys()].map((key) => key.slice(0, key.lastIndexOf('#'))));
  for (const slot of after.slots) if (!existed.has(slotId(slot))) live.add(slotId(slot));
  return evict(after, live);
}

function shownPages(state: State): Pick<State, 'previous'> {
  const previous = state.pages.slots[0]!.known ? state.pages : state.previous;
  return previous ? { previous } : {};
}

function knownRows(slots: readonly Slot[]): number {
  return slots.reduce((sum, slot) => sum + (slot.known ? slot.length : 0), 0);
}

interface Wanted {
  id: string;
  /** id + read size: a different size is a different live query. */
  key: string;
  slot: Slot;
  limit: number;
}

/** Pages overlapping the viewport widened by AHEAD rows each way; the last page is always read when it is near or above. */
function wantedPages(slots: readonly Slot[], offsets: readonly number[], first: number, last: number): Wanted[] {
  const from = Math.max(0, first - AHEAD);
  const to = last + AHEAD;
  const out: Wanted[] = [];
  slots.forEach((slot, i) => {
    const start = offsets[i]!;
    const isLast = slot.end === null;
    if (isLast && start <= to) {
      // Far above the viewport: read several pages in one go to get there sooner (rows outside the window are dropped).
      const limit = start + LIST_PAGE * 2 < from ? LIST_PAGE * SKIP_PAGES : LIST_PAGE;
      out.push({ id: slotId(slot), key: `${slotId(slot)}#${limit}`, slot, limit });
    } else if (!isLast && start <= to && start + slot.length >= from) {
      // A bounded page reads all its rows, up to the split size (applyRead splits a page that grew that far).
      const limit = LIST_PAGE * SPLIT_FACTOR;
      out.push({ id: slotId(slot), key: `${slotId(slot)}#${limit}`, slot, limit });
    }
  });
  return out;
}
