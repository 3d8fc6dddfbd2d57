// Schema v14: the SLA sort key of an incident whose recorded times disagree with the merge's order is recomputed (clocks walk changes in HLC order).
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository, SCHEMA_VERSIONS, type IncidentRow } from '../../../../renderer/db';
import { LanternDb } from '../../../../renderer/db/database';
import { applySchema } from '../../../../renderer/db/schema';
import { freshDb, must, testClock } from './db-test-kit';

const open: Dexie[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

const MIN = 60_000;

/** A database at v13 holding `rows` and the source's timeline, meta and policies, as a v13 build left it. */
async function v13Database(source: LanternDb, rows: readonly IncidentRow[]): Promise<string> {
  const name = `v13-old-${Math.random().toString(36).slice(2)}`;
  const old = new Dexie(name);
  applySchema(old, SCHEMA_VERSIONS.filter((entry) => entry.version <= 13));
  await old.open();
  await old.table('incidents').bulkAdd([...rows]);
  await old.table('timeline').bulkAdd(await source.timeline.toArray());
  await old.table('meta').bulkPut(await source.meta.toArray());
  await old.table('slaPolicies').bulkPut(await source.slaPolicies.toArray());
  old.close();
  return name;
}

describe('schema v14', () => {
  it('recomputes the SLA place of a row whose clock went back between two changes, and rewrites only that row', async () => {
    const source = freshDb('v14');
    open.push(source);
    const clock = testClock();
    const repo = createIncidentRepository(source, clock);
    const steady = must(await repo.record({ title: 'Printer jam', impact: 3, urgency: 3 }));
    const skewed = must(await repo.record({ title: 'PACS unreachable', impact: 3, urgency: 3 }));
    clock.advance(30 * MIN);
    must(await repo.edit(skewed.id, { impact: 1, urgency: 1 }));
    // The laptop's clock is set back 20 minutes: the next change is stamped later (HLC) but recorded earlier.
    clock.advance(-20 * MIN);
    must(await repo.edit(skewed.id, { impact: 3, urgency: 3 }));
    const expected = await source.incidents.orderBy('id').toArray();
    const skewedNow = expected.find((row) => row.id === skewed.id)!;
    expect(skewedNow.slaGroup).toBeDefined();

    // As a v13 build stored it: the place computed by the older rule (recorded-time order) differs from today's.
    const stale = expected.map((row) => (row.id === skewed.id ? { ...row, slaKey: (row.slaKey ?? 0) - 42 * MIN } : row));
    const name = await v13Database(source, stale);
    const written: string[] = [];
    const db = new LanternDb(name);
    open.push(db);
    db.incidents.hook('updating', (_changes, id) => {
      written.push(id);
    });
    await db.open();

    expect(db.verno).toBe(SCHEMA_VERSIONS.at(-1)!.version);
    expect(await db.incidents.orderBy('id').toArray()).toEqual(expected);
    expect(written).toEqual([skewed.id]);
    expect(written).not.toContain(steady.id);
  });
});
