// Benchmark "list-first-page-100k": listIncidentsPage vs a raw reverse index cursor, on the app database seeded by seedUi.
import { DEFAULT_DB_NAME, ensureDevice, findIncidentsPage, listIncidentsPage, listOrder, openLanternDb, type FindQuery, type LanternDb } from '../../../renderer/db';
import { median } from '../lib/stats';
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
  const paired = await pairedRuns(
    runs,
    () => meanMs(queriesPerRun, () => listIncidentsPage(db, { status: LIST_STATUS, limit })),
    () => meanMs(queriesPerRun, () => readNewestByPrefix(idb, 'incidents', INDEX, LIST_STATUS, limit)),
  );
  return { ...paired, breakdown: await slaSortFigures(db, runs, queriesPerRun, limit) };
}

/** The list sorted by SLA time left ([slaGroup+slaKey]): first page with no filter and with the status filter. */
async function slaSortFigures(db: LanternDb, runs: number, queriesPerRun: number, limit: number): Promise<Record<string, number>> {
  const queries: Record<string, FindQuery> = {
    'SLA sort, first page ms': { sort: { key: 'slaDue', dir: 'asc' } },
    [`SLA sort + status ${LIST_STATUS}, first page ms`]: { statuses: [LIST_STATUS], sort: { key: 'slaDue', dir: 'asc' } },
  };
  const figures: Record<string, number> = {};
  for (const [name, query] of Object.entries(queries)) {
    await checkSlaOrder(db, query, limit);
    const perRun: number[] = [];
    for (let run = 0; run < runs; run++) perRun.push(await meanMs(queriesPerRun, () => findIncidentsPage(db, query, { limit })));
    figures[name] = median(perRun);
  }
  return figures;
}

async function checkSlaOrder(db: LanternDb, query: FindQuery, limit: number): Promise<void> {
  const page = await findIncidentsPage(db, query, { limit });
  if (page.length !== limit) throw new Error(`The SLA-sorted page held ${page.length} rows, expected ${limit}`);
  const order = listOrder(query.sort);
  for (let i = 1; i < page.length; i++) {
    if (order.compare(order.keyOf(page[i - 1]!), order.keyOf(page[i]!)) >= 0) throw new Error(`SLA-sorted rows ${i - 1} and ${i} are out of order`);
  }
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
