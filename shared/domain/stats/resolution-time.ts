// When an incident was resolved: the instant of the last change that took it from open work to resolved or closed.
import { orderChanges, type SlaTimeline } from '../sla/clock';
import { OPEN_STATUSES, type Status } from '../status';

const DONE: readonly Status[] = ['resolved', 'closed'];

/**
 * The resolution instant, read from the same ordered changes the SLA clocks use (an overruled automatic close does
 * not count), or null while the incident is open or when it was cancelled. A reopen followed by a new resolution
 * counts from the new one; resolved → closed keeps the resolution's time (closing is confirmation, not work).
 */
export function resolvedAtOf(timeline: SlaTimeline, status: Status): number | null {
  if (!DONE.includes(status)) return null;
  let current: Status = 'new';
  let resolvedAt: number | null = null;
  for (const change of orderChanges(timeline)) {
    if (change.to === null) continue;
    const at = Math.max(change.atMs, timeline.createdAtMs);
    if (DONE.includes(change.to) && OPEN_STATUSES.includes(current)) resolvedAt = at;
    if (OPEN_STATUSES.includes(change.to)) resolvedAt = null;
    current = change.to;
  }
  // A row whose changes were not all known (status set without a recorded change) still counts as resolved somewhere.
  return resolvedAt ?? (Number.isFinite(timeline.createdAtMs) ? timeline.createdAtMs : null);
}
