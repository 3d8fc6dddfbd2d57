// Extracts the SLA clocks' input (creation time, status changes, first assignment, impact/urgency changes) from timeline events.
import { AUTO_CLOSE_DETAIL } from '../auto-close';
import type { Impact } from '../priority';
import type { TimelineEvent } from '../timeline';
import type { SlaChange, SlaTimeline } from './clock';
import { completeLevels } from './level-fill';
import type { SlaLevelChange, SlaPriorityNow } from './priority-history';

const OWNER_FIELDS = new Set(['assignee', 'team']);

function isSet(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

function isLevel(value: unknown): value is Impact {
  return value === 1 || value === 2 || value === 3;
}

/** The impact and urgency changes of a field change entry (values that are not levels are ignored); undefined when none. */
export function levelChangeOf(changes: readonly { field: string; from: unknown; to: unknown }[]): SlaLevelChange | undefined {
  let levels: { impact?: readonly [Impact, Impact]; urgency?: readonly [Impact, Impact] } | undefined;
  for (const change of changes) {
    if ((change.field !== 'impact' && change.field !== 'urgency') || !isLevel(change.from) || !isLevel(change.to) || change.from === change.to) continue;
    levels = { ...levels, [change.field]: [change.from, change.to] as const };
  }
  return levels;
}

/**
 * Status changes become `{ to }`; an assignee or team set while nothing else changed status (fields_changed, or a
 * functional escalation) becomes `{ to: null }`, which stops the response clock; an impact or urgency change carries
 * `levels` (without `to` when it set no owner): the priority, and so the targets in force, may change there.
 * Unparseable times count from creation. Given the incident's levels now (`now`), every level change also names the
 * level it left alone, so the changes alone tell the priority history (the notification service gets only these).
 */
export function slaTimelineFromEvents(createdAt: string, events: readonly TimelineEvent[], now?: SlaPriorityNow): SlaTimeline {
  const createdAtMs = Date.parse(createdAt);
  const changes: SlaChange[] = [];
  for (const event of events) {
    const atMs = Date.parse(event.at.utc);
    if (event.kind === 'status_changed') {
      // An automatic close yields to a later-stamped status change, in the merge and so in the clocks.
      changes.push(Object.hasOwn(event.details, AUTO_CLOSE_DETAIL) ? { atMs, hlc: event.hlc, to: event.to, yields: true } : { atMs, hlc: event.hlc, to: event.to });
    }
    else if (event.kind === 'fields_changed') {
      const owner = event.changes.some((change) => OWNER_FIELDS.has(change.field) && !isSet(change.from) && isSet(change.to));
      const levels = levelChangeOf(event.changes);
      if (owner) changes.push(levels ? { atMs, hlc: event.hlc, to: null, levels } : { atMs, hlc: event.hlc, to: null });
      else if (levels) changes.push({ atMs, hlc: event.hlc, levels });
    } else if (event.kind === 'escalated' && event.level === 'functional') changes.push({ atMs, hlc: event.hlc, to: null });
  }
  const timeline = { createdAtMs, changes };
  return now === undefined ? timeline : completeLevels(timeline, now);
}
