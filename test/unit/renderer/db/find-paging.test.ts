// Keyset paging of the incident list: pages continue from the last row's key, in every sort, with filters, across writes.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository, findIncidentsPage, listOrder, toIncidentRow, type FindQuery, type ListKey } from '../../../../renderer/db';
import type { LanternDb } from '../../../../renderer/db/database';
import { countIncidents } from '../../../../renderer/db/find-count';
import { SORT_KEYS, type FindSort } from '../../../../renderer/db/find-order';
import { formatIncidentNumber, newId, type Incident, type Priority, type Status } from '../../../../shared/domain';
import { freshDb, pageThrough as pageThroughDb, START_MS, testClock } from './db-test-kit';

let db: LanternDb;
afterEach(() => db?.close());

const STATUS_CYCLE: Status[] = ['new', 'assigned', 'in_progress', 'resolved'];
const TEAMS = ['Service desk', 'Facilities', ''];
const ROWS = 120;

/** 120 incidents whose sort values repeat a lot (every 5 share an updatedAt, every 3 a createdAt), so page boundaries fall inside ties. */
async function seedMany(): Promise<Incident[]> {
  db = freshDb('paging');
  const repo = createIncidentRepository(db, testClock());
  const first = await repo.record({ title: 'Seed incident' });
  if (!first.ok) throw new Error(first.error.message);
  const base = first.value;
  const prefix = base.number.slice(0, 4);
  const rows = Array.from({ length: ROWS }, (_, i): Incident => {
    const team = TEAMS[i % 3]!;
    return {
      ...base,
      id: newId(),
      // Numbers repeat too (two devices may draw the same prefix): 0001..0040, three times.
      number: formatIncidentNumber(prefix, (i % 40) + 1),
      title: `${i % 2 === 0 ? 'Pump' : 'Valve'} fault ${i}`,
      priority: ((i % 4) + 1) as Priority,
      status: STATUS_CYCLE[i % 4]!,
      team: team === '' ? null : team,
      assignee: null,
      createdAt: new Date(START_MS + Math.floor(i / 3) * 60_000).toISOString(),
      updatedAt: new Date(START_MS + Math.floor(i / 5) * 1000).toISOString(),
    };
  });
  await db.incidents.clear();
  await db.incidents.bulkAdd(rows.map((row) => toIncidentRow(row)));
  return rows;
}

/** The whole list, page by page (db-test-kit's pageThrough on this file's database). */
const pageThrough = (query: FindQuery, limit: number) => pageThroughDb(db, query, limit);

function expected(rows: readonly Incident[], query: FindQuery, match: (row: Incident) => boolean): string[] {
  const order = listOrder(query.sort);
  return rows.filter(match).sort((a, b) => order.compare(order.keyOf(a), order.keyOf(b))).map((row) => row.id);
}

const ids = (rows: readonly Incident[]) => rows.map((row) => row.id);
const SORTS: FindSort[] = SORT_KEYS.filter((key) => key !== 'slaDue').flatMap((key) => [{ key, dir: 'asc' as const }, { key, dir: 'desc' as const }]);

// Many small pages over 120 rows in fake-indexeddb: slow on a loaded machine, hence the longer timeout.
describe('keyset pages', { timeout: 30_000 }, () => {
  it('every sort in both directions: pages of 7 rows join into the whole list, in order, none lost or repeated', async () => {
    const rows = await seedMany();
    for (const sort of SORTS) {
      const paged = await pageThrough({ sort }, 7);
      expect(ids(paged), `${sort.key} ${sort.dir}`).toEqual(expected(rows, { sort }, () => true));
      expect(new Set(ids(paged)).size).toBe(ROWS);
    }
  });

  it('continues inside a run of equal sort values (the id breaks the tie)', async () => {
    const rows = await seedMany();
    // updatedAt repeats in runs of 5: a page of 3 ends inside a run every time.
    const paged = await pageThrough({ sort: { key: 'updatedAt', dir: 'desc' } }, 3);
    expect(ids(paged)).toEqual(expected(rows, {}, () => true));
  });

  it('combines filters with every sort: statuses (merged ranges), team, priorities, date range, search', async () => {
    const rows = await seedMany();
    const from = new Date(START_MS + 5 * 60_000).toISOString();
    const to = new Date(START_MS + 30 * 60_000).toISOString();
    const cases: { query: FindQuery; match: (row: Incident) => boolean }[] = [
      { query: { statuses: ['new', 'in_progress'] }, match: (r) => r.status === 'new' || r.status === 'in_progress' },
      { query: { team: 'Facilities', statuses: ['new', 'assigned', 'in_progress'] }, match: (r) => r.team === 'Facilities' && r.status !== 'resolved' },
      { query: { priorities: [1, 3] }, match: (r) => r.priority === 1 || r.priority === 3 },
      { query: { unassigned: true }, match: (r) => r.team === null },
      { query: { recordedFrom: from, recordedTo: to }, match: (r) => r.createdAt >= from && r.createdAt < to },
      { query: { text: 'pump', statuses: ['new', 'in_progress'] }, match: (r) => r.title.startsWith('Pump') && (r.status === 'new' || r.status === 'in_progress') },
      // Search alone (one searchKeys range), a prefix of 11 indexed words (11, 110…119: merged ranges), two words.
      { query: { text: 'pump' }, match: (r) => r.title.startsWith('Pump') },
      { query: { text: '11' }, match: (r) => r.title.split(' ').some((word) => word.startsWith('11')) },
      { query: { text: 'fault va' }, match: (r) => r.title.startsWith('Valve') },
    ];
    for (const { query, match } of cases) {
      for (const sort of SORTS) {
        const q = { ...query, sort };
        expect(ids(await pageThrough(q, 4)), `${JSON.stringify(query)} ${sort.key} ${sort.dir}`).toEqual(expected(rows, q, match));
      }
    }
  });

  it('a bounded page returns exactly the rows between its start and end keys', async () => {
    const rows = await seedMany();
    const order = listOrder(undefined);
    const all = expected(rows, {}, () => true);
    const byId = new Map(rows.map((row) => [row.id, row]));
    const after = order.keyOf(byId.get(all[9]!)!);
    const until = order.keyOf(byId.get(all[29]!)!);
    expect(ids(await findIncidentsPage(db, {}, { after, until, limit: 1000 }))).toEqual(all.slice(10, 30));
  });

  it('a row inserted or moved between two page reads is neither lost nor repeated', async () => {
    const rows = await seedMany();
    const order = listOrder(undefined);
    const first = await findIncidentsPage(db, {}, { limit: 10 });
    // Between the reads: a new incident lands above the first page; a row from page 1 moves to the top; a row far
    // below moves into the middle of the next page's range (same updatedAt as its 3rd row).
    const third = (await findIncidentsPage(db, {}, { after: order.keyOf(first.at(-1)!), limit: 10 }))[2]!;
    const newest = new Date(START_MS + 3_600_000).toISOString();
    await db.incidents.put(toIncidentRow({ ...rows[0]!, id: newId(), title: 'Inserted', updatedAt: newest }));
    await db.incidents.put(toIncidentRow({ ...first[4]!, updatedAt: newest }));
    const moved = rows.find((row) => row.updatedAt === new Date(START_MS).toISOString())!;
    await db.incidents.put(toIncidentRow({ ...moved, updatedAt: third.updatedAt }));
    // Continue from the first page's last key: everything after it, each once.
    const after = order.keyOf(first.at(-1)!);
    const continued: Incident[] = [];
    let cursor: ListKey = after;
    for (;;) {
      const page = await findIncidentsPage(db, {}, { after: cursor, limit: 10 });
      continued.push(...page);
      if (page.length < 10) break;
      cursor = order.keyOf(page.at(-1)!);
    }
    const seen = [...ids(first), ...ids(continued)];
    // The moved row now also sorts after the first page (its new key): it is read there, once.
    expect(ids(continued)).toContain(moved.id);
    expect(seen.filter((id) => id === moved.id)).toHaveLength(1);
    expect(new Set(ids(continued)).size).toBe(continued.length);
    // Every stored row whose key is after the first page's last key is in the continuation.
    const now = await db.incidents.toArray();
    const wanted = now.filter((row) => order.compare(order.keyOf(row), after) > 0).sort((a, b) => order.compare(order.keyOf(a), order.keyOf(b)));
    expect(ids(continued)).toEqual(ids(wanted));
  });

  it('counts through indexes only for filters an index can count alone', async () => {
    await seedMany();
    expect(await countIncidents(db, {})).toBe(ROWS);
    expect(await countIncidents(db, { statuses: ['new', 'assigned'] })).toBe(60);
    expect(await countIncidents(db, { team: 'Facilities', sort: { key: 'number', dir: 'asc' } })).toBe(40);
    expect(await countIncidents(db, { recordedFrom: new Date(START_MS).toISOString(), recordedTo: new Date(START_MS + 60_000).toISOString() })).toBe(3);
    expect(await countIncidents(db, { team: 'Facilities', statuses: ['new'] })).toBeUndefined();
    // A search of one word that prefixes one indexed word is counted on its range; 'fa' prefixes only 'fault'.
    expect(await countIncidents(db, { text: 'pump' })).toBe(ROWS / 2);
    expect(await countIncidents(db, { text: 'FA' })).toBe(ROWS);
    expect(await countIncidents(db, { text: 'zebra' })).toBe(0);
    // Text without a searchable word does not filter, so it counts everything.
    expect(await countIncidents(db, { text: 'a' })).toBe(ROWS);
    // A prefix of several indexed words (11, 110…119), two words, or search plus a filter: not counted.
    expect(await countIncidents(db, { text: '11' })).toBeUndefined();
    expect(await countIncidents(db, { text: 'pump fault' })).toBeUndefined();
    expect(await countIncidents(db, { text: 'pump', statuses: ['new'] })).toBeUndefined();
  });
});
