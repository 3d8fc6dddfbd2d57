// Which timeline entries changed the priority, and from what to what: the history the SLA clocks follow, per entry.
import type { Priority } from '../priority';
import type { TimelineEvent } from '../timeline';
import { inStampOrder } from './merge-order';
import { priorityHistory, type SlaLevelChange, type SlaPriorityNow } from './priority-history';
import { levelChangeOf } from './timeline-input';

/** An entry's priority change: [before, after]. */
export type PriorityChange = readonly [Priority, Priority];

/**
 * The entries (by id) whose impact or urgency change moved the priority, with the priority before and after, for
 * showing beside the level change. Worked out as the clocks do (priority-history.ts, in the merge's order), from the
 * incident as it is now (`now`); nothing stored changes. `createdAt` no longer matters (recorded times do not order
 * the entries); it stays so callers need not change.
 */
export function priorityChangesOf(createdAt: string, events: readonly TimelineEvent[], now: SlaPriorityNow): Map<string, PriorityChange> {
  const found: { id: string; atMs: number; hlc: string; levels: SlaLevelChange }[] = [];
  for (const event of events) {
    if (event.kind !== 'fields_changed') continue;
    const levels = levelChangeOf(event.changes);
    if (levels) found.push({ id: event.id, atMs: Date.parse(event.at.utc), hlc: event.hlc, levels });
  }
  const changed = new Map<string, PriorityChange>();
  if (found.length === 0) return changed;
  // The merge's order (HLC), as the clocks replay it: a laptop whose clock is off does not reorder the levels.
  const entries = inStampOrder(found);
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
