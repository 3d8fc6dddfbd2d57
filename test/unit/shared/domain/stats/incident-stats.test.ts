// Incident statistics: period membership, exercises and cancellations left out, SLA compliance, medians, buckets.
import { describe, expect, it } from 'vitest';
import { compliancePercent, median, resolvedAtOf, SEED_SLA_POLICIES, summarizeIncidents, type Priority, type Status, type StatsSubject } from '../../../../../shared/domain';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const T0 = Date.UTC(2026, 10, 1);
const gold = SEED_SLA_POLICIES[0]!; // P2: own within 30 min, resolve within 2 h
const week = { fromMs: T0, toMs: T0 + 7 * DAY, bucketStarts: Array.from({ length: 7 }, (_, day) => T0 + day * DAY) };
const NOW = T0 + 7 * DAY;
/** Levels that give each priority in the default matrix (P5 has none there; its levels never enter the clocks). */
const LEVELS_OF: Record<Priority, Pick<StatsSubject, 'impact' | 'urgency'>> = {
  1: { impact: 1, urgency: 1 },
  2: { impact: 1, urgency: 2 },
  3: { impact: 2, urgency: 2 },
  4: { impact: 3, urgency: 3 },
  5: { impact: 3, urgency: 3 },
};

let hlc = 0;
interface Spec {
  at: number;
  changes?: [number, Status | null][];
  status?: Status;
  priority?: Priority;
  exercise?: boolean;
  major?: boolean;
  category?: string | null;
}
/** An incident recorded at `at` ms after T0, with changes `minutes after recording → status`. */
function incident(spec: Spec): StatsSubject {
  const createdAtMs = T0 + spec.at;
  const changes = (spec.changes ?? []).map(([minutes, to]) => ({ atMs: createdAtMs + minutes * MIN, hlc: String(++hlc).padStart(8, '0'), to }));
  const last = [...changes].reverse().find((change) => change.to !== null)?.to ?? 'new';
  return {
    priority: spec.priority ?? 2,
    // No level changes here: the levels only anchor a priority history.
    ...LEVELS_OF[spec.priority ?? 2],
    status: spec.status ?? last,
    major: spec.major ?? false,
    exercise: spec.exercise ?? false,
    category: spec.category === undefined ? 'Facility' : spec.category,
    site: null,
    team: null,
    updatedAtMs: Math.max(createdAtMs, ...changes.map((change) => change.atMs)),
    timeline: { createdAtMs, changes },
    policy: gold,
  };
}

describe('summarizeIncidents', () => {
  it('counts an incident owned and resolved within its targets as met, with its times as the medians', () => {
    const stats = summarizeIncidents([incident({ at: 2 * 60 * MIN, changes: [[10, 'assigned'], [60, 'resolved']] })], week, NOW);
    expect(stats).toMatchObject({ recorded: 1, resolved: 1, stillOpen: 0, response: { met: 1, breached: 0 }, resolve: { met: 1, breached: 0 } });
    expect(stats.medianTimeToOwnMs).toBe(10 * MIN);
    expect(stats.medianTimeToResolveMs).toBe(60 * MIN);
    expect(stats.buckets[0]).toEqual({ startMs: T0, recorded: 1, resolved: 1 });
  });

  it('counts late ownership as a breached response and an open incident past its target as a missed resolve, not resolved', () => {
    const stats = summarizeIncidents([incident({ at: DAY, changes: [[45, 'in_progress']] })], week, NOW);
    expect(stats).toMatchObject({ recorded: 1, resolved: 0, stillOpen: 1, response: { met: 0, breached: 1 }, resolve: { met: 0, breached: 1 } });
    expect(stats.medianTimeToResolveMs).toBeNull();
  });

  it('does not judge the resolve clock of an open incident still within its target', () => {
    const stats = summarizeIncidents([incident({ at: NOW - T0 - 30 * MIN, changes: [[5, 'in_progress']] })], week, NOW);
    expect(stats.resolve).toEqual({ met: 0, breached: 0 });
  });

  it('counts an incident a device clock ahead dated in the future as recorded now, in the last bucket', () => {
    const stats = summarizeIncidents([incident({ at: NOW - T0 + 2 * DAY })], week, NOW - 1);
    expect(stats).toMatchObject({ recorded: 1, stillOpen: 1 });
    expect(stats.buckets[6]!.recorded).toBe(1);
  });

  it('counts a resolution recorded behind a later reopen as resolved, without judging its still running clock', () => {
    // Resolved at 60 min, reopened at 12 h, resolved again by a laptop whose clock was 1.5 h behind (its stamp is later).
    const stats = summarizeIncidents([incident({ at: DAY, changes: [[5, 'assigned'], [60, 'resolved'], [720, 'in_progress'], [630, 'resolved']], status: 'resolved' })], week, NOW);
    expect(stats).toMatchObject({ recorded: 1, resolved: 1, stillOpen: 0, resolve: { met: 0, breached: 0 } });
    expect(stats.buckets[1]!.resolved).toBe(1);
    expect(stats.medianTimeToResolveMs).toBeNull();
  });

  it('judges neither way an unowned incident whose response clock is still under its target', () => {
    const stats = summarizeIncidents([incident({ at: NOW - T0 - 5 * MIN })], week, NOW);
    expect(stats.response).toEqual({ met: 0, breached: 0 });
    expect(compliancePercent(stats.response)).toBeNull();
    expect(stats.buckets[6]!.recorded).toBe(1);
  });

  it('counts an incident recorded before the period as resolved in it, on the day of its resolution', () => {
    const stats = summarizeIncidents([incident({ at: -2 * DAY, changes: [[10, 'assigned'], [2 * 24 * 60 + 3 * 24 * 60, 'resolved']] })], week, NOW);
    expect(stats).toMatchObject({ recorded: 0, resolved: 1, resolve: { met: 0, breached: 1 } });
    expect(stats.buckets.map((b) => b.resolved)).toEqual([0, 0, 0, 1, 0, 0, 0]);
    expect(stats.byCategory).toEqual([]);
  });

  it('leaves finished incidents outside the period out entirely', () => {
    const stats = summarizeIncidents([incident({ at: -3 * DAY, changes: [[10, 'resolved']] }), incident({ at: -9 * DAY, changes: [[10, 'cancelled']] })], week, NOW);
    expect(stats).toMatchObject({ recorded: 0, resolved: 0, exercisesLeftOut: 0, byPriority: [], backlog: { open: 0, overdue: 0, unowned: 0 } });
  });

  it('counts the backlog now whatever the period: open, overdue (either target) and unowned, exercises left out', () => {
    const stats = summarizeIncidents(
      [
        incident({ at: -30 * DAY, changes: [[5, 'assigned']] }), // open for a month: resolve target long past
        incident({ at: NOW - T0 - 10 * MIN }), // unowned, within its 30 min response target
        incident({ at: NOW - T0 - 40 * MIN }), // unowned past its response target
        incident({ at: NOW - T0 - 10 * MIN, changes: [[1, 'on_hold']] }), // owned, on hold, within target
        incident({ at: -30 * DAY, exercise: true }),
      ],
      week,
      NOW,
    );
    expect(stats.backlog).toEqual({ open: 4, overdue: 2, unowned: 2 });
    expect(stats.recorded).toBe(3);
    expect(stats.exercisesLeftOut).toBe(1);
  });

  it('keeps an incident resolved with no owner out of the median time to own, while judging its response clock', () => {
    const stats = summarizeIncidents([incident({ at: MIN, changes: [[720, 'resolved']] }), incident({ at: MIN, changes: [[10, 'assigned'], [20, 'resolved']] })], week, NOW);
    expect(stats.response).toEqual({ met: 1, breached: 1 });
    expect(stats.medianTimeToOwnMs).toBe(10 * MIN);
  });

  it('counts exercises apart and leaves them out of every other figure', () => {
    const stats = summarizeIncidents([incident({ at: MIN, exercise: true, major: true, changes: [[90, 'resolved']] })], week, NOW);
    expect(stats).toMatchObject({ recorded: 0, resolved: 0, major: 0, exercisesLeftOut: 1, byPriority: [], byCategory: [] });
    expect(stats.buckets.every((b) => b.recorded === 0 && b.resolved === 0)).toBe(true);
  });

  it('counts a cancelled incident as recorded but not in the SLA figures', () => {
    const stats = summarizeIncidents([incident({ at: MIN, changes: [[120, 'cancelled']] })], week, NOW);
    expect(stats).toMatchObject({ recorded: 1, cancelled: 1, stillOpen: 0, resolved: 0, response: { met: 0, breached: 0 } });
    expect(stats.medianTimeToOwnMs).toBeNull();
  });

  it('does not count time on hold towards the time to resolve', () => {
    const stats = summarizeIncidents([incident({ at: MIN, changes: [[5, 'assigned'], [30, 'on_hold'], [300, 'in_progress'], [330, 'resolved']] })], week, NOW);
    expect(stats.medianTimeToResolveMs).toBe(60 * MIN);
    expect(stats.resolve).toEqual({ met: 1, breached: 0 });
  });

  it('groups by priority in order and by top-level category, most recorded first', () => {
    const stats = summarizeIncidents(
      [
        incident({ at: MIN, priority: 3, category: 'IT' }),
        incident({ at: MIN, priority: 1, category: 'Facility', major: true, changes: [[5, 'assigned'], [30, 'resolved']] }),
        incident({ at: MIN, priority: 3, category: 'Facility' }),
        incident({ at: MIN, priority: 3, category: null }),
      ],
      week,
      NOW,
    );
    expect(stats.major).toBe(1);
    expect(stats.byPriority.map((p) => [p.priority, p.recorded, p.resolved, p.stillOpen])).toEqual([
      [1, 1, 1, 0],
      [3, 3, 0, 3],
    ]);
    expect(stats.byCategory).toEqual([
      { category: 'Facility', recorded: 2, stillOpen: 1 },
      { category: 'IT', recorded: 1, stillOpen: 1 },
      { category: null, recorded: 1, stillOpen: 1 },
    ]);
  });

  it('puts each recording in the bucket whose start it follows, the last bucket running to the end', () => {
    const stats = summarizeIncidents([incident({ at: 0 }), incident({ at: DAY - 1 }), incident({ at: DAY }), incident({ at: 7 * DAY - 1 })], week, NOW);
    expect(stats.buckets.map((b) => b.recorded)).toEqual([2, 1, 0, 0, 0, 0, 1]);
  });
});

describe('resolvedAtOf', () => {
  const at = (minutes: number) => T0 + minutes * MIN;
  const timeline = (changes: [number, Status][]) => ({ createdAtMs: T0, changes: changes.map(([m, to], i) => ({ atMs: at(m), hlc: `h${i}`, to })) });

  it('counts from the last resolution after a reopen', () => {
    expect(resolvedAtOf(timeline([[10, 'resolved'], [20, 'in_progress'], [40, 'resolved']]), 'resolved', at(40))).toBe(at(40));
  });

  it('keeps the resolution time when the incident is closed later', () => {
    expect(resolvedAtOf(timeline([[10, 'resolved'], [60 * 24 * 7, 'closed']]), 'closed', at(60 * 24 * 7))).toBe(at(10));
  });

  it('is null for open and cancelled incidents', () => {
    expect(resolvedAtOf(timeline([[10, 'resolved'], [20, 'in_progress']]), 'in_progress', at(20))).toBeNull();
    expect(resolvedAtOf(timeline([[10, 'cancelled']]), 'cancelled', at(10))).toBeNull();
  });

  it('ignores an automatic close a later reopen overruled', () => {
    const changes = [
      { atMs: at(10), hlc: 'a', to: 'resolved' as const },
      { atMs: at(30), hlc: 'b', to: 'closed' as const, yields: true },
      { atMs: at(20), hlc: 'c', to: 'in_progress' as const },
      { atMs: at(50), hlc: 'd', to: 'resolved' as const },
    ];
    expect(resolvedAtOf({ createdAtMs: T0, changes }, 'resolved', at(50))).toBe(at(50));
  });
});

describe('resolvedAtOf, when devices disagree', () => {
  const at = (minutes: number) => T0 + minutes * MIN;
  const timeline = (changes: [number, Status][]) => ({ createdAtMs: T0, changes: changes.map(([m, to], i) => ({ atMs: at(m), hlc: `h${i}`, to })) });

  it('takes a resolution that won the merge over a cancel made offline elsewhere', () => {
    expect(resolvedAtOf(timeline([[60 * 48, 'cancelled'], [60 * 49, 'resolved']]), 'resolved', at(60 * 49))).toBe(at(60 * 49));
  });

  it('falls back to the latest change into resolved when the walk by time ends open, and to the last update without any', () => {
    expect(resolvedAtOf(timeline([[60, 'resolved'], [720, 'in_progress'], [630, 'resolved']]), 'resolved', at(720))).toBe(at(630));
    expect(resolvedAtOf(timeline([]), 'resolved', at(90))).toBe(at(90));
  });

  it('counts a change without a usable time from the creation, as the clocks do', () => {
    const changes = [{ atMs: Number.NaN, hlc: 'a', to: 'resolved' as const }];
    expect(resolvedAtOf({ createdAtMs: T0, changes }, 'resolved', at(5))).toBe(T0);
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
