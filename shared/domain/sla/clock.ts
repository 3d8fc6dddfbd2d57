// SLA clocks from the timeline: response (until owned) and resolve (paused on hold) elapsed time, thresholds, due times.
import type { Priority } from '../priority';
import type { Status } from '../status';
import { compileCalendar, type CompiledCalendar } from './calendar';
import { targetFor, type SlaPolicy } from './policy';

export type SlaClockState = 'running' | 'paused' | 'stopped';
/** warn50/warn75 name the policy's first/second warning threshold (50 % and 75 % by default). */
export type SlaThreshold = 'none' | 'warn50' | 'warn75' | 'breached';
export const SLA_THRESHOLDS: readonly SlaThreshold[] = ['none', 'warn50', 'warn75', 'breached'];

export interface SlaClock {
  readonly elapsedMs: number;
  readonly targetMs: number;
  /** elapsed / target × 100, unrounded (can exceed 100). */
  readonly percent: number;
  readonly state: SlaClockState;
  readonly threshold: SlaThreshold;
  /** When 100 % is (or was) reached if the clock keeps running; null while paused or stopped. */
  readonly dueAt: number | null;
  /** When the next threshold not yet reached will be reached; null when none is left or the clock is not running. */
  readonly nextThresholdAt: number | null;
}

export interface SlaClocks {
  readonly response: SlaClock;
  readonly resolve: SlaClock;
}

/** One status change (`to`), or an assignment without a status change (`to: null`: someone now owns it). */
export interface SlaChange {
  readonly atMs: number;
  readonly hlc: string;
  readonly to: Status | null;
  /**
   * An automatic close: stamped just after what its device knew, so a status change made elsewhere with a later
   * stamp wins the merge over it. The clocks follow the merge: a yielding change with such a later change is ignored
   * (its recorded time, later than that change's, would otherwise stop a clock of an incident that is open again).
   */
  readonly yields?: boolean;
}

/** What the clocks need from an incident: its creation instant and its changes, in any order. */
export interface SlaTimeline {
  readonly createdAtMs: number;
  readonly changes: readonly SlaChange[];
}

export interface SlaClockOptions {
  readonly responseMs: number;
  readonly resolveMs: number;
  /** null: 24×7. */
  readonly calendar: CompiledCalendar | null;
  readonly warnPercents: readonly [number, number];
}

const RUNNING = 0;
const PAUSED = 1;
const STOPPED = 2;

function resolveMode(status: Status | null): number {
  switch (status) {
    case 'new':
    case 'assigned':
    case 'in_progress':
      return RUNNING;
    case 'on_hold':
      return PAUSED;
    default:
      return STOPPED;
  }
}

/** Events dated before the incident (a device clock behind) count from its creation; NaN times likewise. */
function effective(atMs: number, createdAtMs: number): number {
  return atMs > createdAtMs ? atMs : createdAtMs;
}

function before(a: SlaChange, b: SlaChange, createdAtMs: number): number {
  const ta = effective(a.atMs, createdAtMs);
  const tb = effective(b.atMs, createdAtMs);
  if (ta !== tb) return ta - tb;
  return a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0;
}

/** Changes in deterministic order (time, then HLC), without overruled yielding ones; the input itself when nothing moves. */
export function orderChanges(timeline: SlaTimeline): readonly SlaChange[] {
  const { createdAtMs } = timeline;
  const changes = withoutOverruled(timeline.changes);
  for (let i = 1; i < changes.length; i++) {
    if (before(changes[i - 1]!, changes[i]!, createdAtMs) > 0) return [...changes].sort((a, b) => before(a, b, createdAtMs));
  }
  return changes;
}

/** Drops yielding changes (automatic closes) that a status change with a later stamp overruled in the merge. */
function withoutOverruled(changes: readonly SlaChange[]): readonly SlaChange[] {
  if (!changes.some((change) => change.yields === true)) return changes;
  let newest = '';
  for (const change of changes) if (change.to !== null && change.hlc > newest) newest = change.hlc;
  return changes.filter((change) => change.yields !== true || change.hlc >= newest);
}

function measure(calendar: CompiledCalendar | null, a: number, b: number): number {
  if (!(b > a)) return 0;
  return calendar === null ? b - a : calendar.measure(a, b);
}

function advance(calendar: CompiledCalendar | null, a: number, amount: number): number {
  return calendar === null ? a + amount : calendar.advance(a, amount);
}

/** First instant at which the resolve clock's running time reaches `need`; null if it never does on the known timeline. */
function resolveCrossing(changes: readonly SlaChange[], createdAtMs: number, calendar: CompiledCalendar | null, need: number): number | null {
  let accumulated = 0;
  let mode = RUNNING;
  let from = createdAtMs;
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i]!;
    if (change.to === null) continue;
    const at = effective(change.atMs, createdAtMs);
    if (mode === RUNNING) {
      const part = measure(calendar, from, at);
      if (accumulated + part >= need) return advance(calendar, from, need - accumulated);
      accumulated += part;
    }
    mode = resolveMode(change.to);
    from = at;
  }
  return mode === RUNNING ? advance(calendar, from, need - accumulated) : null;
}

/** Crossing time of a running resolve clock; the fast path continues from now when no change lies ahead. */
function resolveCrossingAt(
  changes: readonly SlaChange[],
  createdAtMs: number,
  calendar: CompiledCalendar | null,
  need: number,
  tailFromNow: boolean,
  nowMs: number,
  elapsed: number,
): number {
  if (tailFromNow && need > elapsed) return advance(calendar, nowMs, need - elapsed);
  return resolveCrossing(changes, createdAtMs, calendar, need) ?? nowMs;
}

function level(elapsedMs: number, targetMs: number, warn: readonly [number, number]): SlaThreshold {
  const scaled = elapsedMs * 100;
  if (scaled >= targetMs * 100) return 'breached';
  if (scaled >= targetMs * warn[1]) return 'warn75';
  if (scaled >= targetMs * warn[0]) return 'warn50';
  return 'none';
}

function nextNeed(threshold: SlaThreshold, targetMs: number, warn: readonly [number, number]): number | null {
  switch (threshold) {
    case 'none':
      return Math.ceil((targetMs * warn[0]) / 100);
    case 'warn50':
      return Math.ceil((targetMs * warn[1]) / 100);
    case 'warn75':
      return targetMs;
    default:
      return null;
  }
}

/** Both clocks of one incident at `nowMs`. Pure; allocates only the result (and a sorted copy for out-of-order input). */
export function computeSlaClocks(timeline: SlaTimeline, options: SlaClockOptions, nowMs: number): SlaClocks {
  const createdAtMs = timeline.createdAtMs;
  const changes = orderChanges(timeline);
  const calendar = options.calendar;
  const warn = options.warnPercents;

  // One pass: the response clock's stop and the resolve clock's running time up to now.
  let ownedAt = Number.POSITIVE_INFINITY;
  let mode = RUNNING;
  let from = createdAtMs;
  let resolveElapsed = 0;
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i]!;
    const at = effective(change.atMs, createdAtMs);
    if (ownedAt === Number.POSITIVE_INFINITY && change.to !== 'new') ownedAt = at;
    if (change.to === null) continue;
    if (mode === RUNNING) resolveElapsed += measure(calendar, from, at < nowMs ? at : nowMs);
    mode = resolveMode(change.to);
    from = at;
  }
  if (mode === RUNNING) resolveElapsed += measure(calendar, from, nowMs);

  // Response clock.
  const responseMs = options.responseMs;
  const responseElapsed = measure(calendar, createdAtMs, ownedAt < nowMs ? ownedAt : nowMs);
  const responseRunning = ownedAt === Number.POSITIVE_INFINITY;
  const responseLevel = level(responseElapsed, responseMs, warn);
  const responseNext = responseRunning ? nextNeed(responseLevel, responseMs, warn) : null;
  const response: SlaClock = {
    elapsedMs: responseElapsed,
    targetMs: responseMs,
    percent: (responseElapsed / responseMs) * 100,
    state: responseRunning ? 'running' : 'stopped',
    threshold: responseLevel,
    dueAt: responseRunning ? advance(calendar, createdAtMs, responseMs) : null,
    nextThresholdAt: responseNext === null ? null : advance(calendar, createdAtMs, responseNext),
  };

  // Resolve clock. Fast path: the last change is not in the future, so the running tail continues from now.
  const resolveMs = options.resolveMs;
  const resolveLevel = level(resolveElapsed, resolveMs, warn);
  const running = mode === RUNNING;
  const tailFromNow = running && from <= nowMs;
  const resolveNext = running ? nextNeed(resolveLevel, resolveMs, warn) : null;
  const resolve: SlaClock = {
    elapsedMs: resolveElapsed,
    targetMs: resolveMs,
    percent: (resolveElapsed / resolveMs) * 100,
    state: running ? 'running' : mode === PAUSED ? 'paused' : 'stopped',
    threshold: resolveLevel,
    dueAt: running ? resolveCrossingAt(changes, createdAtMs, calendar, resolveMs, tailFromNow, nowMs, resolveElapsed) : null,
    nextThresholdAt: resolveNext === null ? null : resolveCrossingAt(changes, createdAtMs, calendar, resolveNext, tailFromNow, nowMs, resolveElapsed),
  };
  return { response, resolve };
}

const optionsCache = new WeakMap<SlaPolicy, (SlaClockOptions | undefined)[]>();

/** Clock options of a policy and priority, built once per policy object (the list computes 100k of these). */
function optionsFor(policy: SlaPolicy, priority: Priority): SlaClockOptions {
  let perPriority = optionsCache.get(policy);
  if (!perPriority) {
    perPriority = [];
    optionsCache.set(policy, perPriority);
  }
  let options = perPriority[priority];
  if (!options) {
    const target = targetFor(policy, priority);
    options = {
      responseMs: target.responseMinutes * 60_000,
      resolveMs: target.resolveMinutes * 60_000,
      calendar: policy.calendar === null ? null : compileCalendar(policy.calendar),
      warnPercents: policy.warnPercents,
    };
    perPriority[priority] = options;
  }
  return options;
}

/** Both clocks for an incident of `priority` under `policy` (policies are immutable reference data: edit by replacing). */
export function computeIncidentSla(timeline: SlaTimeline, priority: Priority, policy: SlaPolicy, nowMs: number): SlaClocks {
  return computeSlaClocks(timeline, optionsFor(policy, priority), nowMs);
}
