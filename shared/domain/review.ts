// After-action review: the current review derived from `review` timeline entries, and the command that writes one.
import type { Author } from './author';
import { eventBase, touchedAt, validated } from './command-kit';
import type { CommandContext, CommandResult } from './commands';
import type { Incident } from './incident';
import type { ReviewFields } from './review-schema';
import { causalOrder, type TimelineEvent } from './timeline';
import type { ZonedTime } from './zoned-time';

export type ReviewEvent = Extract<TimelineEvent, { kind: 'review' }>;

/** The review's parts in the order they are asked for and shown. */
export const REVIEW_PARTS: readonly (keyof ReviewFields)[] = ['whatHappened', 'whatWorked', 'whatToChange', 'rootCause', 'problemRef'];

/** The review in force: the latest `review` entry, who wrote it and when, and how often it was revised. */
export interface CurrentReview {
  fields: ReviewFields;
  by: Author;
  at: ZonedTime;
  eventId: string;
  /** Review entries before the current one (0: written once). */
  revisions: number;
}

/** What a person typed; parts left out count as ''. */
export type ReviewInput = Partial<Record<keyof ReviewFields, string>>;


/**
 * The latest review in HLC order supersedes the earlier ones (they stay on the timeline as its history). Two
 * laptops revising offline both add an entry; after sync every replica picks the same one, so nothing conflicts.
 */
export function currentReview(events: readonly TimelineEvent[]): CurrentReview | null {
  const reviews = events.filter((event): event is ReviewEvent => event.kind === 'review');
  if (reviews.length === 0) return null;
  const latest = reviews.reduce((best, event) => (causalOrder(event, best) > 0 ? event : best));
  return { fields: reviewFieldsOf(latest), by: latest.author, at: latest.at, eventId: latest.id, revisions: reviews.length - 1 };
}

export function reviewFieldsOf(event: ReviewEvent): ReviewFields {
  return { whatHappened: event.whatHappened, whatWorked: event.whatWorked, whatToChange: event.whatToChange, rootCause: event.rootCause, problemRef: event.problemRef };
}

/** Whether the incident is at the point where a review is written (resolved, or closed: read-only except reviews). */
export function canWriteReview(incident: Incident): boolean {
  return incident.status === 'resolved' || incident.status === 'closed';
}

/**
 * Writes (or revises) the after-action review: one `review` entry holding every part, changing no field.
 * Allowed once the incident is resolved, and on a closed incident (DOMAIN.md: closed is read-only except reviews).
 */
export function writeReview(incident: Incident, current: CurrentReview | null, input: ReviewInput, ctx: CommandContext): CommandResult {
  if (incident.status === 'cancelled') {
    return { ok: false, error: { code: 'read-only', message: 'This incident is cancelled; only resolved or closed incidents get a review.' } };
  }
  if (!canWriteReview(incident)) {
    return { ok: false, error: { code: 'not-allowed', message: 'Write the review once the incident is resolved.' } };
  }
  const fields = trimmed(input);
  if (fields.whatHappened === '') {
    return { ok: false, error: { code: 'missing-field', field: 'whatHappened', message: 'Write what happened first.' } };
  }
  // A second save of the same text (a double submit, or someone else wrote exactly this) would say nothing new.
  if (current && REVIEW_PARTS.every((part) => current.fields[part] === fields[part])) {
    return { ok: false, error: { code: 'no-change', message: 'Nothing changed since the last review. Change a part, or cancel.' } };
  }
  const event: TimelineEvent = { ...eventBase(incident.id, ctx), kind: 'review', ...fields };
  return validated({ ...incident, updatedAt: touchedAt(incident, ctx) }, event, { incidentId: incident.id, set: {}, event });
}

function trimmed(input: ReviewInput): ReviewFields {
  const part = (key: keyof ReviewFields) => {
    const value = input[key];
    return typeof value === 'string' ? value.trim() : '';
  };
  return { whatHappened: part('whatHappened'), whatWorked: part('whatWorked'), whatToChange: part('whatToChange'), rootCause: part('rootCause'), problemRef: part('problemRef') };
}
