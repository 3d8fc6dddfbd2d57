// Schema v7: the words of checklist steps already stored on a v6 database join the incident's search words.
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository, findIncidents, SCHEMA_VERSIONS, toIncidentRow } from '../../../../renderer/db';
import { createChecklistRepository } from '../../../../renderer/db/checklist';
import { LanternDb } from '../../../../renderer/db/database';
import { fromIncidentRow } from '../../../../renderer/db/incident-row';
import { applySchema } from '../../../../renderer/db/schema';
import { freshDb, testClock } from './db-test-kit';

const open: Dexie[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

/** A v6 database: two incidents, one with a checklist step whose words v6 did not index, and every table copied. */
async function makeV6Database(name: string, fillerEntries = 0) {
  const source = freshDb('v6-source');
  open.push(source);
  const clock = testClock();
  const repo = createIncidentRepository(source, clock);
  const withStep = await repo.record({ title: 'Odd smell in plant room' });
  const plain = await repo.record({ title: 'Chiller tripped', description: 'Supplier visit booked' });
  if (!withStep.ok || !plain.ok) throw new Error('record failed');
  await createChecklistRepository(source, clock).addStep(withStep.value.id, { phase: 'extended', text: 'Ask the gas contractor for a leak test' });
  const v6 = new Dexie(name);
  applySchema(v6, SCHEMA_VERSIONS.filter((entry) => entry.version <= 6));
  await v6.open();
  // As v6 stored them: the rows' words without the step's.
  const rows = (await source.incidents.toArray()).map((row) => toIncidentRow(fromIncidentRow(row), []));
  await v6.table('incidents').bulkAdd(rows);
  const held = await source.timeline.toArray();
  // Older entries of another incident, with lower ids (ids sort by time): the step's entry comes after them in id order.
  const filler = Array.from({ length: fillerEntries }, (_, i) => ({ ...held[0]!, id: `0${String(i).padStart(8, '0')}`, incidentId: 'other-incident' }));
  await v6.table('timeline').bulkAdd([...filler, ...held]);
  v6.close();
  return { withStep: withStep.value, plain: plain.value, rows };
}

describe('schema v7 upgrade', () => {
  it('indexes the words of checklist steps already stored; incidents without a checklist are left as they were', async () => {
    const name = `v6-upgrade-${Math.random().toString(36).slice(2)}`;
    const { withStep, plain, rows } = await makeV6Database(name);
    const db = new LanternDb(name);
    open.push(db);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSIONS.at(-1)!.version);
    expect((await findIncidents(db, { text: 'contractor' }, 10)).map((i) => i.id)).toEqual([withStep.id]);
    expect((await findIncidents(db, { text: 'supplier' }, 10)).map((i) => i.id)).toEqual([plain.id]);
    expect(await db.incidents.get(plain.id)).toEqual(rows.find((row) => row.id === plain.id));
    // Nothing else about the incident changed.
    expect(fromIncidentRow((await db.incidents.get(withStep.id))!)).toEqual(fromIncidentRow(rows.find((row) => row.id === withStep.id)!));
  });
});

describe('schema v7 upgrade over a long timeline', () => {
  it('finds a checklist entry that lies beyond the first chunk of entries read', async () => {
    const name = `v6-upgrade-long-${Math.random().toString(36).slice(2)}`;
    const { withStep } = await makeV6Database(name, 5_200);
    const db = new LanternDb(name);
    open.push(db);
    await db.open();
    expect(await db.timeline.count()).toBeGreaterThan(5_200);
    expect((await findIncidents(db, { text: 'contractor' }, 10)).map((i) => i.id)).toEqual([withStep.id]);
  });
});
