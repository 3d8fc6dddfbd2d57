// The SLA clock that matters now, as a stored "time left" order value: a fixed due instant, or frozen time left while paused.
import { computeIncidentSla, type SlaTimeline } from './clock';
import type { SlaPolicy } from './policy';
import type { SlaPriorityNow } from './priority-history';

/** Running clock: [0, due instant in ms]. Paused clock: [1, ms left (negative when breached)]. */
export type SlaOrderKey = readonly [0, number] | readonly [1, number];

export const SLA_RUNNING = 0;
export const SLA_PAUSED = 1;

/**
 * What an index can hold of the clock the list shows: the time to own while nobody owns the incident (its due instant;
 * that clock never pauses), afterwards the resolve clock. Neither value moves with time (a running clock's due instant
 * is fixed until the next change; a paused clock's time left is frozen), so it is computed once, when the incident
 * changes. Undefined when the clock is stopped (resolved, closed, cancelled). Computed as of the incident's latest
 * change, so the same timeline gives the same key on every device at any time. Pass the incident (priority, impact,
 * urgency) rather than its priority alone: the key follows the priority history as the clocks do (computeIncidentSla).
 */
export function slaOrderKey(timeline: SlaTimeline, priority: SlaPriorityNow, policy: SlaPolicy): SlaOrderKey | undefined {
  let asOf = Number.isFinite(timeline.createdAtMs) ? timeline.createdAtMs : 0;
  for (const change of timeline.changes) if (change.atMs > asOf) asOf = change.atMs;
  const { response, resolve } = computeIncidentSla(timeline, priority, policy, asOf);
  // Sorting by the clock the cell shows: an unowned P1 due to be owned in 5 minutes comes before one due resolved in 50.
  if (response.state === 'running' && response.dueAt !== null) return [SLA_RUNNING, response.dueAt];
  if (resolve.state === 'running' && resolve.dueAt !== null) return [SLA_RUNNING, resolve.dueAt];
  if (resolve.state === 'paused') return [SLA_PAUSED, resolve.targetMs - resolve.elapsedMs];
  return undefined;
}

/** Where a key sorts at `nowMs` on one time axis: the due instant, or now plus the frozen time left. */
export function slaOrderInstant(key: SlaOrderKey, nowMs: number): number {
  return key[0] === SLA_RUNNING ? key[1] : nowMs + key[1];
}
