// When an incident was resolved: the instant of the last change that took it from unfinished work to resolved or closed.
import { orderChanges, type SlaTimeline } from '../sla/clock';
import type { Status } from '../status';

const DONE: readonly Status[] = ['resolved', 'closed'];

function isDone(status: Status | null): boolean {
  return status !== null && DONE.includes(status);
}

/**
 * The resolution instant, read from the same ordered changes the SLA clocks use (an overruled automatic close does not
 * count; a change dated before the incident counts from its creation, as the clocks do), or null while the incident is
 * not resolved or closed. A reopen followed by a new resolution counts from the new one; resolved → closed keeps the
 * resolution's time (closing is confirmation, not work); cancelled → resolved (two devices offline, the resolve won
 * the merge) is a resolution too.
 *
 * The status comes from the merged row, which follows ordering stamps, while the changes are walked by their recorded
 * times; when the two disagree (a resolving device's clock behind a reopen) the walk can end open. The resolution is
 * then the latest change into resolved or closed, else the row's last update: the incident is resolved, so it is
 * counted somewhere plausible, never at its creation.
 */
export function resolvedAtOf(timeline: SlaTimeline, status: Status, updatedAtMs: number): number | null {
  if (!isDone(status)) return null;
  const createdAtMs = timeline.createdAtMs;
  let current: Status = 'new';
  let resolvedAt: number | null = null;
  let lastIntoDone: number | null = null;
  for (const change of orderChanges(timeline)) {
    if (change.to === null) continue;
    const at = change.atMs > createdAtMs ? change.atMs : createdAtMs;
    if (isDone(change.to)) {
      lastIntoDone = at;
      if (!isDone(current)) resolvedAt = at;
    } else {
      resolvedAt = null;
    }
    current = change.to;
  }
  return resolvedAt ?? lastIntoDone ?? (Number.isFinite(updatedAtMs) ? updatedAtMs : null);
}
