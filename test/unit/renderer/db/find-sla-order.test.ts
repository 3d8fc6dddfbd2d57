// The list's SLA sort over every incident: pages through [slaGroup+slaKey] equal a full sort by the clocks themselves.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository, findIncidentsPage, toIncidentRow, type FindQuery } from '../../../../renderer/db';
import { SEARCH_IN_MEMORY } from '../../../../renderer/db/find-query';
import type { LanternDb } from '../../../../renderer/db/database';
import type { IncidentRow } from '../../../../renderer/db/incident-row';
import { editSlaPolicies, readSlaPolicySet } from '../../../../renderer/db/sla-policies';
import {
  computeIncidentSla,
  newId,
  replacePolicy,
  resolveSlaPolicy,
  type Incident,
  type Priority,
  type SlaChange,
  type SlaPolicySet,
  type Status,
} from '../../../../shared/domain';
import { freshDb, must, pageThrough as pageThroughDb, START_MS, testClock } from './db-test-kit';

let db: LanternDb;
afterEach(() => db?.close());

const MIN = 60_000;
const NOW = START_MS + 30 * 60 * MIN;

/** A seeded walk of statuses: each incident's changes as the clocks read them, and the status it ends in. */
const MOSTLY_OPEN: Status[][] = [[], ['in_progress'], ['in_progress', 'on_hold'], ['on_hold', 'in_progress'], ['in_progress', 'resolved'], ['assigned', 'on_hold'], ['resolved', 'closed']];
const MOSTLY_STOPPED: Status[][] = [['resolved'], ['closed'], ['cancelled'], ['on_hold'], []];

function lifecycle(i: number, createdAtMs: number, walks: Status[][]): { changes: SlaChange[]; status: Status } {
  const walk = walks[i % walks.length]!;
  const changes = walk.map((to, step): SlaChange => ({ atMs: createdAtMs + ((i * 7 + step * 13) % 30) * MIN + step * MIN, hlc: `h-${i}-${step}`, to }));
  return { changes, status: walk.at(-1) ?? 'new' };
}

/** 150 incidents recorded within an hour, changed within the next half hour, priorities 1–5, every kind of clock, seed policies. */
async function seed(count = 150, walks = MOSTLY_OPEN): Promise<{ rows: IncidentRow[]; changes: Map<string, SlaChange[]> }> {
  db = freshDb('sla-order');
  const first = must(await createIncidentRepository(db, testClock()).record({ title: 'Seed incident' }));
  const policies = await readSlaPolicySet(db);
  const changes = new Map<string, SlaChange[]>();
  const rows = Array.from({ length: count }, (_, i) => {
    const createdAtMs = START_MS + ((i * 37) % 60) * MIN;
    const { changes: own, status } = lifecycle(i, createdAtMs, walks);
    const incident: Incident = {
      ...first,
      id: newId(),
      number: `${first.number.slice(0, 5)}${String(i + 100).padStart(4, '0')}`,
      title: `${i % 3 === 0 ? 'Pump' : 'Valve'} fault ${i}`,
      priority: ((i % 5) + 1) as Priority,
      status,
      team: i % 2 === 0 ? 'Facilities' : null,
      createdAt: new Date(createdAtMs).toISOString(),
      // Ties on purpose: stopped incidents are ordered by update time, then id.
      updatedAt: new Date(START_MS + Math.floor(i / 4) * MIN).toISOString(),
    };
    changes.set(incident.id, own);
    return toIncidentRow(incident, [], { changes: own, policies });
  });
  await db.incidents.clear();
  await db.incidents.bulkAdd(rows);
  return { rows, changes };
}

/**
 * The reference order, from the clocks themselves (not from the stored keys): running clocks by due instant, then
 * paused ones by time left, each in `dir` with the id breaking ties; then stopped ones, newest update first.
 */
function expectedOrder(rows: readonly IncidentRow[], changes: Map<string, SlaChange[]>, policies: SlaPolicySet, dir: 'asc' | 'desc'): string[] {
  const keyed = rows.map((row) => {
    const { response, resolve } = computeIncidentSla({ createdAtMs: Date.parse(row.createdAt), changes: changes.get(row.id) ?? [] }, row, resolveSlaPolicy(row, policies), NOW);
    // The clock the list's cell shows: time to own while nobody owns the incident, then time to resolve.
    const clock = response.state === 'running' ? response : resolve;
    const group = clock.state === 'running' ? 0 : clock.state === 'paused' ? 1 : 2;
    const key = clock.state === 'running' ? clock.dueAt! : clock.targetMs - clock.elapsedMs;
    return { id: row.id, group, key, updatedAt: row.updatedAt };
  });
  const sign = dir === 'asc' ? 1 : -1;
  return keyed
    .sort((a, b) => {
      if (a.group !== b.group) return a.group - b.group;
      if (a.group < 2) return sign * (a.key - b.key || (a.id < b.id ? -1 : 1));
      return a.updatedAt !== b.updatedAt ? (a.updatedAt < b.updatedAt ? 1 : -1) : a.id < b.id ? 1 : -1;
    })
    .map((row) => row.id);
}

/** Ids of the whole list, page by page (db-test-kit's pageThrough on this file's database). */
const pageThrough = async (query: FindQuery, limit: number) => (await pageThroughDb(db, query, limit)).map((incident) => incident.id);

describe('sorting the list by SLA time left', { timeout: 30_000 }, () => {
  it('pages in both directions join into the exact order of the clocks over every incident, none lost or repeated', async () => {
    const { rows, changes } = await seed();
    const policies = await readSlaPolicySet(db);
    for (const dir of ['asc', 'desc'] as const) {
      for (const limit of [7, 50, 500]) {
        expect(await pageThrough({ sort: { key: 'slaDue', dir } }, limit), `${dir}, pages of ${limit}`).toEqual(expectedOrder(rows, changes, policies, dir));
      }
    }
  });

  it('keeps filters and text search exact under the SLA sort', async () => {
    const { rows, changes } = await seed();
    const policies = await readSlaPolicySet(db);
    const facilities = rows.filter((row) => row.team === 'Facilities');
    expect(await pageThrough({ team: 'Facilities', sort: { key: 'slaDue', dir: 'asc' } }, 9)).toEqual(expectedOrder(facilities, changes, policies, 'asc'));
    // A broad filter (statuses) walks the clocks instead of reading its matches.
    const working = rows.filter((row) => row.status === 'in_progress' || row.status === 'on_hold');
    expect(await pageThrough({ statuses: ['in_progress', 'on_hold'], sort: { key: 'slaDue', dir: 'desc' } }, 11)).toEqual(expectedOrder(working, changes, policies, 'desc'));
    // A saved view may name a value twice: each incident is still listed once.
    const resolved = rows.filter((row) => row.status === 'resolved');
    expect(await pageThrough({ statuses: ['resolved', 'resolved'], sort: { key: 'slaDue', dir: 'asc' } }, 9)).toEqual(expectedOrder(resolved, changes, policies, 'asc'));
    const pumps = rows.filter((row) => row.title.startsWith('Pump'));
    expect(await pageThrough({ text: 'pump', sort: { key: 'slaDue', dir: 'desc' } }, 9)).toEqual(expectedOrder(pumps, changes, policies, 'desc'));
  });

  it('walks the clocks when a filter matches too many to sort in memory, and takes the stopped ones from the filter', async () => {
    // Facilities holds every second incident: 2,100 of 4,200, more than SEARCH_IN_MEMORY.
    const { rows, changes } = await seed(2 * (SEARCH_IN_MEMORY + 100));
    const policies = await readSlaPolicySet(db);
    const facilities = rows.filter((row) => row.team === 'Facilities');
    expect(facilities.length).toBeGreaterThan(SEARCH_IN_MEMORY);
    const query: FindQuery = { team: 'Facilities', sort: { key: 'slaDue', dir: 'desc' } };
    expect(await pageThrough(query, 500)).toEqual(expectedOrder(facilities, changes, policies, 'desc'));
  });

  it('does the same on a device where most incidents are closed', async () => {
    const { rows, changes } = await seed(2 * (SEARCH_IN_MEMORY + 100), MOSTLY_STOPPED);
    const policies = await readSlaPolicySet(db);
    const facilities = rows.filter((row) => row.team === 'Facilities');
    expect(rows.filter((row) => row.slaGroup === 2).length).toBeGreaterThan(facilities.length);
    const query: FindQuery = { team: 'Facilities', sort: { key: 'slaDue', dir: 'asc' } };
    expect(await pageThrough(query, 300)).toEqual(expectedOrder(facilities, changes, policies, 'asc'));
  });

  it('pages through a long run of equal due instants (ties broken by id, none lost or repeated)', async () => {
    db = freshDb('sla-order-ties');
    const first = must(await createIncidentRepository(db, testClock()).record({ title: 'Seed incident' }));
    const policies = await readSlaPolicySet(db);
    // 450 incidents recorded at the same instant with the same priority: one due instant for all.
    const rows = Array.from({ length: 450 }, (_, i) => toIncidentRow({ ...first, id: newId(), number: `${first.number.slice(0, 5)}${String(i + 100).padStart(4, '0')}` }, [], { changes: [], policies }));
    await db.incidents.clear();
    await db.incidents.bulkAdd(rows);
    const byId = rows.map((row) => row.id).sort();
    for (const dir of ['asc', 'desc'] as const) {
      expect(await pageThrough({ sort: { key: 'slaDue', dir } }, 50), dir).toEqual(dir === 'asc' ? byId : [...byId].reverse());
    }
  });

  it('follows an SLA policy edit: every open clock is placed again under the new targets', async () => {
    const { rows, changes } = await seed();
    const before = await readSlaPolicySet(db);
    const gold = before.policies.find((p) => p.id === 'gold')!;
    // P3 and P5 far longer than P1: the order between priorities changes.
    const edited = { ...gold, targets: { ...gold.targets, P3: { responseMinutes: 60, resolveMinutes: 48 * 60 }, P4: { responseMinutes: 60, resolveMinutes: 5 } } };
    const result = await editSlaPolicies(db, (current) => replacePolicy(current, edited));
    expect(result.ok).toBe(true);
    const after = await readSlaPolicySet(db);
    const query: FindQuery = { sort: { key: 'slaDue', dir: 'asc' } };
    const expected = expectedOrder(rows, changes, after, 'asc');
    expect(expected).not.toEqual(expectedOrder(rows, changes, before, 'asc'));
    expect(await pageThrough(query, 25)).toEqual(expected);
  });

  it('places incidents as the repository changes them: recorded, started, put on hold, resolved', async () => {
    db = freshDb('sla-order-repo');
    const clock = testClock();
    const repo = createIncidentRepository(db, clock);
    // P3 (gold: owned within 1 h) recorded first, then a P1 (owned within 15 min) 10 minutes later: the P1 breaches first.
    const slow = must(await repo.record({ title: 'Slow leak', impact: 2, urgency: 2 }));
    clock.advance(10 * MIN);
    const urgent = must(await repo.record({ title: 'Main breaker tripped', impact: 1, urgency: 1 }));
    clock.advance(10 * MIN);
    const done = must(await repo.record({ title: 'Door alarm', impact: 3, urgency: 3 }));
    must(await repo.changeStatus(done.id, 'resolved', { resolutionCode: 'Fixed', resolutionNotes: 'Reset the panel' }));
    const ids = async () => (await findIncidentsPage(db, { sort: { key: 'slaDue', dir: 'asc' } }, { limit: 10 })).map((i) => i.id);
    expect(await ids()).toEqual([urgent.id, slow.id, done.id]);
    // On hold, the P1's clock stops counting: 50 of its 60 minutes are left however long it waits, and it moves behind
    // every running clock (which burn time), ahead of the resolved incident.
    must(await repo.changeStatus(urgent.id, 'on_hold', { holdReason: 'Awaiting vendor', team: 'Facilities' }));
    expect(await db.incidents.get(urgent.id)).toMatchObject({ slaGroup: 1, slaKey: 50 * MIN });
    expect(await ids()).toEqual([slow.id, urgent.id, done.id]);
    // Work resumes 30 minutes later: due resolved 30 minutes later than first set (90 minutes after recording), which is
    // after the still unowned P3 must be owned (60 minutes after its recording, 70 after the P1's).
    clock.advance(30 * MIN);
    must(await repo.changeStatus(urgent.id, 'in_progress', { team: 'Facilities' }));
    expect(await db.incidents.get(urgent.id)).toMatchObject({ slaGroup: 0, slaKey: Date.parse(urgent.createdAt) + 90 * MIN });
    expect(await db.incidents.get(slow.id)).toMatchObject({ slaGroup: 0, slaKey: Date.parse(slow.createdAt) + 60 * MIN });
    expect(await ids()).toEqual([slow.id, urgent.id, done.id]);
    // Once someone owns the P3, its four hours to resolve place it behind the P1 again.
    must(await repo.edit(slow.id, { assignee: 'Ada' }));
    expect(await ids()).toEqual([urgent.id, slow.id, done.id]);
  });
});
