// Links between incidents: derived from `linked` entries of both incidents, and the command that writes one.
import { eventBase, touchedAt, validated } from './command-kit';
import type { CommandContext, CommandResult } from './commands';
import type { Incident } from './incident';
import { inverseRelation, LINK_ACTIONS, LINK_RELATIONS, type LinkAction, type LinkRelation } from './links-schema';
import { causalOrder, type TimelineEvent } from './timeline';

export type LinkedEvent = Extract<TimelineEvent, { kind: 'linked' }>;

/** One active link as seen from `selfId`: what `otherId` is to it. */
export interface IncidentLink {
  otherId: string;
  relation: LinkRelation;
  /** The entry that made the link current (on either incident). */
  eventId: string;
}

/**
 * The active links of `selfId`, from the `linked` entries written on it and those written on other
 * incidents that target it (mirrored, never written twice). Entries are replayed in HLC order; the last
 * entry for a pair of incidents wins, so an unlink on either side removes a link made on either side.
 */
export function deriveLinks(selfId: string, events: readonly TimelineEvent[]): IncidentLink[] {
  const relevant = events
    .filter((event): event is LinkedEvent => event.kind === 'linked' && (event.incidentId === selfId || event.targetId === selfId) && event.incidentId !== event.targetId)
    .sort(causalOrder);
  const byOther = new Map<string, IncidentLink>();
  const seen = new Set<string>();
  for (const event of relevant) {
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    const mine = event.incidentId === selfId;
    const otherId = mine ? event.targetId : event.incidentId;
    const relation = mine ? event.relation : inverseRelation(event.relation);
    if (event.action === 'link') byOther.set(otherId, { otherId, relation, eventId: event.id });
    else byOther.delete(otherId);
  }
  return [...byOther.values()];
}

export interface LinkInput {
  targetId: string;
  relation: LinkRelation;
  action: LinkAction;
}

/**
 * Writes one `linked` entry on `incident`. `selfLinks` and `targetLinks` are the current links of both
 * incidents (see deriveLinks), used to refuse self-links, duplicates and a second parent.
 */
export function linkIncident(
  incident: Incident,
  input: LinkInput,
  ctx: CommandContext,
  selfLinks: readonly IncidentLink[],
  targetLinks: readonly IncidentLink[],
): CommandResult {
  if (!(LINK_RELATIONS as readonly string[]).includes(input.relation)) {
    return { ok: false, error: { code: 'invalid-value', field: 'relation', message: 'Choose related, parent or child.' } };
  }
  if (!(LINK_ACTIONS as readonly string[]).includes(input.action)) {
    return { ok: false, error: { code: 'invalid-value', field: 'action', message: 'Choose link or unlink.' } };
  }
  if (input.targetId === incident.id) {
    return { ok: false, error: { code: 'invalid-value', field: 'target', message: 'An incident cannot be linked to itself. Enter the number of another incident.' } };
  }
  const existing = selfLinks.find((link) => link.otherId === input.targetId);
  if (input.action === 'unlink') {
    if (!existing) return { ok: false, error: { code: 'no-change', field: 'target', message: 'These incidents are not linked.' } };
  } else {
    if (existing) return { ok: false, error: { code: 'no-change', field: 'target', message: `Already linked (${existing.relation}).` } };
    if (input.relation === 'parent' && selfLinks.some((link) => link.relation === 'parent')) {
      return { ok: false, error: { code: 'invalid-value', field: 'target', message: 'This incident already has a parent. Unlink it first.' } };
    }
    if (input.relation === 'child' && targetLinks.some((link) => link.relation === 'parent')) {
      return { ok: false, error: { code: 'invalid-value', field: 'target', message: 'That incident already has a parent. Unlink it there first.' } };
    }
  }
  const relation = input.action === 'unlink' && existing ? existing.relation : input.relation;
  const event: TimelineEvent = { ...eventBase(incident.id, ctx), kind: 'linked', targetId: input.targetId, relation, action: input.action };
  return validated({ ...incident, updatedAt: touchedAt(incident, ctx) }, event, { incidentId: incident.id, set: {}, event });
}
