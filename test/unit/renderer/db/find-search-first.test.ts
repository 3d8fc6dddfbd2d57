// A common search word's first page comes from a key walk of the sort's index: same rows, same order as sorting every hit.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository, findIncidentsPage, listOrder, toIncidentRow, type FindQuery } from '../../../../renderer/db';
import type { LanternDb } from '../../../../renderer/db/database';
import { formatIncidentNumber, newId, type Incident, type Status } from '../../../../shared/domain';
import { freshDb, START_MS, testClock } from './db-test-kit';

let db: LanternDb;
afterEach(() => db?.close());

const TOTAL = 6000;
const STATUSES: Status[] = ['new', 'assigned', 'in_progress', 'resolved'];

/** 6,000 incidents; every 7th mentions "chiller" (~860 hits, above the walk threshold), updatedAt ties in runs of 4. */
async function seed(): Promise<Incident[]> {
  db = freshDb('search-first');
  const first = await createIncidentRepository(db, testClock()).record({ title: 'Seed incident' });
  if (!first.ok) throw new Error(first.error.message);
  const prefix = first.value.number.slice(0, 4);
  const rows = Array.from({ length: TOTAL }, (_, i): Incident => ({
    ...first.value,
    id: newId(),
    number: formatIncidentNumber(prefix, i + 1),
    title: i % 7 === 0 ? `Chiller ${i} tripped` : `Boiler ${i} tripped`,
    status: STATUSES[i % 4]!,
    updatedAt: new Date(START_MS + Math.floor(((i * 7919) % TOTAL) / 4) * 1000).toISOString(),
  }));
  await db.incidents.clear();
  await db.incidents.bulkAdd(rows.map((row) => toIncidentRow(row)));
  return rows;
}

function expected(rows: Incident[], query: FindQuery, match: (row: Incident) => boolean, limit: number): string[] {
  const order = listOrder(query.sort);
  return rows
    .filter(match)
    .sort((a, b) => order.compare(order.keyOf(a), order.keyOf(b)))
    .slice(0, limit)
    .map((row) => row.id);
}

describe('first page of a common search word', () => {
  it('matches the fully sorted hits in both directions and with a filter the walk checks on the rows', async () => {
    const rows = await seed();
    const cases: { query: FindQuery; match: (row: Incident) => boolean }[] = [
      { query: { text: 'chiller' }, match: (r) => r.title.startsWith('Chiller') },
      { query: { text: 'chiller', sort: { key: 'updatedAt', dir: 'asc' } }, match: (r) => r.title.startsWith('Chiller') },
      { query: { text: 'chil', sort: { key: 'number', dir: 'asc' } }, match: (r) => r.title.startsWith('Chiller') },
      { query: { text: 'chiller', statuses: ['resolved'] }, match: (r) => r.title.startsWith('Chiller') && r.status === 'resolved' },
    ];
    for (const { query, match } of cases) {
      const page = await findIncidentsPage(db, query, { limit: 50 });
      expect(page.map((row) => row.id)).toEqual(expected(rows, query, match, 50));
    }
  }, 60_000);
});
