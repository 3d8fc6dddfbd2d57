// The reply to a logged communication (HICS 213 "reply"): recording one as its own entry, and finding a message's replies.
import { eventBase, invalidInput, touchedAt, validated } from './command-kit';
import type { CommandContext, CommandResult } from './commands';
import { communicationReplyFieldsSchema } from './communication-reply-schema';
import { HANDLED_AT_FUTURE_TOLERANCE_MS, HANDLED_BEFORE_OCCURRED_MARGIN_MS, wallClockText } from './custody';
import type { Incident } from './incident';
import { causalOrder, TIMELINE_KIND_LABELS, type TimelineEvent } from './timeline';
import type { ZonedTime } from './zoned-time';

export type CommunicationEvent = Extract<TimelineEvent, { kind: 'communication' }>;
export type CommunicationReplyEvent = Extract<TimelineEvent, { kind: 'communication_reply' }>;

export interface CommunicationReplyInput {
  text: string;
  /** Who replied; the form offers the message's recipient. */
  from: string;
  /** When the reply came; the form offers now. */
  repliedAt: ZonedTime;
  /** What was done about it; '' or absent: nothing recorded. */
  actionTaken?: string;
}

type Refusal = Extract<CommandResult, { ok: false }>;

const refuse = (code: Refusal['error']['code'], field: string, message: string): Refusal => ({ ok: false, error: { code, field, message } });

/**
 * Records the reply to `communication` as a new entry that names it; the communication is never rewritten, and a
 * second reply to the same message is another entry. Allowed in every status, like notes and communications: the
 * answer to a message sent before closing still has to be written down.
 */
export function recordCommunicationReply(incident: Incident, communication: TimelineEvent, input: CommunicationReplyInput, ctx: CommandContext): CommandResult {
  if (communication.incidentId !== incident.id) {
    return refuse('invalid-value', 'communicationId', 'That communication belongs to another incident; record the reply on the incident where the message was logged.');
  }
  if (communication.kind !== 'communication') {
    return refuse('invalid-value', 'communicationId', `Only a communication can be replied to; this entry is a ${TIMELINE_KIND_LABELS[communication.kind].toLowerCase()}. Record the reply on the communication it answers.`);
  }
  const text = typeof input.text === 'string' ? input.text.trim() : '';
  if (text === '') return refuse('missing-field', 'text', 'Write the reply first.');
  const from = typeof input.from === 'string' ? input.from.trim() : '';
  if (from === '') return refuse('missing-field', 'from', 'Say who replied.');
  const timeProblem = repliedAtProblem(input.repliedAt, incident, ctx);
  if (timeProblem) return timeProblem;
  const actionTaken = typeof input.actionTaken === 'string' && input.actionTaken.trim() !== '' ? input.actionTaken.trim() : undefined;
  const event: CommunicationReplyEvent = {
    ...eventBase(incident.id, ctx),
    kind: 'communication_reply',
    communicationId: communication.id,
    text,
    from,
    repliedAt: input.repliedAt,
    ...(actionTaken !== undefined ? { actionTaken } : {}),
  };
  // The fields' own limits with their messages (and the field they concern), before the kit's last gate.
  const fields = communicationReplyFieldsSchema.safeParse(event);
  if (!fields.success) return invalidInput(fields.error.issues[0]);
  return validated({ ...incident, updatedAt: touchedAt(incident, ctx) }, event, { incidentId: incident.id, set: {}, event });
}

/**
 * The same bounds as a custody entry's handled-at, for the same reasons: a reply written down later keeps the time it
 * came, but a time ahead of this computer's clock or before the incident happened is a typo (day, month, AM/PM).
 */
function repliedAtProblem(repliedAt: ZonedTime | undefined, incident: Incident, ctx: CommandContext): Refusal | undefined {
  const ms = typeof repliedAt?.utc === 'string' ? Date.parse(repliedAt.utc) : Number.NaN;
  if (repliedAt === undefined || Number.isNaN(ms)) return refuse('missing-field', 'repliedAt', 'Enter when the reply came.');
  if (ms - Date.parse(ctx.now.utc) > HANDLED_AT_FUTURE_TOLERANCE_MS) {
    return refuse('invalid-value', 'repliedAt', `This is in the future (${wallClockText(repliedAt)}). Enter when the reply actually came; at most ${HANDLED_AT_FUTURE_TOLERANCE_MS / 60_000} minutes ahead of this computer’s clock is accepted.`);
  }
  if (Date.parse(incident.occurredAt.utc) - ms > HANDLED_BEFORE_OCCURRED_MARGIN_MS) {
    return refuse('invalid-value', 'repliedAt', `This is before the incident happened (occurred at ${wallClockText(incident.occurredAt)}). Enter when the reply actually came, or correct the incident’s Occurred at first.`);
  }
  return undefined;
}

/** Replies per communication id, each list in causal order (HLC, then id), so every device shows them alike. */
export function repliesByCommunication(events: readonly TimelineEvent[]): Map<string, CommunicationReplyEvent[]> {
  const replies = new Map<string, CommunicationReplyEvent[]>();
  for (const event of events) {
    if (event.kind !== 'communication_reply') continue;
    const list = replies.get(event.communicationId);
    if (list) list.push(event);
    else replies.set(event.communicationId, [event]);
  }
  for (const list of replies.values()) list.sort(causalOrder);
  return replies;
}
