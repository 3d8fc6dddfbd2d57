// Schema v10: rows of incidents with clock-marked entries get their SLA start, changes and order key at corrected times.
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository, ensureDevice, SCHEMA_VERSIONS, type IncidentRow } from '../../../../renderer/db';
import { LanternDb } from '../../../../renderer/db/database';
import { writeMeta } from '../../../../renderer/db/meta';
import { applySchema } from '../../../../renderer/db/schema';
import { freshDb, must, START_MS, testClock } from './db-test-kit';

const open: Dexie[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('schema v10 upgrade', () => {
  it('rewrites the SLA fields of an incident recorded on a laptop 6 h behind, and leaves an unmarked one alone', async () => {
    const source = freshDb('v10-source');
    open.push(source);
    await ensureDevice(source);
    const right = createIncidentRepository(source, testClock(START_MS));
    const plain = must(await right.record({ title: 'Printer jam', impact: 3, urgency: 3 }));
    const behindClock = testClock(START_MS - 6 * HOUR);
    await writeMeta(source, 'clockCheck', { checkedAtMs: START_MS - 6 * HOUR - MIN, hqMinusDeviceMs: 6 * HOUR });
    const behind = createIncidentRepository(source, behindClock);
    const skewed = must(await behind.record({ title: 'Ward 3 oxygen alarm', impact: 1, urgency: 1 }));
    behindClock.advance(10 * MIN);
    must(await behind.edit(skewed.id, { assignee: 'Kim Ortiz' }));
    const expected = await source.incidents.orderBy('id').toArray();
    const skewedRow = expected.find((row) => row.id === skewed.id)!;
    expect(skewedRow.slaStartMs).toBe(START_MS);
    expect(skewedRow.slaKey).toBe(START_MS + HOUR);

    // The rows as v9 stored them: times as recorded (6 h early), no start.
    const asV9 = (row: IncidentRow): IncidentRow => {
      if (row.id !== skewed.id) return row;
      const { slaStartMs: _start, ...rest } = row;
      return { ...rest, slaChanges: row.slaChanges!.map((change) => ({ ...change, atMs: change.atMs - 6 * HOUR })), slaKey: START_MS - 5 * HOUR };
    };
    const name = `v9-upgrade-${Math.random().toString(36).slice(2)}`;
    const v9 = new Dexie(name);
    applySchema(v9, SCHEMA_VERSIONS.filter((entry) => entry.version <= 9));
    await v9.open();
    await v9.table('incidents').bulkAdd(expected.map(asV9));
    await v9.table('timeline').bulkAdd(await source.timeline.toArray());
    await v9.table('meta').bulkPut(await source.meta.toArray());
    await v9.table('slaPolicies').bulkPut(await source.slaPolicies.toArray());
    v9.close();

    const db = new LanternDb(name);
    open.push(db);
    await db.open();
    expect(db.verno).toBe(10);
    expect(await db.incidents.orderBy('id').toArray()).toEqual(expected);
    // A right clock: the row carries no start of its own (its createdAt is the start).
    expect((await db.incidents.get(plain.id))!.slaStartMs).toBeUndefined();
  });
});
