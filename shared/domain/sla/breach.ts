// When a clock breached while its target moved with the priority: the first instant its elapsed time reached the target then in force.
import type { Priority } from '../priority';
import type { CompiledCalendar } from './calendar';
import type { SlaBreach, SlaChange } from './clock';
import { advance, effective, measure, resolveMode, RUNNING, STOPPED } from './clock-steps';
import type { PriorityHistory } from './priority-history';

type Targets = (priority: Priority) => { readonly responseMs: number; readonly resolveMs: number };

/** The priority a clock is judged under (now, or when it stopped) and its breach, if it breached. */
export interface ClockVerdict {
  readonly priority: Priority;
  readonly breach: SlaBreach | null;
}

const breachAt = (atMs: number, priority: Priority): ClockVerdict => ({ priority, breach: { atMs, priority } });

/**
 * Where a change counts on the walk. A level change stamped after `nowMs` counts at `nowMs`: views pass a "now" held
 * for a minute (one tick for every clock on screen), and a priority just changed must show at once, as the badge does.
 * Status changes after `nowMs` are left out of the walk (the elapsed time stops at now anyway).
 */
function levelInstant(change: SlaChange, createdAtMs: number, nowMs: number): number {
  const at = effective(change.atMs, createdAtMs);
  return at > nowMs && nowMs >= createdAtMs ? nowMs : at;
}

/**
 * The time to own runs from creation until the first owner (`ownedAt`) with no pause. An upgrade whose target the
 * elapsed time already passed breaches at the upgrade; otherwise the clock breaches where it reaches the target of the
 * priority in force. A level change at the owning instant or later is not judged: the clock had stopped.
 */
export function findResponseBreach(
  changes: readonly SlaChange[],
  createdAtMs: number,
  calendar: CompiledCalendar | null,
  history: PriorityHistory,
  targets: Targets,
  ownedAt: number,
  nowMs: number,
): ClockVerdict {
  let priority = history.initial;
  let target = targets(priority).responseMs;
  for (let i = 0; i < changes.length; i++) {
    if (!changes[i]!.levels) continue;
    const at = levelInstant(changes[i]!, createdAtMs, nowMs);
    if (at >= ownedAt) break;
    const crossing = advance(calendar, createdAtMs, target);
    if (crossing < at) return breachAt(crossing, priority);
    priority = history.after[i]!;
    target = targets(priority).responseMs;
    if (measure(calendar, createdAtMs, at) >= target) return breachAt(at, priority);
  }
  const crossing = advance(calendar, createdAtMs, target);
  return crossing <= ownedAt && crossing <= nowMs ? breachAt(crossing, priority) : { priority, breach: null };
}

/**
 * The time to resolve runs while the incident is open and not on hold. Its target follows the priority while it has
 * not stopped; a change of priority while resolved (or closed) waits for a reopen, where it is judged. Walked up to now.
 */
export function findResolveBreach(
  changes: readonly SlaChange[],
  createdAtMs: number,
  calendar: CompiledCalendar | null,
  history: PriorityHistory,
  targets: Targets,
  nowMs: number,
): ClockVerdict {
  let priority = history.initial;
  let judged = priority;
  let target = targets(judged).resolveMs;
  let elapsed = 0;
  let mode = RUNNING;
  let from = createdAtMs;
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i]!;
    if (effective(change.atMs, createdAtMs) > nowMs && !change.levels) continue;
    const at = levelInstant(change, createdAtMs, nowMs);
    if (mode === RUNNING) {
      const part = measure(calendar, from, at);
      if (elapsed + part >= target) return breachAt(advance(calendar, from, target - elapsed), judged);
      elapsed += part;
    }
    from = at;
    if (change.to !== null && change.to !== undefined) mode = resolveMode(change.to);
    if (change.levels) priority = history.after[i]!;
    if (mode !== STOPPED && judged !== priority) {
      judged = priority;
      target = targets(judged).resolveMs;
      if (elapsed >= target) return breachAt(at, judged);
    }
  }
  if (mode === RUNNING) {
    const part = measure(calendar, from, nowMs);
    if (elapsed + part >= target) return breachAt(advance(calendar, from, target - elapsed), judged);
  }
  return { priority: judged, breach: null };
}
