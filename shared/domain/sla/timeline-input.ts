// Extracts the SLA clocks' input (creation time, status changes, first assignment) from timeline events.
import { AUTO_CLOSE_DETAIL } from '../auto-close';
import type { TimelineEvent } from '../timeline';
import type { SlaChange, SlaTimeline } from './clock';

const OWNER_FIELDS = new Set(['assignee', 'team']);

function isSet(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * Status changes become `{ to }`; an assignee or team set while nothing else changed status (fields_changed, or a
 * functional escalation) becomes `{ to: null }`, which stops the response clock. Unparseable times count from creation.
 */
export function slaTimelineFromEvents(createdAt: string, events: readonly TimelineEvent[]): SlaTimeline {
  const createdAtMs = Date.parse(createdAt);
  const changes: SlaChange[] = [];
  for (const event of events) {
    const atMs = Date.parse(event.at.utc);
    if (event.kind === 'status_changed') {
      // An automatic close yields to a later-stamped status change, in the merge and so in the clocks.
      changes.push(Object.hasOwn(event.details, AUTO_CLOSE_DETAIL) ? { atMs, hlc: event.hlc, to: event.to, yields: true } : { atMs, hlc: event.hlc, to: event.to });
    }
    else if (event.kind === 'fields_changed') {
      if (event.changes.some((change) => OWNER_FIELDS.has(change.field) && !isSet(change.from) && isSet(change.to))) {
        changes.push({ atMs, hlc: event.hlc, to: null });
      }
    } else if (event.kind === 'escalated' && event.level === 'functional') changes.push({ atMs, hlc: event.hlc, to: null });
  }
  return { createdAtMs, changes };
}
