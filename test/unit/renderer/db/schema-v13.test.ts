// Schema v13: rows stored before SLA changes carried impact/urgency changes get them, so a breach under an earlier, stricter priority holds.
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository, SCHEMA_VERSIONS, type IncidentRow } from '../../../../renderer/db';
import { LanternDb } from '../../../../renderer/db/database';
import { applySchema } from '../../../../renderer/db/schema';
import type { SlaChange } from '../../../../shared/domain';
import { freshDb, must, testClock } from './db-test-kit';

const open: Dexie[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

const MIN = 60_000;

/** A row's SLA changes as a build before v13 stored them: level-only changes absent, owner changes without levels. */
function asBeforeV13(row: IncidentRow): IncidentRow {
  const changes: SlaChange[] = [];
  for (const change of row.slaChanges ?? []) {
    if (change.to === undefined) continue;
    const { levels: _levels, ...rest } = change;
    changes.push(rest);
  }
  return { ...row, slaChanges: changes };
}

/** A database at v12 holding `rows` and the source's timeline, meta and policies, as a v12 build left it. */
async function v12Database(source: LanternDb, rows: readonly IncidentRow[]): Promise<string> {
  const name = `v12-old-${Math.random().toString(36).slice(2)}`;
  const old = new Dexie(name);
  applySchema(old, SCHEMA_VERSIONS.filter((entry) => entry.version <= 12));
  await old.open();
  await old.table('incidents').bulkAdd([...rows]);
  await old.table('timeline').bulkAdd(await source.timeline.toArray());
  await old.table('meta').bulkPut(await source.meta.toArray());
  await old.table('slaPolicies').bulkPut(await source.slaPolicies.toArray());
  old.close();
  return name;
}

describe('schema v13', () => {
  it('gives rows their impact and urgency changes back, and rewrites only those rows', async () => {
    const source = freshDb('v13');
    open.push(source);
    const clock = testClock();
    const repo = createIncidentRepository(source, clock);
    const steady = must(await repo.record({ title: 'Printer jam', impact: 3, urgency: 3 }));
    const moved = must(await repo.record({ title: 'PACS unreachable', impact: 3, urgency: 3 }));
    clock.advance(44 * MIN);
    must(await repo.edit(moved.id, { impact: 1, urgency: 1 }));
    clock.advance(15 * MIN);
    must(await repo.edit(moved.id, { impact: 3, urgency: 3 }));
    const expected = await source.incidents.orderBy('id').toArray();
    const movedNow = expected.find((row) => row.id === moved.id)!;
    // The current build keeps both level changes: the clock breached as P1 at the first, and stays breached.
    expect((movedNow.slaChanges ?? []).filter((change) => change.levels !== undefined)).toHaveLength(2);

    const name = await v12Database(source, expected.map((row) => (row.id === moved.id ? asBeforeV13(row) : row)));
    const written: string[] = [];
    const db = new LanternDb(name);
    open.push(db);
    db.incidents.hook('updating', (_changes, id) => {
      written.push(id);
    });
    await db.open();

    expect(db.verno).toBe(SCHEMA_VERSIONS.at(-1)!.version);
    expect(await db.incidents.orderBy('id').toArray()).toEqual(expected);
    expect(written).toEqual([moved.id]);
    expect(written).not.toContain(steady.id);
  });
});
