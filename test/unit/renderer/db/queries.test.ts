// Reads: incident pages walk an index newest first with a stable tie-break; timeline in HLC order; outbox count.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  countPendingOutbox,
  createIncidentRepository,
  getIncident,
  getTimeline,
  listIncidentsPage,
  nextPageCursor,
  type IncidentPageQuery,
  type PageCursor,
} from '../../../../renderer/db';
import type { LanternDb } from '../../../../renderer/db/database';
import { compareHlc, newId, type Incident, type Status } from '../../../../shared/domain';
import { freshDb, testClock } from './db-test-kit';

let db: LanternDb;
afterEach(() => {
  vi.restoreAllMocks();
  db?.close();
});

/** 120 incidents; the clock moves one second per three writes, so many share updatedAt (ties). */
async function seed120(): Promise<void> {
  db = freshDb('paging');
  const clock = testClock();
  const repo = createIncidentRepository(db, clock);
  let writes = 0;
  const tick = () => {
    writes += 1;
    if (writes % 3 === 0) clock.advance(1_000);
  };
  for (let i = 0; i < 120; i++) {
    const result = await repo.record({ title: `Incident ${i}` });
    if (!result.ok) throw new Error(result.error.message);
    tick();
    const id = result.value.id;
    // Mixed statuses, and status changes move some rows to a later updatedAt.
    if (i % 4 === 1) await expectOk(repo.changeStatus(id, 'assigned', { team: 'Facilities' }));
    if (i % 4 === 2) await expectOk(repo.changeStatus(id, 'on_hold', { holdReason: 'Awaiting parts', team: 'Facilities' }));
    tick();
  }
}

async function expectOk(result: Promise<{ ok: boolean }>) {
  expect((await result).ok).toBe(true);
}

/** The order the list must show, computed the slow way from the whole table (tests only). */
async function expectedOrder(status?: Status): Promise<string[]> {
  const all = await db.incidents.toArray();
  return all
    .filter((row) => status === undefined || row.status === status)
    .sort((a, b) => (a.updatedAt === b.updatedAt ? (a.id < b.id ? 1 : -1) : a.updatedAt < b.updatedAt ? 1 : -1))
    .map((row) => row.id);
}

async function walkPages(query: Omit<IncidentPageQuery, 'before'>): Promise<Incident[][]> {
  const pages: Incident[][] = [];
  let before: PageCursor | null | undefined;
  do {
    const page = await listIncidentsPage(db, { ...query, ...(before ? { before } : {}) });
    pages.push(page);
    before = nextPageCursor(page, query.limit);
  } while (before && pages.length < 500);
  return pages;
}

describe('listIncidentsPage', () => {
  it('pages one status newest first: 50, then the rest via `before`, no duplicates, no gaps', async () => {
    await seed120();
    const expected = await expectedOrder('new');
    expect(expected.length).toBe(60);
    const first = await listIncidentsPage(db, { status: 'new' });
    expect(first).toHaveLength(50);
    expect(first.map((i) => i.id)).toEqual(expected.slice(0, 50));
    expect(first.every((i) => i.status === 'new')).toBe(true);
    expect(first[0]).not.toHaveProperty('categoryKey');

    const second = await listIncidentsPage(db, { status: 'new', before: nextPageCursor(first)! });
    expect(second.map((i) => i.id)).toEqual(expected.slice(50));
    expect(nextPageCursor(second)).toBeNull();
  });

  it('pages all statuses by updatedAt, and small pages that split tie groups still cover every row once', async () => {
    await seed120();
    for (const limit of [50, 7, 1]) {
      const ids = (await walkPages({ limit })).flat().map((i) => i.id);
      expect(ids).toEqual(await expectedOrder());
      expect(new Set(ids).size).toBe(120);
    }
    for (const status of ['assigned', 'on_hold'] as const) {
      const ids = (await walkPages({ status, limit: 4 })).flat().map((i) => i.id);
      expect(ids).toEqual(await expectedOrder(status));
    }
  });

  it('breaks updatedAt ties by id, descending', async () => {
    await seed120();
    const page = await listIncidentsPage(db, { limit: 120 });
    let ties = 0;
    for (let i = 1; i < page.length; i++) {
      const [prev, cur] = [page[i - 1]!, page[i]!];
      if (prev.updatedAt === cur.updatedAt) {
        ties += 1;
        expect(prev.id > cur.id).toBe(true);
      } else expect(prev.updatedAt > cur.updatedAt).toBe(true);
    }
    expect(ties).toBeGreaterThan(20);
  });

  it('reads about one page of index entries, not the whole table', async () => {
    await seed120();
    // Dexie reads a plain range with getAll({ count }) and a filtered one with a cursor; count both.
    const getAll = vi.spyOn(IDBIndex.prototype, 'getAll');
    const steps = vi.spyOn(IDBCursor.prototype, 'continue');
    const rowsRequested = () => {
      const fromGetAll = getAll.mock.calls.reduce((sum, [options]) => {
        const count = (options as { count?: number } | null | undefined)?.count;
        return sum + (typeof count === 'number' ? count : Number.POSITIVE_INFINITY);
      }, 0);
      return fromGetAll + steps.mock.calls.length;
    };

    const first = await listIncidentsPage(db, { status: 'new', limit: 10 });
    expect(rowsRequested()).toBeGreaterThanOrEqual(10);
    expect(rowsRequested()).toBeLessThanOrEqual(11);
    getAll.mockClear();
    steps.mockClear();

    await listIncidentsPage(db, { limit: 10, before: nextPageCursor(first, 10)! });
    // 10 rows plus the rows tied with the cursor (at most 2 others here).
    expect(rowsRequested()).toBeGreaterThanOrEqual(9);
    expect(rowsRequested()).toBeLessThanOrEqual(13);
  });

  it('returns an empty page for an empty database or an unused status', async () => {
    db = freshDb('paging-empty');
    expect(await listIncidentsPage(db)).toEqual([]);
    expect(await listIncidentsPage(db, { status: 'closed' })).toEqual([]);
  });
});

describe('getIncident, getTimeline, countPendingOutbox', () => {
  it('returns the incident or null, the timeline in HLC order, and the pending operation count', async () => {
    db = freshDb('reads');
    const clock = testClock();
    const repo = createIncidentRepository(db, clock);
    const recorded = await repo.record({ title: 'Chiller alarm' });
    if (!recorded.ok) throw new Error(recorded.error.message);
    const id = recorded.value.id;
    const other = await repo.record({ title: 'Other incident' });
    expect(other.ok).toBe(true);
    await expectOk(repo.addNote(id, 'First note'));
    clock.advance(-10 * 60_000); // clock jumps back: HLC keeps the order anyway
    await expectOk(repo.changeStatus(id, 'in_progress', { assignee: 'Sam Lee' }));
    await expectOk(repo.addNote(id, 'Second note'));

    expect(await getIncident(db, id)).toMatchObject({ id, status: 'in_progress', assignee: 'Sam Lee' });
    expect(await getIncident(db, newId())).toBeNull();

    const timeline = await getTimeline(db, id);
    expect(timeline.map((e) => e.kind)).toEqual(['created', 'note', 'status_changed', 'note']);
    expect(timeline.every((e) => e.incidentId === id)).toBe(true);
    for (let i = 1; i < timeline.length; i++) expect(compareHlc(timeline[i - 1]!.hlc, timeline[i]!.hlc)).toBeLessThan(0);

    expect(await countPendingOutbox(db)).toBe(5);
    await db.outbox.update(1, { state: 'acknowledged' });
    expect(await countPendingOutbox(db)).toBe(4);
  });
});
