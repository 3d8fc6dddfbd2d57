// Which timeline entries changed the priority, and from what to what: the history the SLA clocks follow, per entry.
import type { Priority } from '../priority';
import type { TimelineEvent } from '../timeline';
import { effective } from './clock-steps';
import { priorityHistory, type SlaLevelChange, type SlaPriorityNow } from './priority-history';
import { levelChangeOf } from './timeline-input';

/** An entry's priority change: [before, after]. */
export type PriorityChange = readonly [Priority, Priority];

/**
 * The entries (by id) whose impact or urgency change moved the priority, with the priority before and after, for
 * showing beside the level change. Worked out as the clocks do (priority-history.ts, in their order), from the
 * incident as it is now (`now`); nothing stored changes.
 */
export function priorityChangesOf(createdAt: string, events: readonly TimelineEvent[], now: SlaPriorityNow): Map<string, PriorityChange> {
  const createdAtMs = Date.parse(createdAt);
  const entries: { id: string; atMs: number; hlc: string; levels: SlaLevelChange }[] = [];
  for (const event of events) {
    if (event.kind !== 'fields_changed') continue;
    const levels = levelChangeOf(event.changes);
    if (levels) entries.push({ id: event.id, atMs: effective(Date.parse(event.at.utc), createdAtMs), hlc: event.hlc, levels });
  }
  const changed = new Map<string, PriorityChange>();
  if (entries.length === 0) return changed;
  entries.sort((a, b) => a.atMs - b.atMs || (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
  const history = priorityHistory(entries, now);
  if (history === null) return changed;
  let before = history.initial;
  entries.forEach((entry, i) => {
    const after = history.after[i]!;
    if (after !== before) changed.set(entry.id, [before, after]);
    before = after;
  });
  return changed;
}
