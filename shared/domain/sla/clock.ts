// SLA clocks from the timeline: response (until owned) and resolve (paused on hold) elapsed time, thresholds, due times.
import type { Priority } from '../priority';
import type { Status } from '../status';
import { findResolveBreach, findResponseBreach } from './breach';
import { compileCalendar, type CompiledCalendar } from './calendar';
import { advance, effective, measure, PAUSED, resolveMode, RUNNING, STOPPED } from './clock-steps';
import { targetFor, type SlaPolicy } from './policy';
import { lenientToMerge } from './merge-lenient';
import { priorityHistory, type PriorityHistory, type SlaLevelChange, type SlaPriorityNow } from './priority-history';

export type SlaClockState = 'running' | 'paused' | 'stopped';
/** warn50/warn75 name the policy's first/second warning threshold (50 % and 75 % by default). */
export type SlaThreshold = 'none' | 'warn50' | 'warn75' | 'breached';
export const SLA_THRESHOLDS: readonly SlaThreshold[] = ['none', 'warn50', 'warn75', 'breached'];

/** When a clock breached, and under which priority (absent where the clock was computed without one). */
export interface SlaBreach {
  readonly atMs: number;
  readonly priority?: Priority;
}

export interface SlaClock {
  readonly elapsedMs: number;
  /**
   * The target the clock is judged by: once breached, the one in force when it breached (a later downgrade does not
   * lift it); otherwise the one in force now, or when the clock stopped.
   */
  readonly targetMs: number;
  /** elapsed / target × 100, unrounded (can exceed 100; at least 100 exactly when breached). */
  readonly percent: number;
  readonly state: SlaClockState;
  readonly threshold: SlaThreshold;
  /** When 100 % is (or was) reached if the clock keeps running; null while paused or stopped. */
  readonly dueAt: number | null;
  /** When the next threshold not yet reached will be reached; null when none is left or the clock is not running. */
  readonly nextThresholdAt: number | null;
  /** Set once the clock breached; it stays set whatever the priority does afterwards. */
  readonly breach?: SlaBreach;
}

export interface SlaClocks {
  readonly response: SlaClock;
  readonly resolve: SlaClock;
}

/**
 * One status change (`to`), an assignment without a status change (`to: null`: someone now owns it), and/or a change
 * of impact or urgency (`levels`; without `to` when that is all it changed).
 */
export interface SlaChange {
  readonly atMs: number;
  readonly hlc: string;
  readonly to?: Status | null;
  /**
   * An automatic close: stamped just after what its device knew, so a status change made elsewhere with a later
   * stamp wins the merge over it. The clocks follow the merge: a yielding change with such a later change is ignored
   * (its recorded time, later than that change's, would otherwise stop a clock of an incident that is open again).
   */
  readonly yields?: boolean;
  /** Impact and/or urgency changed here: the priority, and so the targets in force, may change from this instant. */
  readonly levels?: SlaLevelChange;
}

/** A change the status clocks act on: a status change or a first owner. */
export type SlaStatusChange = SlaChange & { readonly to: Status | null };

function actsOnStatus(change: SlaChange): change is SlaStatusChange {
  return change.to !== undefined;
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

function before(a: SlaChange, b: SlaChange, createdAtMs: number): number {
  const ta = effective(a.atMs, createdAtMs);
  const tb = effective(b.atMs, createdAtMs);
  if (ta !== tb) return ta - tb;
  return a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0;
}

/** Status changes and first owners in deterministic order (time, then HLC), without overruled yielding ones. */
export function orderChanges(timeline: SlaTimeline): readonly SlaStatusChange[] {
  const all = orderedEntries(timeline);
  return all.every(actsOnStatus) ? all : all.filter(actsOnStatus);
}

/** Every change (level changes too) in the clocks' order; the input itself when nothing moves. */
export function orderedEntries(timeline: SlaTimeline): readonly SlaChange[] {
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
  for (const change of changes) if (typeof change.to === 'string' && change.hlc > newest) newest = change.hlc;
  return changes.filter((change) => change.yields !== true || change.hlc >= newest);
}

/** First instant at which the resolve clock's running time reaches `need`; null if it never does on the known timeline. */
function resolveCrossing(changes: readonly SlaChange[], createdAtMs: number, calendar: CompiledCalendar | null, need: number): number | null {
  let accumulated = 0;
  let mode = RUNNING;
  let from = createdAtMs;
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i]!;
    if (change.to === null || change.to === undefined) continue;
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

/** The response and resolve targets under one priority (undefined: the fixed targets of computeSlaClocks). */
type Targets = (priority: Priority | undefined) => { readonly responseMs: number; readonly resolveMs: number };

/**
 * One clock judged against `targetMs`: the target in force now (or when it stopped), or, once breached, the one it
 * breached under. `crossing(need)` is when its running time reaches `need`.
 */
function judge(
  elapsedMs: number,
  targetMs: number,
  state: SlaClockState,
  warn: readonly [number, number],
  breach: SlaBreach | null,
  priority: Priority | undefined,
  crossing: (need: number) => number,
): SlaClock {
  const threshold = breach ? 'breached' : level(elapsedMs, targetMs, warn);
  const running = state === 'running';
  const percent = (elapsedMs / targetMs) * 100;
  if (threshold === 'breached') {
    const found = breach ?? { atMs: crossing(targetMs), ...(priority === undefined ? {} : { priority }) };
    return { elapsedMs, targetMs, percent, state, threshold, dueAt: running ? found.atMs : null, nextThresholdAt: null, breach: found };
  }
  const next = running ? nextNeed(threshold, targetMs, warn) : null;
  return { elapsedMs, targetMs, percent, state, threshold, dueAt: running ? crossing(targetMs) : null, nextThresholdAt: next === null ? null : crossing(next) };
}

/**
 * Both clocks from ordered changes. Without a priority history the targets are fixed (`priority`'s); with one, each
 * instant has the target of the priority then, and a breach found by the walk (breach.ts) stays.
 */
function clocksOf(
  createdAtMs: number,
  changes: readonly SlaChange[],
  calendar: CompiledCalendar | null,
  warn: readonly [number, number],
  targets: Targets,
  priority: Priority | undefined,
  history: PriorityHistory | null,
  nowMs: number,
): SlaClocks {
  // One pass: the response clock's stop and the resolve clock's running time up to now. Level changes only move targets.
  let ownedAt = Number.POSITIVE_INFINITY;
  let mode = RUNNING;
  let from = createdAtMs;
  let resolveElapsed = 0;
  // A status change stamped after now (a device clock ahead): the walk leaves it out, this pass does not.
  let ahead = false;
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i]!;
    if (change.to === undefined) continue;
    const at = effective(change.atMs, createdAtMs);
    if (at > nowMs) ahead = true;
    if (ownedAt === Number.POSITIVE_INFINITY && change.to !== 'new') ownedAt = at;
    if (change.to === null) continue;
    if (mode === RUNNING) resolveElapsed += measure(calendar, from, at < nowMs ? at : nowMs);
    mode = resolveMode(change.to);
    from = at;
  }
  if (mode === RUNNING) resolveElapsed += measure(calendar, from, nowMs);

  // Response clock.
  const responseElapsed = measure(calendar, createdAtMs, ownedAt < nowMs ? ownedAt : nowMs);
  const responseRunning = ownedAt === Number.POSITIVE_INFINITY;
  // Where no earlier priority was stricter than today's, a clock still running (or paused) and short of today's
  // target cannot have breached: each earlier target was at least today's, and the elapsed time then was at most
  // today's. Its verdict is today's priority without a breach, so the walk is skipped (most histories are upgrades).
  const calm = history !== null && priority !== undefined && noneStricter(history, priority);
  const responseCalm = calm && responseRunning && responseElapsed < targets(priority).responseMs;
  const responseVerdict = history === null || responseCalm ? null : findResponseBreach(changes, createdAtMs, calendar, history, targets, ownedAt, nowMs);
  const responsePriority = responseVerdict?.breach?.priority ?? responseVerdict?.priority ?? priority;
  const response = judge(
    responseElapsed,
    targets(responsePriority).responseMs,
    responseRunning ? 'running' : 'stopped',
    warn,
    responseVerdict?.breach ?? null,
    responsePriority,
    (need) => advance(calendar, createdAtMs, need),
  );

  // Resolve clock. Fast path: the last change is not in the future, so the running tail continues from now.
  const running = mode === RUNNING;
  const tailFromNow = running && from <= nowMs;
  const resolveCalm = calm && !ahead && mode !== STOPPED && resolveElapsed < targets(priority).resolveMs;
  const resolveVerdict = history === null || resolveCalm ? null : findResolveBreach(changes, createdAtMs, calendar, history, targets, nowMs);
  const resolvePriority = resolveVerdict?.breach?.priority ?? resolveVerdict?.priority ?? priority;
  const resolve = judge(
    resolveElapsed,
    targets(resolvePriority).resolveMs,
    running ? 'running' : mode === PAUSED ? 'paused' : 'stopped',
    warn,
    resolveVerdict?.breach ?? null,
    resolvePriority,
    (need) => resolveCrossingAt(changes, createdAtMs, calendar, need, tailFromNow, nowMs, resolveElapsed),
  );
  return { response, resolve };
}

/** Both clocks of one incident at `nowMs` under fixed targets. Pure; allocates only the result (and a sorted copy for out-of-order input). */
export function computeSlaClocks(timeline: SlaTimeline, options: SlaClockOptions, nowMs: number): SlaClocks {
  return clocksOf(timeline.createdAtMs, orderedEntries(timeline), options.calendar, options.warnPercents, () => options, undefined, null, nowMs);
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

/** True when no priority in the history is stricter (a lower number) than `priority`. */
function noneStricter(history: PriorityHistory, priority: Priority): boolean {
  if (history.initial < priority) return false;
  for (const p of history.after) if (p < priority) return false;
  return true;
}

/** A history in which the priority never moved changes nothing: the fixed targets' path, as before. */
function moves(history: PriorityHistory | null, priority: Priority): history is PriorityHistory {
  return history !== null && (history.initial !== priority || history.after.some((p) => p !== priority));
}

/**
 * Both clocks for an incident under `policy` (policies are immutable reference data: edit by replacing). `now` is the
 * incident itself, or at least its priority, impact and urgency (a priority alone can only guess a level that never
 * changed, which can erase the history; only a notification watch, whose level changes name both levels, omits them): each instant is judged by the target
 * of the priority the incident had then (impact and urgency changes on the timeline), and a breach stays breached.
 */
export function computeIncidentSla(timeline: SlaTimeline, now: SlaPriorityNow, policy: SlaPolicy, nowMs: number): SlaClocks {
  const options = optionsFor(policy, now.priority);
  const changes = orderedEntries(timeline);
  const replayed = changes.some((change) => change.levels) ? priorityHistory(changes, now) : null;
  // Laptops whose clocks disagree: each moment takes the looser of the recorded-time and the merge's reading.
  const history = replayed === null ? null : lenientToMerge(changes, replayed, now);
  if (!moves(history, now.priority)) return clocksOf(timeline.createdAtMs, changes, options.calendar, options.warnPercents, () => options, now.priority, null, nowMs);
  const targets: Targets = (p) => optionsFor(policy, p ?? now.priority);
  return clocksOf(timeline.createdAtMs, changes, options.calendar, options.warnPercents, targets, now.priority, history, nowMs);
}
