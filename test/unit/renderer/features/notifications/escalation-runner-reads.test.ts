// The escalation runner's reads: every open incident visited once per pass, no timeline read when nothing can be due.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository, ensureDevice, type LanternDb } from '../../../../../renderer/db';
import { startEscalationRunner, type EscalationRunner } from '../../../../../renderer/features/notifications/escalation-runner';
import { escalationEventId, type EscalationRule, SEED_ESCALATION_RULES, SEED_SLA_POLICIES, SYSTEM_AUTHOR, type SlaPolicy, type TimelineEvent } from '../../../../../shared/domain';
import { freshDb, must, START_MS, testClock, type TestClock } from '../../db/db-test-kit';

const MIN = 60_000;
const GOLD = SEED_SLA_POLICIES[0]!;
const open: LanternDb[] = [];
const runners: EscalationRunner[] = [];
afterEach(() => {
  runners.splice(0).forEach((r) => r.stop());
  open.splice(0).forEach((d) => d.close());
});

/** A database whose timeline reads (of any kind: get, bulkGet, where, cursors) are counted. */
async function countedDb(label: string) {
  const db = freshDb(label);
  open.push(db);
  const reads = { timeline: 0 };
  db.use({
    stack: 'dbcore',
    name: 'count-timeline-reads',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        if (name !== 'timeline') return table;
        return {
          ...table,
          get: (req) => (reads.timeline++, table.get(req)),
          getMany: (req) => (reads.timeline++, table.getMany(req)),
          query: (req) => (reads.timeline++, table.query(req)),
          openCursor: (req) => (reads.timeline++, table.openCursor(req)),
          count: (req) => (reads.timeline++, table.count(req)),
        };
      },
    }),
  });
  await ensureDevice(db);
  return { db, reads };
}

function runnerOf(db: LanternDb, clock: TestClock, options: { batchSize?: number; policyOf?: () => SlaPolicy; rules?: readonly EscalationRule[] } = {}) {
  const runner = startEscalationRunner({ db, clock, intervalMs: 3_600_000, pause: async () => undefined, onError: (e) => { throw e; }, ...options });
  runners.push(runner);
  return runner;
}

const automatic = (events: readonly TimelineEvent[]) => events.filter((e) => e.author.name === SYSTEM_AUTHOR.name).map((e) => e.id).sort();

describe('escalation runner reads', { timeout: 60_000 }, () => {
  it('visits every open incident once when escalations are written mid-pass (rows moved by a write are not skipped)', async () => {
    const clock = testClock(START_MS, 0);
    const { db } = await countedDb('esc-mid-pass');
    const repo = createIncidentRepository(db, clock);
    const incidents = [];
    for (let i = 0; i < 60; i++) {
      incidents.push(must(await repo.record({ title: `Pump ${i}`, impact: 3, urgency: 3 })));
      clock.advance(1000);
    }
    clock.advance(3 * 60 * MIN); // every response clock breached, no resolve clock yet
    const runner = runnerOf(db, clock, { batchSize: 7 });
    await expect(runner.runOnce()).resolves.toBe(60);
    const rule = SEED_ESCALATION_RULES[0]!;
    const events = await db.timeline.toArray();
    expect(automatic(events)).toEqual(incidents.map((incident) => escalationEventId(incident, rule)).sort());
    clock.advance(MIN);
    await expect(runner.runOnce()).resolves.toBe(0);
  });

  it('reads no timeline in a pass when nothing is due, including the pass after escalations were written', async () => {
    const clock = testClock(START_MS, 0);
    const { db, reads } = await countedDb('esc-idle');
    const repo = createIncidentRepository(db, clock);
    for (let i = 0; i < 30; i++) must(await repo.record({ title: `Chiller ${i}`, impact: 2, urgency: 3 }));
    clock.advance(3 * 60 * MIN);
    const runner = runnerOf(db, clock, { batchSize: 10 });
    await expect(runner.runOnce()).resolves.toBe(30);
    for (let pass = 0; pass < 3; pass++) {
      clock.advance(MIN);
      reads.timeline = 0;
      await expect(runner.runOnce()).resolves.toBe(0);
      expect(reads.timeline).toBe(0);
    }
  });

  it('escalates an incident in the pass it becomes due, also after it was paused and resumed, without reading it in between', async () => {
    const clock = testClock(START_MS, 0);
    const { db, reads } = await countedDb('esc-on-time');
    const repo = createIncidentRepository(db, clock);
    const p1 = must(await repo.record({ title: 'Data centre cooling', impact: 1, urgency: 1 })); // gold P1: own 15 min, resolve 60 min
    const runner = runnerOf(db, clock);
    const writtenAt = new Map<string, number>();
    let timelineReads = 0;
    for (let minute = 1; minute <= 120; minute++) {
      clock.set(START_MS + minute * MIN);
      if (minute === 20) must(await repo.changeStatus(p1.id, 'on_hold', { holdReason: 'Awaiting vendor', team: 'Facilities' }));
      if (minute === 40) must(await repo.changeStatus(p1.id, 'in_progress', { team: 'Facilities' }));
      reads.timeline = 0;
      await runner.runOnce();
      timelineReads += reads.timeline;
      for (const id of automatic(await db.timeline.where('incidentId').equals(p1.id).toArray())) if (!writtenAt.has(id)) writtenAt.set(id, minute);
    }
    const at = (ruleIndex: number) => writtenAt.get(escalationEventId(p1, SEED_ESCALATION_RULES[ruleIndex]!));
    // Owned at 20 min: the response breach (15 min) came first. Resolve ran 20 + (from 40 on): 75 % of 60 min at 65, 100 % at 80.
    expect(at(0)).toBe(15);
    expect(at(2)).toBe(65);
    expect(at(1)).toBe(80);
    expect(writtenAt.size).toBe(3);
    // Reads only when the incident changed or an escalation could be due, not in each of the 120 passes.
    expect(timelineReads).toBeLessThan(20);
  });

  it('follows a policy replaced by an edit: the remembered time is not kept for the new targets', async () => {
    const clock = testClock(START_MS, 0);
    const { db } = await countedDb('esc-policy');
    const repo = createIncidentRepository(db, clock);
    const incident = must(await repo.record({ title: 'Lift stuck', impact: 3, urgency: 3 }));
    let policy: SlaPolicy = GOLD;
    const runner = runnerOf(db, clock, { policyOf: () => policy });
    clock.advance(5 * MIN);
    await expect(runner.runOnce()).resolves.toBe(0);
    policy = { ...GOLD, targets: { P1: { responseMinutes: 1, resolveMinutes: 2 }, P2: { responseMinutes: 1, resolveMinutes: 2 }, P3: { responseMinutes: 1, resolveMinutes: 2 }, P4: { responseMinutes: 1, resolveMinutes: 2 } } };
    clock.advance(MIN);
    await expect(runner.runOnce()).resolves.toBe(2);
    expect(automatic(await db.timeline.where('incidentId').equals(incident.id).toArray())).toHaveLength(2);
  });

  it('writes in the same pass what a written escalation makes due at once (a raised priority with shorter targets)', async () => {
    const clock = testClock(START_MS, 0);
    const { db } = await countedDb('esc-chain');
    const repo = createIncidentRepository(db, clock);
    const incident = must(await repo.record({ title: 'Payroll run stalled', impact: 1, urgency: 2 }));
    const rules: EscalationRule[] = [
      { id: 'raise-on-response-breach', clock: 'response', at: 'breached', majorOnly: false, action: { kind: 'raise_priority' } },
      { id: 'p1-commander', clock: 'response', at: 'warn50', priorities: [1], majorOnly: false, action: { kind: 'notify_role', role: 'Incident commander' } },
    ];
    const runner = runnerOf(db, clock, { rules });
    clock.advance(5 * MIN);
    await expect(runner.runOnce()).resolves.toBe(0);
    clock.advance(60 * MIN);
    await expect(runner.runOnce()).resolves.toBe(2);
    expect(automatic(await db.timeline.where('incidentId').equals(incident.id).toArray())).toEqual(rules.map((rule) => escalationEventId(incident, rule)).sort());
  });
});
