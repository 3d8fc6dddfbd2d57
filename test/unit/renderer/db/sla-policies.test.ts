// SLA policies in the database: seeded on first run and by the v5 upgrade (which keeps every v4 row), read safely, edited in one transaction.
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository, fromIncidentRow, SCHEMA_VERSIONS } from '../../../../renderer/db';
import { LanternDb } from '../../../../renderer/db/database';
import { editSlaPolicies, readSlaPolicySet } from '../../../../renderer/db/sla-policies';
import { addPolicy, deletePolicy, incidentSchema, replacePolicy, resolveSlaPolicy, SEED_SLA_POLICIES, SEED_SLA_POLICY_SET, setDefaultPolicy } from '../../../../shared/domain';
import { freshDb, testClock } from './db-test-kit';

const open: Dexie[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});
const track = <T extends Dexie>(db: T): T => {
  open.push(db);
  return db;
};

describe('SLA policies on first run', () => {
  it('seeds the iTop gold / silver / bronze tiers with gold as the default', async () => {
    const db = track(freshDb('sla-seed'));
    await db.open();
    expect((await db.slaPolicies.orderBy('order').toArray()).map((row) => row.id)).toEqual(['gold', 'silver', 'bronze']);
    const set = await readSlaPolicySet(db);
    expect(set.policies).toEqual(SEED_SLA_POLICIES);
    expect(set.assignment).toEqual({ defaultPolicyId: 'gold', sitePolicies: [] });
  });

  it('reads as the seed tiers when the table is empty, and skips a damaged row', async () => {
    const db = track(freshDb('sla-damaged'));
    await db.slaPolicies.clear();
    expect(await readSlaPolicySet(db)).toEqual(SEED_SLA_POLICY_SET);
    await db.slaPolicies.bulkPut([
      { ...SEED_SLA_POLICIES[1]!, order: 0 },
      { ...SEED_SLA_POLICIES[0]!, warnPercents: [90, 120], order: 1 },
    ]);
    const set = await readSlaPolicySet(db);
    expect(set.policies.map((p) => p.id)).toEqual(['silver']);
    // The stored default (gold, absent here) falls back to the first policy that reads.
    expect(set.assignment.defaultPolicyId).toBe('silver');
  });
});

describe('editSlaPolicies', () => {
  it('stores the whole edited set, or nothing when the edit is refused', async () => {
    const db = track(freshDb('sla-edit'));
    const added = await editSlaPolicies(db, (set) => addPolicy(set, 'Night shift'));
    expect(added.ok).toBe(true);
    expect(await editSlaPolicies(db, (set) => setDefaultPolicy(set, 'night-shift'))).toMatchObject({ ok: true });
    const before = [await db.slaPolicies.toArray(), await db.meta.get('slaAssignment')];

    const refused = await editSlaPolicies(db, (set) => deletePolicy(set, 'night-shift'));
    expect(refused).toEqual({ ok: false, message: 'Night shift is the default policy. Make another policy the default first.' });
    const invalid = await editSlaPolicies(db, (set) => replacePolicy(set, { ...set.policies[0]!, warnPercents: [50, 100] }));
    expect(invalid.ok).toBe(false);
    expect([await db.slaPolicies.toArray(), await db.meta.get('slaAssignment')]).toEqual(before);
    expect((await readSlaPolicySet(db)).policies.map((p) => p.id)).toEqual(['gold', 'silver', 'bronze', 'night-shift']);
  });
});

describe('schema v5 upgrade', () => {
  it('keeps every v4 row and seeds the SLA policies', async () => {
    const source = track(freshDb('v4-source'));
    const repo = createIncidentRepository(source, testClock());
    const recorded = await repo.record({ title: 'Generator B failed to start', site: ['Main campus'] });
    if (!recorded.ok) throw new Error(recorded.error.message);
    await repo.addNote(recorded.value.id, 'Vendor dispatched');
    const tables = ['incidents', 'timeline', 'outbox', 'meta', 'reference', 'views', 'conflicts'] as const;
    const rows: Record<string, unknown[]> = Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await source.table(t).toArray()] as const)));
    // A v4 build wrote incidents without the field (and without its stamp).
    rows['incidents'] = (rows['incidents'] as { slaPolicyId?: unknown; stamps: Record<string, string> }[]).map(({ slaPolicyId: _p, stamps: { slaPolicyId: _s, ...stamps }, ...row }) => ({ ...row, stamps }));
    source.close();

    const name = `v4-upgrade-${Math.random().toString(36).slice(2)}`;
    const v4 = new Dexie(name);
    for (const entry of SCHEMA_VERSIONS.filter((v) => v.version <= 4)) v4.version(entry.version).stores(entry.stores);
    await v4.open();
    for (const t of tables) await v4.table(t).bulkAdd(rows[t]!);
    expect(v4.tables.map((t) => t.name)).not.toContain('slaPolicies');
    v4.close();

    const db = track(new LanternDb(name));
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(5);
    for (const t of tables) expect(await db.table(t).toArray()).toEqual(rows[t]);
    expect((await readSlaPolicySet(db)).policies).toEqual(SEED_SLA_POLICIES);
    // Incidents recorded before the field validate and run on the default.
    const old = await db.incidents.get(recorded.value.id);
    expect(old?.slaPolicyId).toBeUndefined();
    expect(incidentSchema.safeParse(fromIncidentRow(old!)).success).toBe(true);
    expect(resolveSlaPolicy(old!, await readSlaPolicySet(db)).id).toBe('gold');
  });
});
