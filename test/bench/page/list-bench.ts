// Benchmark "list-first-page-100k": listIncidentsPage vs a raw reverse index cursor, on the app database seeded by seedUi.
import { DEFAULT_DB_NAME, ensureDevice, listIncidentsPage, openLanternDb, type LanternDb } from '../../../renderer/db';
import { LIST_STATUS, type ListFirstPageOptions, type PairedRuns } from '../lib/bench-protocol';
import { readNewestByPrefix } from './raw-idb';
import { meanMs, pairedRuns } from './timing';

const DB_NAME = DEFAULT_DB_NAME;
const INDEX = '[status+updatedAt]';

let listDb: LanternDb | null = null;

async function openListDb(): Promise<LanternDb> {
  if (!listDb) {
    listDb = openLanternDb(DB_NAME);
    await ensureDevice(listDb);
  }
  return listDb;
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
