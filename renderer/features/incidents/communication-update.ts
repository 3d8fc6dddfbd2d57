// A stakeholder update logged from the short update: what to fill in, what to say about it, and when the next one is due.
import {
  lastStakeholderUpdateAt,
  nextStakeholderUpdateDue,
  OPEN_STATUSES,
  stakeholderUpdateCadence,
  SYSTEM_AUTHOR,
  type Incident,
  type TimelineEvent,
} from '../../../shared/domain';
import { formatLocalClock } from '../format';

/** What "Log update" or "Log it as sent" fills in where the form is blank; `serial` tells one request from the next. */
export interface UpdatePrefill {
  readonly serial: number;
  readonly message: string;
  /** From the last update a person sent: likely the same people, by the same means. */
  readonly to?: string;
  readonly channel?: string;
  readonly lastSentAtMs?: number;
}

/** The update text plus To and Channel of the latest outgoing communication by a person (what the header counts as an update). */
export function updatePrefill(serial: number, message: string, events: readonly TimelineEvent[]): UpdatePrefill {
  let last: Extract<TimelineEvent, { kind: 'communication' }> | undefined;
  for (const event of events) {
    if (event.kind !== 'communication' || event.direction !== 'outgoing' || event.author.name === SYSTEM_AUTHOR.name) continue;
    if (last === undefined || Date.parse(event.at.utc) >= Date.parse(last.at.utc)) last = event;
  }
  return last ? { serial, message, to: last.to, channel: last.channel, lastSentAtMs: Date.parse(last.at.utc) } : { serial, message };
}

/** The line under the form's heading: what was filled in, and what the person still has to check. */
export function prefillNote(prefill: UpdatePrefill, nowMs: number): string {
  if (prefill.to === undefined || prefill.lastSentAtMs === undefined) return 'Message filled in with the short update. Say who it went to, then save.';
  return `Message filled in with the short update. To and Channel are those of the last update sent (${formatLocalClock(prefill.lastSentAtMs, nowMs)}): check them, then save.`;
}

/** Said once the form is filled in (the cursor moves to Direction, which says nothing of the message). */
export function prefillAnnouncement(prefill: UpdatePrefill): string {
  return prefill.to === undefined
    ? 'Update text filled in. Say who it went to, then save.'
    : 'Update text filled in, with To and Channel from the last update sent. Check them, then save.';
}

export const KEPT_MESSAGE_ANNOUNCEMENT = 'The message you were writing is kept; the update text was not filled in.';

/**
 * Said after saving: an outgoing message counts as a stakeholder update, so where the incident has a cadence the person
 * hears when the next one is due (the header line moved too).
 */
export function loggedAnnouncement(incident: Incident, direction: string, majorDefault: number | null, nowMs: number): string {
  const { everyMinutes } = stakeholderUpdateCadence(incident, majorDefault);
  if (direction !== 'outgoing' || everyMinutes === null || !OPEN_STATUSES.includes(incident.status)) return 'Communication logged';
  const dueAt = nextStakeholderUpdateDue(nowMs, Date.parse(incident.createdAt), everyMinutes);
  return `Stakeholder update logged. Next one due ${formatLocalClock(dueAt, nowMs)}.`;
}

/**
 * True once the copied update was logged: a communication a person sent with its exact text, or any update a person
 * logged since it was copied (the text may have been edited in the form first). Lantern's own entries (an automatic
 * alert) are no update sent, whatever their text.
 */
export function updateLogged(events: readonly TimelineEvent[], text: string, copiedAtMs: number): boolean {
  const message = text.trim();
  if (events.some((event) => event.kind === 'communication' && event.direction === 'outgoing' && event.author.name !== SYSTEM_AUTHOR.name && event.message === message)) return true;
  const last = lastStakeholderUpdateAt(events);
  return last !== null && last >= copiedAtMs;
}
