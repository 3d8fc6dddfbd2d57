// Benchmark "list-first-page-100k": seed many incidents, then listIncidentsPage vs a raw reverse index cursor.
import { createIncidentRepository, ensureDevice, listIncidentsPage, openLanternDb, type LanternDb } from '../../../renderer/db';
import { toIncidentRow } from '../../../renderer/db/incident-row';
import { LIST_STATUS, type ListFirstPageOptions, type PairedRuns, type SeedOptions, type SeedReport } from '../lib/bench-protocol';
import { incidentInput, syntheticIncident } from './fixtures';
import { readNewestByPrefix } from './raw-idb';
import { meanMs, pairedRuns } from './timing';

const DB_NAME = 'lantern-bench-list';
const INDEX = '[status+updatedAt]';

let listDb: LanternDb | null = null;

async function openListDb(): Promise<LanternDb> {
  if (!listDb) {
    listDb = openLanternDb(DB_NAME);
    await ensureDevice(listDb);
  }
  return listDb;
}

/** Rows go in through the store's own row function, in bulk transactions of `chunkSize`. */
export async function seedIncidents({ count, chunkSize }: SeedOptions): Promise<SeedReport> {
  const db = await openListDb();
  const recorded = await createIncidentRepository(db).record(incidentInput(0));
  if (!recorded.ok) throw new Error(`Could not record the seed template: ${recorded.error.message}`);
  const start = performance.now();
  const now = Date.now();
  let matching = 0;
  for (let done = 0; done < count; done += chunkSize) {
    const size = Math.min(chunkSize, count - done);
    const rows = Array.from({ length: size }, (_, i) => toIncidentRow(syntheticIncident(recorded.value, done + i + 1, now)));
    matching += rows.filter((row) => row.status === LIST_STATUS).length;
    await db.incidents.bulkPut(rows);
  }
  return { seeded: count, matching, ms: performance.now() - start };
}

export async function listFirstPage({ runs, queriesPerRun, limit }: ListFirstPageOptions): Promise<PairedRuns> {
  const db = await openListDb();
  const idb = db.backendDB();
  await checkSameRows(db, idb, limit);
  return pairedRuns(
    runs,
    () => meanMs(queriesPerRun, () => listIncidentsPage(db, { status: LIST_STATUS, limit })),
    () => meanMs(queriesPerRun, () => readNewestByPrefix(idb, 'incidents', INDEX, LIST_STATUS, limit)),
  );
}

/** A fast wrong answer is no answer: both sides must return the same, correctly ordered page. */
async function checkSameRows(db: LanternDb, idb: IDBDatabase, limit: number): Promise<void> {
  const page = await listIncidentsPage(db, { status: LIST_STATUS, limit });
  const raw = (await readNewestByPrefix(idb, 'incidents', INDEX, LIST_STATUS, limit)) as { id: string }[];
  if (page.length !== limit) throw new Error(`listIncidentsPage returned ${page.length} rows, expected ${limit}`);
  const ids = page.map((row) => row.id).join();
  if (ids !== raw.map((row) => row.id).join()) throw new Error('listIncidentsPage and the raw cursor returned different rows');
  for (let i = 0; i < page.length; i++) {
    const row = page[i]!;
    if (row.status !== LIST_STATUS) throw new Error(`Row ${i} has status ${row.status}`);
    if (i > 0 && page[i - 1]!.updatedAt < row.updatedAt) throw new Error(`Rows ${i - 1} and ${i} are not newest first`);
  }
}
