// The list's page ranges: the last page splits into bounded pages as it fills, overgrown pages split, far pages drop rows.
import { describe, expect, it } from 'vitest';
import { listOrder } from '../../../../renderer/db/find-order';
import { applyRead, evict, initialPages, offsetsOf, slotAt, slotId, SPLIT_FACTOR } from '../../../../renderer/features/incidents/find/page-slots';
import type { Incident } from '../../../../shared/domain';
import { keepRowSla } from '../../../../renderer/db/row-sla';

const order = listOrder(undefined);
/** Rows in list order (newest first): row i is updated at second 10000 - i. */
const rows = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, k) => {
    const i = from + k;
    return { id: `id-${String(i).padStart(5, '0')}`, updatedAt: new Date(Date.UTC(2026, 0, 1) + (10_000 - i) * 1000).toISOString(), createdAt: '', number: '', priority: 3 } as unknown as Incident;
  });

describe('page slots', () => {
  it('a full read of the last page bounds it at its last row and opens the next; a short read ends the list', () => {
    let pages = initialPages(10);
    pages = applyRead(pages, slotId(pages.slots[0]!), rows(0, 10), 10, 10, order);
    expect(pages.slots).toHaveLength(2);
    expect(pages.slots[0]!.end).toEqual(order.keyOf(rows(9, 10)[0]!));
    expect(pages.slots[1]!.start).toEqual(pages.slots[0]!.end);
    expect(pages.done).toBe(false);
    pages = applyRead(pages, slotId(pages.slots[1]!), rows(10, 14), 10, 10, order);
    expect(pages.done).toBe(true);
    expect(offsetsOf(pages.slots)).toEqual([0, 10, 14]);
  });

  it('a read of several pages at once (skipping ahead) makes one bounded page per page size', () => {
    const pages = applyRead(initialPages(10), slotId(initialPages(10).slots[0]!), rows(0, 50), 50, 10, order);
    expect(pages.slots.map((s) => s.length)).toEqual([10, 10, 10, 10, 10, 10]);
    expect(pages.slots.at(-1)!.known).toBe(false);
  });

  it('a bounded page that grew past the split size is split, and the rest up to its old end is read later', () => {
    let pages = applyRead(initialPages(10), slotId(initialPages(10).slots[0]!), rows(0, 10), 10, 10, order);
    const first = pages.slots[0]!;
    pages = applyRead(pages, slotId(first), rows(0, 10 * SPLIT_FACTOR), 10 * SPLIT_FACTOR, 10, order);
    expect(pages.slots.slice(0, SPLIT_FACTOR).every((s) => s.length === 10 && s.known)).toBe(true);
    const rest = pages.slots[SPLIT_FACTOR]!;
    expect(rest.known).toBe(false);
    expect(rest.end).toEqual(first.end);
  });

  it('keeps unchanged rows (same objects) and the page array when a re-read finds nothing new', () => {
    let pages = applyRead(initialPages(10), slotId(initialPages(10).slots[0]!), rows(0, 10), 10, 10, order);
    const before = pages.slots[0]!.rows!;
    const again = applyRead(pages, slotId(pages.slots[0]!), rows(0, 10), 10 * SPLIT_FACTOR, 10, order);
    expect(again).toBe(pages);
    const changed = rows(0, 10).map((r, i) => (i === 3 ? { ...r, title: 'Renamed' } : r));
    pages = applyRead(pages, slotId(pages.slots[0]!), changed, 10 * SPLIT_FACTOR, 10, order);
    const after = pages.slots[0]!.rows!;
    expect(after[0]).toBe(before[0]);
    expect(after[3]).not.toBe(before[3]);
  });

  it('drops rows of pages that left the window but keeps their lengths; finds the page of a position', () => {
    let pages = applyRead(initialPages(10), slotId(initialPages(10).slots[0]!), rows(0, 30), 30, 10, order);
    pages = evict(pages, new Set([slotId(pages.slots[1]!)]));
    expect(pages.slots.map((s) => s.rows?.length)).toEqual([undefined, 10, undefined, undefined]);
    const offsets = offsetsOf(pages.slots);
    expect([0, 9, 10, 29, 35, 40].map((i) => slotAt(offsets, i))).toEqual([0, 0, 1, 2, 3, -1]);
  });

  it('a re-read page replaces an incident whose row gained an SLA change even though its fields and updatedAt are the same', () => {
    // A full first page is bounded; re-reading a bounded page keeps the incidents that did not change.
    const first = rows(0, 10);
    let pages = applyRead(initialPages(10), slotId(initialPages(10).slots[0]!), first, 10, 10, order);
    const again = rows(0, 10);
    // A pulled status change that lost the merge: the row's clock changed, the incident's fields did not.
    keepRowSla(again[1]!, { slaGroup: 1, slaKey: 60_000, slaChanges: [{ atMs: 1, hlc: 'h', to: 'on_hold' }] });
    keepRowSla(first[1]!, { slaGroup: 0, slaKey: 120_000, slaChanges: [] });
    keepRowSla(again[0]!, { slaGroup: 0, slaKey: 1, slaChanges: [] });
    keepRowSla(first[0]!, { slaGroup: 0, slaKey: 1, slaChanges: [] });
    pages = applyRead(pages, slotId(pages.slots[0]!), again, 10, 10, order);
    const kept = pages.slots[0]!.rows!;
    expect(kept[0]).toBe(first[0]);
    expect(kept[1]).toBe(again[1]);
    expect(kept[2]).toBe(first[2]);
  });
});
