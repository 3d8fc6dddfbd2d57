// Commands for working an incident: escalate (functional or hierarchical), change the hold reason, log a communication, correct an entry.
import { applyFieldChanges, eventBase, touchedAt, transitionFailure, validated } from './command-kit';
import type { CommandContext, CommandError, CommandResult } from './commands';
import type { Incident, SyncedFields } from './incident';
import { checkHoldReasonChange, DEFAULT_TRANSITION_REFERENCE, type TransitionReference } from './lifecycle';
import { DEFAULT_MANAGER_LEVELS, DEFAULT_TEAMS } from './reference-defaults';
import { COMMUNICATION_DIRECTIONS, COMMUNICATION_PRIORITIES, ESCALATION_LEVELS, type CommunicationDirection, type CommunicationPriority, type EscalationLevel, type TimelineEvent } from './timeline';

export interface EscalationInput {
  level: EscalationLevel;
  /** A team (functional) or a manager level (hierarchical) from the reference lists. */
  target: string;
  reason: string;
}

export interface EscalationReference {
  teams: readonly string[];
  managerLevels: readonly string[];
}

export const DEFAULT_ESCALATION_REFERENCE: EscalationReference = { teams: DEFAULT_TEAMS, managerLevels: DEFAULT_MANAGER_LEVELS };

export const NEW_INCIDENT_FUNCTIONAL_ESCALATION =
  'A new incident gets its first team by being assigned: use Change status → Assign. Escalate to another team once one has it.';

/**
 * Functional escalation hands the incident to another team (team changes, the personal assignee is
 * cleared because they belong to the old team); hierarchical escalation informs a manager level and
 * changes no field. Both write an `escalated` event with the reason.
 */
export function escalateIncident(incident: Incident, input: EscalationInput, ctx: CommandContext, ref: EscalationReference = DEFAULT_ESCALATION_REFERENCE): CommandResult {
  if (incident.status === 'closed' || incident.status === 'cancelled') {
    return { ok: false, error: { code: 'read-only', message: `This incident is ${incident.status}; it can no longer be escalated.` } };
  }
  if (!(ESCALATION_LEVELS as readonly string[]).includes(input.level)) {
    return { ok: false, error: { code: 'invalid-value', field: 'level', message: 'Choose functional (another team) or hierarchical (a manager level).' } };
  }
  const target = typeof input.target === 'string' ? input.target.trim() : '';
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  const functional = input.level === 'functional';
  if (target === '') {
    return { ok: false, error: { code: 'missing-field', field: 'target', message: functional ? 'Choose the team to escalate to.' : 'Choose the manager level to escalate to.' } };
  }
  // DOMAIN.md: "new" means nobody owns it, and a team taking it is the New → Assigned transition (which stops the
  // time-to-own clock and is written as a status change). Handing it to a team here left it "New" with a team on it.
  if (functional && nobodyOwns(incident)) {
    return { ok: false, error: { code: 'not-allowed', field: 'level', message: NEW_INCIDENT_FUNCTIONAL_ESCALATION } };
  }
  const known = functional ? ref.teams : ref.managerLevels;
  if (!known.includes(target)) {
    return { ok: false, error: { code: 'invalid-value', field: 'target', message: `"${clip(target)}" is not a known ${functional ? 'team' : 'manager level'}. Pick one from the list.` } };
  }
  if (functional && incident.team === target) {
    return { ok: false, error: { code: 'no-change', field: 'target', message: `The incident is already with ${clip(target)}. Pick another team.` } };
  }
  if (reason === '') return { ok: false, error: { code: 'missing-field', field: 'reason', message: 'Say why the incident is escalated.' } };
  const set: Partial<SyncedFields> = functional ? { team: target, ...(incident.assignee !== null ? { assignee: null } : {}) } : {};
  return applyFieldChanges(incident, set, ctx, () => ({ kind: 'escalated', level: input.level, target, reason }), true);
}

/**
 * Changes why an incident on hold waits ("Awaiting vendor" → "Awaiting parts") while it stays on hold: one
 * `fields_changed` entry of the hold reason, as any field edit travels (so every HQ and laptop version takes it). The
 * status is not written, so the SLA clocks, which follow status changes only, neither resume nor pause again.
 */
export function changeHoldReason(incident: Incident, holdReason: string, ctx: CommandContext, ref: Pick<TransitionReference, 'holdReasons'> = DEFAULT_TRANSITION_REFERENCE): CommandResult {
  const problem = checkHoldReasonChange(incident.status, incident.holdReason, holdReason, ref);
  if (problem) return transitionFailure(problem);
  return applyFieldChanges(incident, { holdReason: holdReason.trim() }, ctx, (changes) => ({ kind: 'fields_changed', changes }));
}

export interface CommunicationInput {
  direction: CommunicationDirection;
  from: string;
  to: string;
  channel: string;
  message: string;
  /** HICS 213's subject line; '' or absent: none. */
  subject?: string;
  priority?: CommunicationPriority;
  /** What was done about it; '' or absent: nothing recorded. */
  actionTaken?: string;
}

/**
 * Every problem with a communication, in the order of the form (direction, the required fields, priority), so a form
 * can mark them all at once; empty when it can be logged. `logCommunication` refuses with the first.
 */
export function communicationProblems(input: CommunicationInput): CommandError[] {
  const problems: CommandError[] = [];
  if (!(COMMUNICATION_DIRECTIONS as readonly string[]).includes(input.direction)) {
    problems.push({ code: 'invalid-value', field: 'direction', message: 'Choose whether the message was outgoing or incoming.' });
  }
  const required: [keyof CommunicationInput, string][] = [
    ['from', 'Say who the message is from.'],
    ['to', 'Say who the message is to.'],
    ['channel', 'Choose the channel (phone, radio, email…).'],
    ['message', 'Write the message first.'],
  ];
  for (const [field, message] of required) {
    const value = input[field];
    if (typeof value !== 'string' || value.trim() === '') problems.push({ code: 'missing-field', field, message });
  }
  if (input.priority !== undefined && !(COMMUNICATION_PRIORITIES as readonly string[]).includes(input.priority)) {
    problems.push({ code: 'invalid-value', field: 'priority', message: 'Choose the priority: urgent, non-urgent or informational.' });
  }
  return problems;
}

/** Logs a message sent or received (HICS 213 shape, trimmed); allowed in every status, like notes. */
export function logCommunication(incident: Incident, input: CommunicationInput, ctx: CommandContext): CommandResult {
  const [problem] = communicationProblems(input);
  if (problem) return { ok: false, error: problem };
  const optionalText = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
  const subject = optionalText(input.subject);
  const actionTaken = optionalText(input.actionTaken);
  const event: TimelineEvent = {
    ...eventBase(incident.id, ctx),
    kind: 'communication',
    direction: input.direction,
    from: input.from.trim(),
    to: input.to.trim(),
    channel: input.channel.trim(),
    message: input.message.trim(),
    ...(subject !== undefined ? { subject } : {}),
    ...(input.priority !== undefined ? { priority: input.priority } : {}),
    ...(actionTaken !== undefined ? { actionTaken } : {}),
  };
  return validated({ ...incident, updatedAt: touchedAt(incident, ctx) }, event, { incidentId: incident.id, set: {}, event });
}

/** A correction is a new entry pointing at the old one; the old entry is never edited. */
export function correctEntry(incident: Incident, corrected: Pick<TimelineEvent, 'id' | 'incidentId'>, text: string, ctx: CommandContext): CommandResult {
  if (corrected.incidentId !== incident.id) {
    return { ok: false, error: { code: 'invalid-value', field: 'corrects', message: 'That entry belongs to another incident; corrections must refer to an entry of this incident.' } };
  }
  const trimmed = typeof text === 'string' ? text.trim() : '';
  if (trimmed === '') return { ok: false, error: { code: 'missing-field', field: 'text', message: 'Write the correction first.' } };
  const event: TimelineEvent = { ...eventBase(incident.id, ctx), kind: 'correction', corrects: corrected.id, text: trimmed };
  return validated({ ...incident, updatedAt: touchedAt(incident, ctx) }, event, { incidentId: incident.id, set: {}, event });
}

/** New, with neither a team nor a person on it (an older Lantern or a sync may have put a team on a new incident). */
export function nobodyOwns(incident: Pick<Incident, 'status' | 'team' | 'assignee'>): boolean {
  return incident.status === 'new' && !incident.team && !incident.assignee;
}

function clip(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}…` : value;
}
