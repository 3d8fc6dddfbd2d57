// Incident statistics for a period: counts, SLA compliance, median times, per priority, per category and per bucket.
import type { Impact, Priority, Urgency } from '../priority';
import { computeIncidentSla, orderChanges, type SlaClocks, type SlaTimeline } from '../sla/clock';
import type { SlaPolicy } from '../sla/policy';
import { OPEN_STATUSES, type Status } from '../status';
import { resolvedAtOf } from './resolution-time';

/** What the statistics need of one incident (read from its stored row). */
export interface StatsSubject {
  readonly priority: Priority;
  /** The levels now: with them the SLA clocks know a level that never changed (a bare priority can only guess it). */
  readonly impact: Impact;
  readonly urgency: Urgency;
  readonly status: Status;
  readonly major: boolean;
  readonly exercise: boolean;
  /** The category as shown (its first two levels, e.g. "Facility › HVAC"), or null when uncategorised. */
  readonly category: string | null;
  /** The site as shown (its first two levels, e.g. "Main campus › Block A"), or null when not set. */
  readonly site: string | null;
  readonly team: string | null;
  /** The row's last update: where a resolution is placed when its changes cannot say (resolution-time.ts). */
  readonly updatedAtMs: number;
  readonly timeline: SlaTimeline;
  readonly policy: SlaPolicy;
}

/** The period [fromMs, toMs) and the starts of its chart buckets (ascending, the first equal to fromMs). */
export interface StatsPeriod {
  readonly fromMs: number;
  readonly toMs: number;
  readonly bucketStarts: readonly number[];
}

/** Met and breached targets; clocks still running below their target count in neither. */
export interface SlaCompliance {
  readonly met: number;
  readonly breached: number;
}

export interface PriorityStats {
  readonly priority: Priority;
  readonly recorded: number;
  readonly resolved: number;
  readonly stillOpen: number;
  readonly response: SlaCompliance;
  readonly resolve: SlaCompliance;
  /** Medians in SLA time (the policy's hours, on hold not counted); null when nothing was measured. */
  readonly medianTimeToOwnMs: number | null;
  readonly medianTimeToResolveMs: number | null;
}

export interface BucketStats {
  readonly startMs: number;
  readonly recorded: number;
  readonly resolved: number;
}

export interface CategoryStats {
  readonly category: string | null;
  readonly recorded: number;
  readonly stillOpen: number;
}

/** The backlog now, whatever the period: open incidents and those already past an SLA target. */
export interface BacklogStats {
  readonly open: number;
  /** Open and past the response target (still unowned) or the resolve target. */
  readonly overdue: number;
  readonly unowned: number;
}

export interface IncidentStats {
  readonly backlog: BacklogStats;
  /** Recorded in the period (created on a device between from and to), exercises and cancelled ones included. */
  readonly recorded: number;
  /** Resolved in the period, whenever they were recorded. */
  readonly resolved: number;
  /** Of those recorded in the period, how many still need work now. */
  readonly stillOpen: number;
  /** Of those recorded in the period, how many were cancelled (logged in error, duplicates): left out of SLA figures. */
  readonly cancelled: number;
  readonly major: number;
  /** Exercise (drill) incidents in the period or open now: left out of every other figure. */
  readonly exercisesLeftOut: number;
  /**
   * Response clocks of incidents recorded in the period; resolve clocks of incidents resolved in it, plus those recorded
   * in it, still open and already past their target (missed whatever happens next).
   */
  readonly response: SlaCompliance;
  readonly resolve: SlaCompliance;
  readonly medianTimeToOwnMs: number | null;
  readonly medianTimeToResolveMs: number | null;
  /** Priorities 1–5 that occur, in order. */
  readonly byPriority: readonly PriorityStats[];
  /** Most recorded first; ties by name. */
  readonly byCategory: readonly CategoryStats[];
  readonly buckets: readonly BucketStats[];
}

interface Tally {
  recorded: number;
  resolved: number;
  stillOpen: number;
  responseMet: number;
  responseBreached: number;
  resolveMet: number;
  resolveBreached: number;
  ownTimes: number[];
  resolveTimes: number[];
}

function newTally(): Tally {
  return { recorded: 0, resolved: 0, stillOpen: 0, responseMet: 0, responseBreached: 0, resolveMet: 0, resolveBreached: 0, ownTimes: [], resolveTimes: [] };
}

/** Median of the values (sorted here), or null for none. Even counts take the mean of the middle two. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  const middle = values.length >> 1;
  return values.length % 2 === 1 ? values[middle]! : (values[middle - 1]! + values[middle]!) / 2;
}

/** Index of the bucket holding `atMs` (the last start ≤ atMs), by binary search. */
function bucketIndex(starts: readonly number[], atMs: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= atMs) low = mid;
    else high = mid - 1;
  }
  return low;
}

function within(period: StatsPeriod, atMs: number): boolean {
  return atMs >= period.fromMs && atMs < period.toMs;
}

/** The response clock; its time joins the median only when someone took the incident (not resolved with no owner). */
function countResponse(tally: Tally, clocks: SlaClocks, owned: boolean): void {
  const clock = clocks.response;
  if (clock.threshold === 'breached') tally.responseBreached++;
  else if (clock.state === 'stopped') tally.responseMet++;
  if (clock.state === 'stopped' && owned) tally.ownTimes.push(clock.elapsedMs);
}

const OWNING: readonly (Status | null)[] = [null, 'assigned', 'in_progress', 'on_hold'];

/** Whether the change that stopped the response clock gave the incident an owner (rather than finishing it unowned). */
function wasOwned(timeline: SlaTimeline): boolean {
  const first = orderChanges(timeline).find((change) => change.to !== 'new');
  return first !== undefined && OWNING.includes(first.to);
}

/**
 * A resolved incident's resolve clock. Judged only when stopped: the clocks walk changes by recorded time, and a
 * resolution recorded by a device whose clock was behind a reopen leaves the clock running on a resolved incident.
 */
function countResolve(tally: Tally, clocks: SlaClocks): void {
  const clock = clocks.resolve;
  if (clock.state !== 'stopped') return;
  if (clock.threshold === 'breached') tally.resolveBreached++;
  else tally.resolveMet++;
  tally.resolveTimes.push(clock.elapsedMs);
}

/**
 * Statistics of `subjects` for `period`, with clocks read at `nowMs`. Exercises are counted apart and left out of
 * everything else (DOMAIN.md); cancelled incidents count as recorded but not in SLA figures or medians.
 */
export function summarizeIncidents(subjects: Iterable<StatsSubject>, period: StatsPeriod, nowMs: number): IncidentStats {
  const all = newTally();
  const priorities = new Map<Priority, Tally>();
  const categories = new Map<string | null, { recorded: number; stillOpen: number }>();
  const buckets = period.bucketStarts.map((startMs) => ({ startMs, recorded: 0, resolved: 0 }));
  let cancelled = 0;
  let major = 0;
  let exercises = 0;
  const backlog = { open: 0, overdue: 0, unowned: 0 };
  for (const subject of subjects) {
    // A device clock ahead stamps the future; such an incident counts as of now rather than in no period at all.
    const createdAtMs = Math.min(subject.timeline.createdAtMs, nowMs);
    const recordedInPeriod = within(period, createdAtMs);
    const stampedResolution = resolvedAtOf(subject.timeline, subject.status, subject.updatedAtMs);
    const resolvedAt = stampedResolution === null ? null : Math.min(stampedResolution, nowMs);
    const resolvedInPeriod = resolvedAt !== null && within(period, resolvedAt);
    const open = OPEN_STATUSES.includes(subject.status);
    if (!recordedInPeriod && !resolvedInPeriod && !open) continue;
    if (subject.exercise) {
      exercises++;
      continue;
    }
    const clocks = computeIncidentSla(subject.timeline, subject, subject.policy, nowMs);
    if (open) {
      backlog.open++;
      if (clocks.response.state === 'running') backlog.unowned++;
      if (clocks.resolve.threshold === 'breached' || clocks.response.threshold === 'breached') backlog.overdue++;
    }
    if (!recordedInPeriod && !resolvedInPeriod) continue;
    let tally = priorities.get(subject.priority);
    if (!tally) priorities.set(subject.priority, (tally = newTally()));
    if (recordedInPeriod) {
      const owned = wasOwned(subject.timeline);
      for (const t of [all, tally]) {
        t.recorded++;
        if (open) t.stillOpen++;
        if (subject.status !== 'cancelled') countResponse(t, clocks, owned);
        if (open && clocks.resolve.threshold === 'breached') t.resolveBreached++;
      }
      if (subject.status === 'cancelled') cancelled++;
      if (subject.major) major++;
      const category = categories.get(subject.category) ?? { recorded: 0, stillOpen: 0 };
      category.recorded++;
      if (open) category.stillOpen++;
      categories.set(subject.category, category);
      if (buckets.length > 0) buckets[bucketIndex(period.bucketStarts, createdAtMs)]!.recorded++;
    }
    if (resolvedInPeriod) {
      for (const t of [all, tally]) {
        t.resolved++;
        countResolve(t, clocks);
      }
      if (buckets.length > 0) buckets[bucketIndex(period.bucketStarts, resolvedAt)]!.resolved++;
    }
  }
  return {
    backlog,
    recorded: all.recorded,
    resolved: all.resolved,
    stillOpen: all.stillOpen,
    cancelled,
    major,
    exercisesLeftOut: exercises,
    response: { met: all.responseMet, breached: all.responseBreached },
    resolve: { met: all.resolveMet, breached: all.resolveBreached },
    medianTimeToOwnMs: median(all.ownTimes),
    medianTimeToResolveMs: median(all.resolveTimes),
    byPriority: [...priorities.entries()]
      .sort(([a], [b]) => a - b)
      .map(([priority, t]) => ({
        priority,
        recorded: t.recorded,
        resolved: t.resolved,
        stillOpen: t.stillOpen,
        response: { met: t.responseMet, breached: t.responseBreached },
        resolve: { met: t.resolveMet, breached: t.resolveBreached },
        medianTimeToOwnMs: median(t.ownTimes),
        medianTimeToResolveMs: median(t.resolveTimes),
      })),
    byCategory: [...categories.entries()]
      .map(([category, c]) => ({ category, recorded: c.recorded, stillOpen: c.stillOpen }))
      .sort((a, b) => b.recorded - a.recorded || (a.category ?? '\uffff').localeCompare(b.category ?? '\uffff')),
    buckets,
  };
}

/** Share met of all judged (met + breached), 0–100, or null when none was judged yet. */
export function compliancePercent(compliance: SlaCompliance): number | null {
  const judged = compliance.met + compliance.breached;
  return judged === 0 ? null : (compliance.met / judged) * 100;
}
