// Where a save's time goes: the same rows written raw (with/without indexes, meta, reads) and through Dexie, in one page.
import { Dexie } from 'dexie';
import { createIncidentRepository, ensureDevice, openLanternDb, type IncidentRepository, type LanternDb } from '../../../renderer/db';
import { createHlc, newId, recordIncident, SEED_SLA_POLICY_SET, tickHlc, zonedTimeFromEpoch, type CommandContext } from '../../../shared/domain';
import { operationSchema, toOperation } from '../../../shared/sync/operation';
import { rememberChangeMeta } from '../../../renderer/db/change-meta';
import { incidentRowAfter } from '../../../renderer/db/incident-row';
import { incidentInput, rawRecord } from './fixtures';
import { openRawDb, openRawSchema, strictPut, strictWriteRows, type RawStoreSpec, type RawTxOptions, type RawWrite } from './raw-idb';

type Row = Record<string, unknown>;

/** One saved incident's rows as record() stored them; copies with fresh keys are written by the variants. */
interface Templates {
  incident: Row;
  event: Row;
  operation: Row;
  counters: Row;
  hlc: Row;
}

export interface Variant {
  name: string;
  save: () => Promise<unknown>;
}

const WRITE_STORES = ['incidents', 'timeline', 'outbox', 'meta'];

/** The rows record() stores, as templates, and every way of writing them that the decomposition compares. */
export interface SaveVariants {
  variants: readonly Variant[];
  templates: Templates;
  close(): void;
}

export const RAW_SAME_ROWS = 'raw tx, same rows';

export async function prepareSaveVariants(): Promise<SaveVariants> {
  const cleanup: (() => void)[] = [];
  const close = () => {
    for (const done of cleanup.splice(0)) done();
  };
  try {
    const source = await lanternDb('lantern-bench-decompose-source', cleanup);
    const templates = await recordTemplates(source, createIncidentRepository(source));
    return { variants: await buildVariants(templates, cleanup), templates, close };
  } catch (error) {
    close();
    throw error;
  }
}

/**
 * Median ms per save of each variant, the pure CPU part of a save, and the stored size of each row (bytes of JSON).
 * Save by save, rotating through the variants round by round, so load on a shared machine hits every variant
 * alike (blocks of saves drifted by ±50 % between variants under load).
 */
export async function decomposeSave({ variants, templates }: SaveVariants, rounds: number): Promise<Record<string, number>> {
  const figures: Record<string, number[]> = {};
  for (let round = 0; round < rounds + 1; round++) {
    for (let i = 0; i < variants.length; i++) {
      const variant = variants[(i + round) % variants.length];
      if (!variant) continue;
      const start = performance.now();
      await variant.save();
      // Round 0 warms every path up (JIT, first pages of each store) and is not reported.
      if (round > 0) (figures[variant.name] ??= []).push(performance.now() - start);
    }
  }
  const result: Record<string, number> = {};
  for (const [name, values] of Object.entries(figures)) result[`${name}, interleaved ms`] = median(values);
  result['domain + validation cpu ms'] = domainCpuMs(200);
  for (const [name, row] of Object.entries(templates)) result[`${name} row bytes`] = JSON.stringify(row).length;
  result['searchKeys per incident'] = Array.isArray(templates.incident['searchKeys']) ? templates.incident['searchKeys'].length : 0;
  return result;
}

async function lanternDb(name: string, cleanup: (() => void)[]): Promise<LanternDb> {
  await Dexie.delete(name);
  const db = openLanternDb(name);
  cleanup.push(() => db.close());
  await ensureDevice(db);
  return db;
}

async function recordTemplates(db: LanternDb, repository: IncidentRepository): Promise<Templates> {
  const result = await repository.record(incidentInput(0));
  if (!result.ok) throw new Error(result.error.message);
  const id = result.value.id;
  const [incident, event, operation, counters, hlc] = await Promise.all([
    db.incidents.get(id),
    db.timeline.where('[incidentId+hlc]').between([id, Dexie.minKey], [id, Dexie.maxKey]).first(),
    db.outbox.where('incidentId').equals(id).first(),
    db.meta.get('counters'),
    db.meta.get('hlc'),
  ]);
  if (!incident || !event || !operation || !counters || !hlc) throw new Error('record() did not store every row');
  return { incident, event, operation, counters, hlc } as unknown as Templates;
}

let serial = 1_000_000;

/** Fresh copies of the template rows (new keys), as one save would write them. */
function rowsFor(t: Templates, change: { searchKeys?: string[]; oneMeta?: boolean; noMeta?: boolean } = {}): RawWrite[] {
  serial += 1;
  const id = newId();
  const incident = { ...t.incident, id, number: `BNCH-${serial}`, ...(change.searchKeys ? { searchKeys: change.searchKeys } : {}) };
  const writes: RawWrite[] = [
    { store: 'incidents', value: incident },
    { store: 'timeline', value: { ...t.event, id: newId(), incidentId: id } },
    { store: 'outbox', value: { ...t.operation, deviceSeq: serial, opId: newId(), incidentId: id } },
  ];
  if (change.noMeta) return writes;
  if (change.oneMeta) return [...writes, { store: 'meta', value: { key: 'clock', value: { counters: t.counters['value'], hlc: t.hlc['value'] } } }];
  return [...writes, { store: 'meta', value: t.counters }, { store: 'meta', value: t.hlc }];
}

/** The Lantern schema as raw store specs, optionally without some indexes. */
function specsOf(db: LanternDb, keepIndex: (table: string, index: { name: string; compound: boolean; multi: boolean }) => boolean): RawStoreSpec[] {
  return db.tables.map((table) => ({
    name: table.name,
    keyPath: table.schema.primKey.keyPath ?? 'id',
    indexes: table.schema.indexes
      .filter((index) => keepIndex(table.name, { name: index.name, compound: Boolean(index.compound), multi: Boolean(index.multi) }))
      .map((index) => ({ name: index.name, keyPath: index.keyPath ?? index.name, unique: Boolean(index.unique), multiEntry: Boolean(index.multi) })),
  }));
}

async function rawDb(name: string, specs: RawStoreSpec[], cleanup: (() => void)[]): Promise<IDBDatabase> {
  const db = await openRawSchema(name, specs);
  cleanup.push(() => db.close());
  return db;
}

async function buildVariants(t: Templates, cleanup: (() => void)[]): Promise<Variant[]> {
  const shape = await lanternDb('lantern-bench-decompose-shape', cleanup);
  const all = () => true;
  const full = await rawDb('lantern-bench-raw-full', specsOf(shape, all), cleanup);
  const noCompound = await rawDb('lantern-bench-raw-nocompound', specsOf(shape, (table, ix) => table !== 'incidents' || !ix.compound), cleanup);
  const noIncidentIndexes = await rawDb('lantern-bench-raw-noincidentix', specsOf(shape, (table) => table !== 'incidents'), cleanup);
  const noIndexes = await rawDb('lantern-bench-raw-noix', specsOf(shape, () => false), cleanup);
  const raw = (name: string, db: IDBDatabase, rows: () => RawWrite[], options?: RawTxOptions): Variant => ({ name, save: () => strictWriteRows(db, rows(), options) });
  const metaReads = ['device', 'counters', 'hlc', 'currentUser'].map((key) => ({ store: 'meta', key }));

  const plain = await openRawDb('lantern-bench-decompose-plain', 'records');
  cleanup.push(() => plain.close());
  const dexie = await lanternDb('lantern-bench-decompose-dexie', cleanup);
  const hooked = await lanternDb('lantern-bench-decompose-hooked', cleanup);
  subscribeFeederLikeHooks(hooked);
  const recordDb = await lanternDb('lantern-bench-decompose-record', cleanup);
  const recordHookedDb = await lanternDb('lantern-bench-decompose-record-hooked', cleanup);
  subscribeFeederLikeHooks(recordHookedDb);
  const records = createIncidentRepository(recordDb);
  const recordsHooked = createIncidentRepository(recordHookedDb);
  let index = 0;

  return [
    { name: 'baseline (raw 1 KB put, plain store)', save: () => strictPut(plain, 'records', rawRecord(++serial)) },
    raw('raw 1 row, plain store, relaxed', noIndexes, () => [{ store: 'outbox', value: { ...t.incident, deviceSeq: ++serial } }], { durability: 'relaxed' }),
    raw(RAW_SAME_ROWS, full, () => rowsFor(t)),
    raw('raw tx, same rows, relaxed', full, () => rowsFor(t), { durability: 'relaxed' }),
    raw('raw tx, same rows, meta read first', full, () => rowsFor(t), { reads: metaReads }),
    raw('raw tx, same rows, puts awaited one by one', full, () => rowsFor(t), { sequential: true }),
    raw('raw tx, one meta row', full, () => rowsFor(t, { oneMeta: true })),
    raw('raw tx, no meta rows', full, () => rowsFor(t, { noMeta: true })),
    raw('raw tx, incident row only', full, () => rowsFor(t).slice(0, 1)),
    raw('raw tx, same rows, empty searchKeys', full, () => rowsFor(t, { searchKeys: [] })),
    raw('raw tx, no compound indexes', noCompound, () => rowsFor(t)),
    raw('raw tx, no incident indexes', noIncidentIndexes, () => rowsFor(t)),
    raw('raw tx, no secondary indexes', noIndexes, () => rowsFor(t)),
    { name: 'dexie tx, same rows', save: () => dexieWrite(dexie, rowsFor(t)) },
    { name: 'dexie tx, same rows, feeder hooks', save: () => dexieWrite(hooked, rowsFor(t)) },
    { name: 'dexie tx, same rows, meta read + number count first', save: () => dexieWrite(dexie, rowsFor(t), true) },
    { name: 'record()', save: () => recordOk(records, ++index) },
    {
      name: 'record(), meta read first (no guess)',
      save: () => {
        rememberChangeMeta(recordDb, undefined);
        return recordOk(records, ++index);
      },
    },
    { name: 'record(), feeder hooks', save: () => recordOk(recordsHooked, ++index) },
  ];
}

async function recordOk(repository: IncidentRepository, index: number): Promise<void> {
  const result = await repository.record(incidentInput(index));
  if (!result.ok) throw new Error(`record() refused the bench input: ${result.error.message}`);
}

/**
 * The same five rows through Dexie: one rw transaction, all requests issued together (as commitChange does);
 * `readFirst`: after the two awaited reads a change used to make before writing (meta, then the number).
 */
function dexieWrite(db: LanternDb, writes: RawWrite[], readFirst = false): Promise<unknown> {
  return db.transaction('rw', WRITE_STORES, async () => {
    if (readFirst) {
      await db.meta.bulkGet(['device', 'counters', 'hlc', 'currentUser']);
      await db.incidents.where('number').equals(`BNCH-${serial}`).count();
    }
    return Promise.all(writes.map((w) => (w.store === 'meta' ? db.table(w.store).put(w.value) : db.table(w.store).add(w.value))));
  });
}

/** What the notification feeder subscribes in the app (no-op bodies): Dexie then reads old values before each put. */
function subscribeFeederLikeHooks(db: LanternDb): void {
  const ignore = () => undefined;
  db.incidents.hook('creating', ignore);
  db.incidents.hook('updating', ignore);
  db.incidents.hook('deleting', ignore);
  db.timeline.hook('creating', ignore);
  db.meta.hook('creating', ignore);
  db.meta.hook('updating', ignore);
}

/** The pure part of record(): the domain command, the operation and its validation, the row with its words. */
function domainCpuMs(count: number): number {
  const deviceId = newId();
  let hlc = createHlc(deviceId);
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const tick = tickHlc(hlc, Date.now());
    hlc = tick.state;
    const ctx: CommandContext = { deviceId, author: { name: 'Bench' }, now: zonedTimeFromEpoch(Date.now(), 60), hlc: tick.stamp, newId };
    const result = recordIncident(incidentInput(i), i + 1, 'BNCH', ctx);
    if (!result.ok) throw new Error(result.error.message);
    const operation = toOperation(result.value.change, { opId: newId(), deviceId, deviceSeq: i + 1, hlc: tick.stamp });
    if (!operationSchema.safeParse(operation).success) throw new Error('bench operation invalid');
    incidentRowAfter(undefined, result.value.incident, result.value.event, SEED_SLA_POLICY_SET);
  }
  return (performance.now() - start) / count;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
