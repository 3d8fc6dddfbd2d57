// The list's pages as key ranges: where each page starts and ends, how many rows it holds, and the rows of those on screen.
import type { Incident } from '../../../../shared/domain';
import { keyString, type ListKey, type ListOrder } from '../../../db/find-order';
import { rowSlaOf } from '../../../db/row-sla';

/**
 * Rows strictly after `start` up to and including `end`, in list order. Pages are ranges of keys, not offsets, so a
 * row inserted or moved between two reads lands in exactly one page (the page grows) and none is lost or repeated.
 * The last page has no end yet: it reads up to `limit` rows, and once full it ends at its last row and a new last
 * page follows it.
 */
export interface Slot {
  start: ListKey | null;
  end: ListKey | null;
  /** Rows at the last read; an estimate (one page) until first read. */
  length: number;
  known: boolean;
  /** Present while the page is live (near the viewport); dropped when it scrolls far away. */
  rows?: Incident[];
}

export interface Pages {
  slots: Slot[];
  /** The last page has been read and held fewer rows than asked: the list's end is known. */
  done: boolean;
}

/** Bounded pages that grew past this many pages' rows (a sync landed in them) are split; the rest is read later. */
export const SPLIT_FACTOR = 4;

export function initialPages(pageSize: number): Pages {
  return { slots: [{ start: null, end: null, length: pageSize, known: false }], done: false };
}

export function slotId(slot: Pick<Slot, 'start' | 'end'>): string {
  return `${keyString(slot.start)}>${keyString(slot.end)}`;
}

/** Applies a read of the page `id` (ignored when that page no longer exists), asked with `limit` rows at most. */
export function applyRead(pages: Pages, id: string, rows: Incident[], limit: number, pageSize: number, order: ListOrder): Pages {
  const at = pages.slots.findIndex((slot) => slotId(slot) === id);
  if (at < 0) return pages;
  const slot = pages.slots[at]!;
  const keyAt = (i: number) => order.keyOf(rows[i]!);
  const chunk = (from: number, to: number, start: ListKey | null, end: ListKey | null): Slot => ({ start, end, length: to - from, known: true, rows: rows.slice(from, to) });
  const replaced: Slot[] = [];
  let done = pages.done;
  if (slot.end === null) {
    // The last page: full chunks become bounded pages; a short read is the end of the list.
    let from = 0;
    let start = slot.start;
    while (rows.length - from >= pageSize && (rows.length - from > pageSize || rows.length >= limit)) {
      const end = keyAt(from + pageSize - 1);
      replaced.push(chunk(from, from + pageSize, start, end));
      start = end;
      from += pageSize;
    }
    const more = rows.length >= limit;
    replaced.push(more ? { start, end: null, length: pageSize, known: false } : chunk(from, rows.length, start, null));
    done = !more;
  } else if (rows.length >= pageSize * SPLIT_FACTOR) {
    let start = slot.start;
    for (let from = 0; from + pageSize <= rows.length; from += pageSize) {
      const end = keyAt(from + pageSize - 1);
      replaced.push(chunk(from, from + pageSize, start, end));
      start = end;
    }
    const rest = rows.length % pageSize;
    if (rest > 0) replaced.push(chunk(rows.length - rest, rows.length, start, keyAt(rows.length - 1)));
    // Rows after the read's last row up to the old end: not read yet.
    const last = keyAt(rows.length - 1);
    replaced.push({ start: last, end: slot.end, length: pageSize, known: false });
  } else {
    const kept = slot.rows ? keepUnchanged(slot.rows, rows) : rows;
    if (kept === slot.rows && slot.known) return pages;
    replaced.push({ ...slot, length: kept.length, known: true, rows: kept });
  }
  return { slots: [...pages.slots.slice(0, at), ...replaced, ...pages.slots.slice(at + 1)], done };
}

/** Drops the rows of pages not in `live` (their lengths stay, so positions below them hold). */
export function evict(pages: Pages, live: ReadonlySet<string>): Pages {
  if (pages.slots.every((slot) => !slot.rows || live.has(slotId(slot)))) return pages;
  return { ...pages, slots: pages.slots.map((slot) => (slot.rows && !live.has(slotId(slot)) ? { start: slot.start, end: slot.end, length: slot.length, known: slot.known } : slot)) };
}

/** First row index of every page, plus the total after the last. */
export function offsetsOf(slots: readonly Slot[]): number[] {
  const offsets = [0];
  for (const slot of slots) offsets.push(offsets[offsets.length - 1]! + slot.length);
  return offsets;
}

/** The page holding row `index` (binary search over the offsets), or -1 past the end. */
export function slotAt(offsets: readonly number[], index: number): number {
  let lo = 0;
  let hi = offsets.length - 2;
  if (hi < 0 || index < 0 || index >= offsets[offsets.length - 1]!) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid]! <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The new read with every unchanged row replaced by its previous object (and the previous array when nothing changed),
 * so a write elsewhere re-renders no row of this page and a write to one row re-renders only that row.
 */
function keepUnchanged(before: Incident[], after: Incident[]): Incident[] {
  const previous = new Map(before.map((row) => [row.id, row]));
  let same = before.length === after.length;
  const kept = after.map((row, i) => {
    const old = previous.get(row.id);
    // The row's SLA fields count too: a pulled status change that lost the merge moves the clock, not updatedAt.
    const keep = old !== undefined && old.updatedAt === row.updatedAt && sameIncident(old, row) && sameValue(rowSlaOf(old), rowSlaOf(row));
    if (!keep || before[i] !== old) same = false;
    return keep ? old : row;
  });
  return same ? before : kept;
}

/** Value by value through arrays and plain objects (times, author, field stamps): far cheaper than serializing. */
function sameIncident(a: Incident, b: Incident): boolean {
  return sameValue(a, b);
}

function sameValue(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  if (Array.isArray(x)) return Array.isArray(y) && x.length === y.length && x.every((item, i) => sameValue(item, y[i]));
  if (Array.isArray(y)) return false;
  const left = x as Record<string, unknown>;
  const right = y as Record<string, unknown>;
  const keys = Object.keys(left);
  return keys.length === Object.keys(right).length && keys.every((key) => sameValue(left[key], right[key]));
}
