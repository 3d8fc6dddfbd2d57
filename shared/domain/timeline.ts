// Timeline events: append-only, globally unique entries; a correction is a new entry, never an edit.
import { z } from 'zod';
import { authorSchema } from './author';
import { clockMarkSchema } from './clock-mark';
import { communicationReplyFieldsSchema } from './communication-reply-schema';
import { CHECKLIST_STEP_TEXT_MAX, CHECKLIST_STEPS_PER_ENTRY_MAX, checklistStepSchema } from './checklist-schema';
import { custodyFieldsSchema } from './custody-schema';
import { hlcStampSchema, SYNCED_FIELDS, uuidV7Schema } from './incident';
import { LIMITS } from './limits';
import { LINK_ACTIONS, LINK_RELATIONS } from './links-schema';
import { reviewFieldsSchema } from './review-schema';
import { statusSchema } from './status';
import { systemStatusLinesSchema } from './system-status-schema';
import { zonedTimeSchema } from './zoned-time';

const eventBase = z.object({
  id: uuidV7Schema,
  incidentId: uuidV7Schema,
  /** When it was recorded, by the device clock, with the recorder's offset. */
  at: zonedTimeSchema,
  hlc: hlcStampSchema,
  deviceId: z.string().min(1).max(100),
  author: authorSchema,
  /** Set when the device clock had not been checked against HQ, or was found off, when this was recorded (clock-mark.ts). */
  clock: clockMarkSchema.optional(),
});

/**
 * What a synced field can hold, in bounded size: text, a level, a flag, a path or tag list, a zoned time.
 * Used to keep hostile before/after values (1 MB blobs, deep nesting) out of `fields_changed` events.
 */
const fieldValueSchema = z.union([
  z.null(),
  z.boolean(),
  z.number(),
  z.string().max(LIMITS.description),
  z.array(z.string().max(LIMITS.pathSegment)).max(Math.max(LIMITS.tags, LIMITS.pathDepth)),
  zonedTimeSchema,
]);
const fieldValue = z.unknown().refine((value) => fieldValueSchema.safeParse(value).success, 'Not a valid field value');
const syncedFieldNames = new Set<string>(SYNCED_FIELDS);

/** One field's before/after; values are the synced field values (JSON). */
export const fieldChangeSchema = z.object({
  field: z.string().refine((name) => syncedFieldNames.has(name), 'Not a field of an incident'),
  from: fieldValue,
  to: fieldValue,
});
export type FieldChange = z.infer<typeof fieldChangeSchema>;

/** Functional: handed to a more specialised team. Hierarchical: raised to a manager level. */
export const ESCALATION_LEVELS = ['functional', 'hierarchical'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

/** Outgoing: we told someone; incoming: someone told us. */
export const COMMUNICATION_DIRECTIONS = ['outgoing', 'incoming'] as const;
export type CommunicationDirection = (typeof COMMUNICATION_DIRECTIONS)[number];

/** HICS 213's message priority boxes. */
export const COMMUNICATION_PRIORITIES = ['urgent', 'non_urgent', 'informational'] as const;
export type CommunicationPriority = (typeof COMMUNICATION_PRIORITIES)[number];
export const COMMUNICATION_PRIORITY_LABELS: Record<CommunicationPriority, string> = { urgent: 'Urgent', non_urgent: 'Non-urgent', informational: 'Informational' };

const shortText = (what: string) =>
  z.string().trim().min(1, `Enter ${what}`).max(LIMITS.shortText, `${what[0]!.toUpperCase()}${what.slice(1)} is limited to ${LIMITS.shortText} characters`);
const longText = (what: string) =>
  z.string().trim().min(1, `Write ${what} first`).max(LIMITS.note, `${what[0]!.toUpperCase()}${what.slice(1)} is limited to ${LIMITS.note.toLocaleString('en')} characters`);

export const timelineEventSchema = z.discriminatedUnion('kind', [
  eventBase.extend({ kind: z.literal('created'), title: z.string().max(LIMITS.title) }),
  eventBase.extend({ kind: z.literal('fields_changed'), changes: z.array(fieldChangeSchema).min(1).max(40) }),
  eventBase.extend({
    kind: z.literal('status_changed'),
    from: statusSchema,
    to: statusSchema,
    /** Reason, resolution code/notes etc. as given with the change. */
    details: z
      .record(z.string().max(60), z.string().max(LIMITS.description, `Each detail is limited to ${LIMITS.description.toLocaleString('en')} characters`))
      .refine((details) => Object.keys(details).length <= 20, 'Too many details on one status change'),
  }),
  eventBase.extend({
    kind: z.literal('note'),
    text: z.string().trim().min(1, 'Write something first').max(LIMITS.note, `Notes are limited to ${LIMITS.note.toLocaleString('en')} characters`),
    /** Set when this note corrects an earlier entry. */
    corrects: uuidV7Schema.optional(),
  }),
  eventBase.extend({
    kind: z.literal('escalated'),
    level: z.enum(ESCALATION_LEVELS),
    /** The team (functional) or manager level (hierarchical) it was escalated to. */
    target: shortText('the team or manager level'),
    reason: longText('the reason'),
  }),
  eventBase.extend({
    kind: z.literal('communication'),
    direction: z.enum(COMMUNICATION_DIRECTIONS),
    from: shortText('who it is from'),
    to: shortText('who it is to'),
    channel: shortText('the channel'),
    message: longText('the message'),
    // HICS 213's other boxes; optional, as entries logged before them have none.
    subject: z.string().trim().max(LIMITS.shortText, `The subject is limited to ${LIMITS.shortText} characters`).optional(),
    priority: z.enum(COMMUNICATION_PRIORITIES).optional(),
    /** What was done about the message (HICS 213 "action taken"), written by whoever logs it. */
    actionTaken: z.string().trim().max(LIMITS.note, `Action taken is limited to ${LIMITS.note.toLocaleString('en')} characters`).optional(),
  }),
  eventBase.extend({
    kind: z.literal('correction'),
    /** The entry this one corrects; that entry stays as it was (append-only). */
    corrects: uuidV7Schema,
    text: longText('the correction'),
  }),
  eventBase.extend({
    kind: z.literal('linked'),
    /** The other incident; the link shows on both, though only this incident's timeline holds the entry. */
    targetId: uuidV7Schema,
    relation: z.enum(LINK_RELATIONS),
    action: z.enum(LINK_ACTIONS),
  }),
  eventBase.extend({
    kind: z.literal('checklist_added'),
    /** Steps put on the incident's checklist: a template's whole checklist at capture, or one step added by hand. */
    steps: z.array(checklistStepSchema).min(1).max(CHECKLIST_STEPS_PER_ENTRY_MAX),
    /** The template the steps came from, when they did. */
    templateId: z.string().min(1).max(100).optional(),
  }),
  eventBase.extend({
    kind: z.literal('checklist_ticked'),
    stepId: checklistStepSchema.shape.id,
    /** true: ticked (done); false: unticked again. The latest entry per step (HLC order) decides its state. */
    ticked: z.boolean(),
    /** The step's text when it was ticked, so the entry reads on its own (and on HQ) without the checklist. */
    step: z.string().max(CHECKLIST_STEP_TEXT_MAX),
  }),
  /** An after-action review; a later review of the same incident supersedes it (both stay on the timeline). */
  eventBase.extend({ kind: z.literal('review'), ...reviewFieldsSchema.shape }),
  /** A HICS 251 snapshot: the state of the facility's critical systems at the entry's time. */
  eventBase.extend({ kind: z.literal('system_status'), systems: systemStatusLinesSchema }),
  /** One link of an evidence item's chain of custody. */
  eventBase.extend({ kind: z.literal('custody'), ...custodyFieldsSchema.shape }),
  /** The reply to a logged communication (HICS 213 "reply"): a new entry naming it, so the message itself is never rewritten. */
  eventBase.extend({ kind: z.literal('communication_reply'), ...communicationReplyFieldsSchema.shape }),
]);
export type TimelineEvent = z.infer<typeof timelineEventSchema>;
export type TimelineEventKind = TimelineEvent['kind'];

/**
 * Replay order of entries: HLC, then the entry id as tie-break, so every replica sorts the same entries the same way
 * whatever order they arrived in. State derived from entries (checklist, links, custody, systems, review) uses it.
 */
export function causalOrder(a: Pick<TimelineEvent, 'hlc' | 'id'>, b: Pick<TimelineEvent, 'hlc' | 'id'>): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export const TIMELINE_KIND_LABELS: Record<TimelineEventKind, string> = {
  created: 'Recorded',
  fields_changed: 'Changed',
  status_changed: 'Status',
  note: 'Note',
  escalated: 'Escalated',
  communication: 'Communication',
  correction: 'Correction',
  linked: 'Link',
  checklist_added: 'Checklist',
  checklist_ticked: 'Checklist tick',
  review: 'After-action review',
  system_status: 'System status',
  custody: 'Evidence',
  communication_reply: 'Reply',
};
