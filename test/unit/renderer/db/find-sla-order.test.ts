// The list's SLA sort over every incident: pages through [slaGroup+slaKey] equal a full sort by the clocks themselves.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository, findIncidentsPage, listOrder, toIncidentRow, type FindQuery, type ListKey } from '../../../../renderer/db';
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
import { freshDb, must, START_MS, testClock } from './db-test-kit';

let db: LanternDb;
afterEach(() => db?.close());

const MIN = 60_000;
const NOW = START_MS + 30 * 60 * MIN;

/** A seeded walk of statuses: each incident's changes as the clocks read them, and the status it ends in. */
function lifecycle(i: number, createdAtMs: number): { changes: SlaChange[]; status: Status } {
  const walks: Status[][] = [[], ['in_progress'], ['in_progress', 'on_hold'], ['on_hold', 'in_progress'], ['in_progress', 'resolved'], ['assigned', 'on_hold'], ['resolved', 'closed']];
  const walk = walks[i % walks.length]!;
  const changes = walk.map((to, step): SlaChange => ({ atMs: createdAtMs + ((i * 7 + step * 13) % 30) * MIN + step * MIN, hlc: `h-${i}-${step}`, to }));
  return { changes, status: walk.at(-1) ?? 'new' };
}

/** 150 incidents recorded within an hour, changed within the next half hour, priorities 1–5, every kind of clock, seed policies. */
async function seed(count = 150): Promise<{ rows: IncidentRow[]; changes: Map<string, SlaChange[]> }> {
  db = freshDb('sla-order');
  const first = must(await createIncidentRepository(db, testClock()).record({ title: 'Seed incident' }));
  const policies = await readSlaPolicySet(db);
  const changes = new Map<string, SlaChange[]>();
  const rows = Array.from({ length: count }, (_, i) => {
    const createdAtMs = START_MS + ((i * 37) % 60) * MIN;
    const { changes: own, status } = lifecycle(i, createdAtMs);
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
 * The reference order, from the clocks at `now` (not from the stored keys): open clocks by the instant they breach if
 * nothing changes (running: due; paused: now + time left), in `dir`, id breaking ties; then stopped ones, newest first.
 */
function expectedOrder(rows: readonly IncidentRow[], changes: Map<string, SlaChange[]>, policies: SlaPolicySet, now: number, dir: 'asc' | 'desc'): string[] {
  const keyed = rows.map((row) => {
    const { resolve } = computeIncidentSla({ createdAtMs: Date.parse(row.createdAt), changes: changes.get(row.id) ?? [] }, row.priority, resolveSlaPolicy(row, policies), now);
    const at = resolve.state === 'running' ? resolve.dueAt! : resolve.state === 'paused' ? now + resolve.targetMs - resolve.elapsedMs : null;
    return { id: row.id, at, updatedAt: row.updatedAt };
  });
  const sign = dir === 'asc' ? 1 : -1;
  return keyed
    .sort((a, b) => {
      if (a.at !== null && b.at !== null) return sign * (a.at - b.at || (a.id < b.id ? -1 : 1));
      if (a.at !== null) return -1;
      if (b.at !== null) return 1;
      return a.updatedAt !== b.updatedAt ? (a.updatedAt < b.updatedAt ? 1 : -1) : a.id < b.id ? 1 : -1;
    })
    .map((row) => row.id);
}

async function pageThrough(query: FindQuery, limit: number): Promise<string[]> {
  const order = listOrder(query.sort, query.nowMs);
  const out: Incident[] = [];
  let after: ListKey | undefined;
  for (let guard = 0; guard < 500; guard++) {
    const page = await findIncidentsPage(db, query, { limit, ...(after ? { after } : {}) });
    out.push(...page);
    if (page.length < limit) return out.map((incident) => incident.id);
    after = order.keyOf(page[page.length - 1]!);
  }
  throw new Error('paging did not end');
}

describe('sorting the list by SLA time left', { timeout: 30_000 }, () => {
  it('pages in both directions join into the exact order of the clocks over every incident, none lost or repeated', async () => {
    const { rows, changes } = await seed();
    const policies = await readSlaPolicySet(db);
    for (const dir of ['asc', 'desc'] as const) {
      for (const limit of [7, 50, 500]) {
        const query: FindQuery = { sort: { key: 'slaDue', dir }, nowMs: NOW };
        expect(await pageThrough(query, limit), `${dir}, pages of ${limit}`).toEqual(expectedOrder(rows, changes, policies, NOW, dir));
      }
    }
  });

  it('moves paused clocks against running ones as time passes (a paused clock keeps its time left)', async () => {
    const { rows, changes } = await seed();
    const policies = await readSlaPolicySet(db);
    // Soon after the last change some running clocks are due after some paused ones would be; hours later, before.
    const early = START_MS + 95 * MIN;
    const later = START_MS + 8 * 60 * MIN;
    expect(expectedOrder(rows, changes, policies, later, 'asc')).not.toEqual(expectedOrder(rows, changes, policies, early, 'asc'));
    for (const nowMs of [early, later]) {
      expect(await pageThrough({ sort: { key: 'slaDue', dir: 'asc' }, nowMs }, 20)).toEqual(expectedOrder(rows, changes, policies, nowMs, 'asc'));
    }
  });

  it('keeps filters and text search exact under the SLA sort', async () => {
    const { rows, changes } = await seed();
    const policies = await readSlaPolicySet(db);
    const facilities = rows.filter((row) => row.team === 'Facilities');
    expect(await pageThrough({ team: 'Facilities', sort: { key: 'slaDue', dir: 'asc' }, nowMs: NOW }, 9)).toEqual(expectedOrder(facilities, changes, policies, NOW, 'asc'));
    const pumps = rows.filter((row) => row.title.startsWith('Pump'));
    expect(await pageThrough({ text: 'pump', sort: { key: 'slaDue', dir: 'desc' }, nowMs: NOW }, 9)).toEqual(expectedOrder(pumps, changes, policies, NOW, 'desc'));
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
    const query: FindQuery = { sort: { key: 'slaDue', dir: 'asc' }, nowMs: NOW };
    const expected = expectedOrder(rows, changes, after, NOW, 'asc');
    expect(expected).not.toEqual(expectedOrder(rows, changes, before, NOW, 'asc'));
    expect(await pageThrough(query, 25)).toEqual(expected);
  });

  it('places incidents as the repository changes them: recorded, started, put on hold, resolved', async () => {
    db = freshDb('sla-order-repo');
    const clock = testClock();
    const repo = createIncidentRepository(db, clock);
    // P3 (gold: 4 h) recorded first, then a P1 (1 h) 10 minutes later: the P1 breaches first.
    const slow = must(await repo.record({ title: 'Slow leak', impact: 2, urgency: 2 }));
    clock.advance(10 * MIN);
    const urgent = must(await repo.record({ title: 'Main breaker tripped', impact: 1, urgency: 1 }));
    clock.advance(10 * MIN);
    const done = must(await repo.record({ title: 'Door alarm', impact: 3, urgency: 3 }));
    must(await repo.changeStatus(done.id, 'resolved', { resolutionCode: 'Fixed', resolutionNotes: 'Reset the panel' }));
    const ids = async (nowMs: number) => (await findIncidentsPage(db, { sort: { key: 'slaDue', dir: 'asc' }, nowMs }, { limit: 10 })).map((i) => i.id);
    expect(await ids(clock.nowMs())).toEqual([urgent.id, slow.id, done.id]);
    // On hold, the P1's clock stops counting: 50 of its 60 minutes are left however long it waits.
    must(await repo.changeStatus(urgent.id, 'on_hold', { holdReason: 'Awaiting vendor' }));
    const row = await db.incidents.get(urgent.id);
    expect(row).toMatchObject({ slaGroup: 1, slaKey: 50 * MIN });
    // Three hours later the P3 has 30 minutes left and the paused P1 still 50: the P3 now comes first.
    expect(await ids(clock.nowMs() + 3 * 60 * MIN)).toEqual([slow.id, urgent.id, done.id]);
  });
});
