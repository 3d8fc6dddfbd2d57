// slaOrderKey: the stored "time left" key equals what the shown clock says at any later instant, on 24×7 and business calendars.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedTransitions,
  computeIncidentSla,
  SEED_SLA_POLICIES,
  slaOrderInstant,
  slaOrderKey,
  weekdayCalendar,
  type Priority,
  type SlaChange,
  type SlaPolicy,
  type Status,
} from '../../../../../shared/domain';

const MINUTE = 60_000;
const BASE = Date.parse('2026-03-27T10:00:00Z'); // the Berlin DST change falls inside the walks
const POLICIES: readonly SlaPolicy[] = [SEED_SLA_POLICIES[0]!, { ...SEED_SLA_POLICIES[1]!, calendar: weekdayCalendar('Europe/Berlin') }];

const walk = fc
  .record({
    picks: fc.array(fc.record({ choice: fc.nat(), minute: fc.integer({ min: -120, max: 4000 }), ownership: fc.boolean() }), { maxLength: 8 }),
    priority: fc.constantFrom<Priority>(1, 2, 3, 4, 5),
    policy: fc.constantFrom(...POLICIES),
    laterMinutes: fc.integer({ min: 0, max: 20_000 }),
  })
  .map(({ picks, priority, policy, laterMinutes }) => {
    const changes: SlaChange[] = [];
    let status: Status = 'new';
    picks.forEach((pick, index) => {
      const atMs = BASE + pick.minute * MINUTE;
      const hlc = `h${String(index).padStart(2, '0')}`;
      if (pick.ownership) return void changes.push({ atMs, hlc, to: null });
      const options = allowedTransitions(status);
      if (options.length === 0) return;
      status = options[pick.choice % options.length]!.to;
      changes.push({ atMs, hlc, to: status });
    });
    const lastChange = Math.max(BASE, ...changes.map((c) => c.atMs));
    return { timeline: { createdAtMs: BASE, changes }, priority, policy, nowMs: lastChange + laterMinutes * MINUTE };
  });

describe('slaOrderKey', () => {
  it('holds the due instant of a running clock and the frozen time left of a paused one, whenever they are read', () => {
    fc.assert(
      fc.property(walk, ({ timeline, priority, policy, nowMs }) => {
        const key = slaOrderKey(timeline, { priority }, policy);
        const { response, resolve } = computeIncidentSla(timeline, { priority }, policy, nowMs);
        // While nobody owns the incident the list shows (and sorts by) the time to own.
        if (response.state === 'running') expect(key).toEqual([0, response.dueAt]);
        else if (resolve.state === 'running') expect(key).toEqual([0, resolve.dueAt]);
        else if (resolve.state === 'paused') expect(key).toEqual([1, resolve.targetMs - resolve.elapsedMs]);
        else expect(key).toBeUndefined();
        // On the list's time axis: a paused clock sorts as if its time left started counting now.
        if (key && resolve.state === 'paused') expect(slaOrderInstant(key, nowMs)).toBe(nowMs + resolve.targetMs - resolve.elapsedMs);
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order the changes arrived in', () => {
    fc.assert(
      fc.property(walk, fc.nat(), ({ timeline, priority, policy }, seed) => {
        const shuffled = [...timeline.changes].sort((a, b) => ((a.hlc.charCodeAt(2) * 31 + seed) % 7) - ((b.hlc.charCodeAt(2) * 31 + seed) % 7));
        expect(slaOrderKey({ ...timeline, changes: shuffled }, { priority }, policy)).toEqual(slaOrderKey(timeline, { priority }, policy));
      }),
      { numRuns: 100 },
    );
  });

  it('puts a new P1 on the gold policy due to be owned 15 minutes after it was recorded, resolved an hour after once owned, and has no key once the clock stops', () => {
    const timeline = { createdAtMs: BASE, changes: [] as SlaChange[] };
    const gold = SEED_SLA_POLICIES[0]!;
    expect(slaOrderKey(timeline, { priority: 1 }, gold)).toEqual([0, BASE + 15 * MINUTE]);
    const owned = { createdAtMs: BASE, changes: [{ atMs: BASE + 5 * MINUTE, hlc: 'a', to: null }] };
    expect(slaOrderKey(owned, { priority: 1 }, gold)).toEqual([0, BASE + 60 * MINUTE]);
    const resolved = { createdAtMs: BASE, changes: [{ atMs: BASE + MINUTE, hlc: 'a', to: 'in_progress' as const }, { atMs: BASE + 2 * MINUTE, hlc: 'b', to: 'resolved' as const }] };
    expect(slaOrderKey(resolved, { priority: 1 }, gold)).toBeUndefined();
  });
});
