// Schema v10 (restored) and v11: databases of the reverted clock-skew build open, and every row's SLA fields are the current logic's.
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository, ensureDevice, SCHEMA_VERSIONS, type IncidentRow } from '../../../../renderer/db';
import { LanternDb } from '../../../../renderer/db/database';
import { writeMeta } from '../../../../renderer/db/meta';
import { applySchema, type SchemaVersion } from '../../../../renderer/db/schema';
import { onUpgradeProgress, type UpgradeProgress } from '../../../../renderer/db/upgrade-progress';
import { freshDb, must, pageThrough, START_MS, testClock } from './db-test-kit';

const open: Dexie[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

const MIN = 60_000;
const HOUR = 60 * MIN;

/** Schema v10 as d929c90 shipped it (no index change), whatever this checkout's list holds. */
const SHIPPED_V10: SchemaVersion = { version: 10, stores: {} };

/** The schema a database was left at by an earlier build: the list up to `version` (v10 being d929c90's). */
function schemaUpTo(version: number): SchemaVersion[] {
  const kept = SCHEMA_VERSIONS.filter((entry) => entry.version <= Math.min(version, 9));
  return version >= 10 ? [...kept, SHIPPED_V10] : kept;
}

/** A database at `version` holding `incidents` and the source's other tables, as a build of that version left it. */
async function oldDatabase(source: LanternDb, version: number, incidents: readonly object[]): Promise<string> {
  const name = `v${version}-old-${Math.random().toString(36).slice(2)}`;
  const old = new Dexie(name);
  applySchema(old, schemaUpTo(version));
  await old.open();
  await old.table('incidents').bulkAdd([...incidents]);
  await old.table('timeline').bulkAdd(await source.timeline.toArray());
  await old.table('meta').bulkPut(await source.meta.toArray());
  await old.table('slaPolicies').bulkPut(await source.slaPolicies.toArray());
  old.close();
  return name;
}

/** Opens `name` with this build, collecting the upgrade's progress and the ids of the incident rows it wrote. */
async function openNow(name: string): Promise<{ db: LanternDb; reported: UpgradeProgress[]; written: string[] }> {
  const reported: UpgradeProgress[] = [];
  const written: string[] = [];
  const stop = onUpgradeProgress((progress) => reported.push(progress));
  const db = new LanternDb(name);
  open.push(db);
  db.incidents.hook('updating', (_changes, id) => {
    written.push(id);
  });
  await db.open().finally(stop);
  return { db, reported, written };
}

/** A row as a build before v8 wrote it: no SLA fields, so not in the [slaGroup+slaKey] index. */
function withoutSla(row: IncidentRow): Omit<IncidentRow, 'slaChanges' | 'slaGroup' | 'slaKey'> {
  const { slaChanges: _c, slaGroup: _g, slaKey: _k, ...rest } = row;
  return rest;
}

/** Every step of the progress has its own words and counts up without going back. */
function expectSteadyProgress(reported: readonly UpgradeProgress[]): void {
  const phases = [...new Set(reported.map((progress) => progress.phase))];
  const firstAt = phases.map((phase) => reported.findIndex((progress) => progress.phase === phase));
  const lastAt = phases.map((phase) => reported.findLastIndex((progress) => progress.phase === phase));
  // Each phase is one run of reports: a phase never comes back after another started.
  for (let i = 1; i < phases.length; i++) expect(firstAt[i]).toBeGreaterThan(lastAt[i - 1]!);
  for (const phase of phases) {
    const done = reported.filter((progress) => progress.phase === phase).map((progress) => progress.done);
    expect(done, phase).toEqual([...done].sort((a, b) => a - b));
  }
  expect(phases.map((phase) => reported.find((progress) => progress.phase === phase)!.step)).toEqual(phases.map((_, i) => i + 1));
  for (const progress of reported) {
    expect(progress.steps).toBe(phases.length);
    expect(progress.phase).toContain(`(step ${progress.step} of ${progress.steps})`);
  }
}

/** Incidents recorded on a right clock and on a laptop 6 h behind that HQ found off, as this build stores them. */
async function skewedSource() {
  const source = freshDb('v11-source');
  open.push(source);
  await ensureDevice(source);
  const right = createIncidentRepository(source, testClock(START_MS));
  const plain = must(await right.record({ title: 'Printer jam', impact: 3, urgency: 3 }));
  const heldLater = must(await right.record({ title: 'Badge reader offline', impact: 2, urgency: 2 }));
  const resolved = must(await right.record({ title: 'Projector flickers', impact: 3, urgency: 3 }));
  const behindClock = testClock(START_MS - 6 * HOUR + 5 * MIN);
  await writeMeta(source, 'clockCheck', { checkedAtMs: START_MS - 6 * HOUR, hqMinusDeviceMs: 6 * HOUR });
  const behind = createIncidentRepository(source, behindClock);
  const skewed = must(await behind.record({ title: 'Ward 3 oxygen alarm', impact: 1, urgency: 1 }));
  behindClock.advance(10 * MIN);
  must(await behind.edit(skewed.id, { assignee: 'Kim Ortiz' }));
  // Put on hold by the behind laptop: the clocks of an incident recorded on a right clock moved by the correction too.
  must(await behind.changeStatus(heldLater.id, 'on_hold', { holdReason: 'Awaiting vendor', team: 'Facilities' }));
  // Resolved there: its place (stopped, by update time) is the same either way, only its SLA times moved.
  must(await behind.changeStatus(resolved.id, 'resolved', { resolutionCode: 'Fixed', resolutionNotes: 'New lamp' }));
  const expected = await source.incidents.orderBy('id').toArray();
  return { source, expected, plain, skewed, heldLater, resolved };
}

describe('schema v11 upgrade', () => {
  it('opens a database the reverted clock-skew build left at v10, without its corrected SLA start and times', async () => {
    const { source, expected, plain, skewed, heldLater, resolved } = await skewedSource();
    // The rows as d929c90 stored them: the off clock's entries 6 h later (corrected), the skewed one with its start.
    const corrected = (row: IncidentRow): object => {
      if (row.id === plain.id) return row;
      const moved = { ...row, slaChanges: row.slaChanges!.map((change) => ({ ...change, atMs: change.atMs + 6 * HOUR })) };
      if (typeof row.slaKey === 'number') moved.slaKey = row.slaKey + 6 * HOUR;
      return row.id === skewed.id ? { ...moved, slaStartMs: Date.parse(skewed.createdAt) + 6 * HOUR } : moved;
    };
    const name = await oldDatabase(source, 10, expected.map(corrected));

    const { db, reported } = await openNow(name);
    expect(db.verno).toBe(SCHEMA_VERSIONS.at(-1)!.version);
    const rows = await db.incidents.orderBy('id').toArray();
    expect(rows).toEqual(expected);
    for (const row of rows) expect(row).not.toHaveProperty('slaStartMs');
    expect(await db.timeline.count()).toBe(await source.timeline.count());
    const listed = await pageThrough(db, { sort: { key: 'slaDue', dir: 'asc' } }, 2);
    expect(listed.map((incident) => incident.id).sort()).toEqual([plain.id, skewed.id, heldLater.id, resolved.id].sort());
    for (const incident of listed) expect(incident).not.toHaveProperty('slaStartMs');
    expectSteadyProgress(reported);
  });

  it('gives rows an old build wrote without SLA fields their place, so the SLA sort lists every incident', async () => {
    const source = freshDb('v11-missing');
    open.push(source);
    const clock = testClock();
    const repo = createIncidentRepository(source, clock);
    const first = must(await repo.record({ title: 'Core switch down', impact: 1, urgency: 1 }));
    clock.advance(5 * MIN);
    const second = must(await repo.record({ title: 'Ward 3 oxygen alarm', impact: 1, urgency: 1 }));
    must(await repo.changeStatus(second.id, 'in_progress', { assignee: 'Ada' }));
    clock.advance(5 * MIN);
    const kept = must(await repo.record({ title: 'Printer jam' }));
    const expected = await source.incidents.orderBy('id').toArray();
    // The two P1s as a build from before v8 (and before the newer-database guard) rewrote them in a v9 database.
    const name = await oldDatabase(source, 9, expected.map((row) => (row.id === kept.id ? row : withoutSla(row))));

    const { db, reported, written } = await openNow(name);
    expect(await db.incidents.orderBy('id').toArray()).toEqual(expected);
    expect(written.sort()).toEqual([first.id, second.id].sort());
    const listed = await pageThrough(db, { sort: { key: 'slaDue', dir: 'asc' } }, 2);
    expect(listed.map((incident) => incident.id)).toEqual([first.id, second.id, kept.id]);
    expectSteadyProgress(reported);
  });

  it('leaves a healthy v9 database as it was, and says what each of its steps does', async () => {
    const { source, expected } = await skewedSource();
    const name = await oldDatabase(source, 9, expected);

    const { db, reported, written } = await openNow(name);
    expect(await db.incidents.orderBy('id').toArray()).toEqual(expected);
    expect(written).toEqual([]);
    expectSteadyProgress(reported);
    expect(reported.filter((progress) => progress.phase.startsWith('Checking the SLA times')).at(-1)).toMatchObject({ done: expected.length, total: expected.length });
  });

  it('numbers the steps of a long upgrade, so a second step at 10 % never reads as the first one restarting', async () => {
    const source = freshDb('v11-steps');
    open.push(source);
    const clock = testClock();
    const repo = createIncidentRepository(source, clock);
    must(await repo.record({ title: 'Chiller alarm', impact: 2, urgency: 2 }));
    clock.advance(10 * MIN);
    must(await repo.record({ title: 'Core switch down', impact: 1, urgency: 1 }));
    const expected = await source.incidents.orderBy('id').toArray();
    const name = await oldDatabase(source, 7, expected.map(withoutSla));

    const { db, reported } = await openNow(name);
    expect(await db.incidents.orderBy('id').toArray()).toEqual(expected);
    expectSteadyProgress(reported);
    // v8 reads the history and places every row, v9 re-keys the open ones, v11 checks them all again, v12 names files.
    expect(reported.at(0)!.steps).toBe(6);
    expect(new Set(reported.map((progress) => progress.phase.replace(/ \(step.*$/, ''))).size).toBe(6);
  });
});
