// The incident record (zod): identity, the synced fields with per-field HLC stamps, and derived priority.
import { z } from 'zod';
import { authorSchema } from './author';
import { isUuidV7, INCIDENT_NUMBER_PATTERN } from './ids';
import { isHlcStamp } from './hlc';
import { LIMITS } from './limits';
import { levelSchema, prioritySchema } from './priority';
import { statusSchema } from './status';
import { slaPolicyIdSchema } from './sla/policy';
import { zonedTimeSchema } from './zoned-time';

export const uuidV7Schema = z.string().refine(isUuidV7, 'Expected a UUIDv7 id');
export const hlcStampSchema = z.string().max(200).refine(isHlcStamp, 'Expected an HLC stamp');

const segment = z
  .string()
  .trim()
  .min(1, 'A level between two "/" is empty; remove the extra "/"')
  .max(LIMITS.pathSegment, `Each level is limited to ${LIMITS.pathSegment} characters; shorten it`);
/** A path in a tree, root first: ["Facility", "HVAC"] or ["Main campus", "Block A", "Floor 2"]. */
export const pathSchema = z.array(segment).max(LIMITS.pathDepth, `At most ${LIMITS.pathDepth} levels deep; remove some`);
const optionalText = (max: number) => z.string().max(max).nullable();
/** `what` completes "… limited to N characters", e.g. "Next steps are". */
const longOptionalText = (what: string) => z.string().max(LIMITS.description, `${what} limited to ${LIMITS.description.toLocaleString('en')} characters`).nullable();

/** An incident's stakeholder-update interval in minutes: 0 turns the reminders off, otherwise 5 min to 24 h. */
export const updateEveryMinutesSchema = z.union([
  z.literal(0),
  z.number().int('Enter whole minutes').min(5, 'Updates can be asked for every 5 minutes at most often').max(24 * 60, 'Updates can be asked for at least once a day'),
]);

/**
 * Fields that people edit and that sync merges one by one (last writer wins by HLC).
 * Priority is not among them: each replica derives it from impact × urgency.
 */
export const syncedFieldsSchema = z.object({
  title: z.string().trim().min(1, 'Enter a title').max(LIMITS.title, `Titles are limited to ${LIMITS.title} characters`),
  description: z.string().max(LIMITS.description, `Descriptions are limited to ${LIMITS.description.toLocaleString('en')} characters`),
  category: pathSchema,
  site: pathSchema,
  impact: levelSchema,
  urgency: levelSchema,
  major: z.boolean(),
  status: statusSchema,
  holdReason: optionalText(LIMITS.shortText),
  assignee: optionalText(LIMITS.shortText),
  team: optionalText(LIMITS.shortText),
  reporter: optionalText(LIMITS.shortText),
  occurredAt: zonedTimeSchema,
  detectedAt: zonedTimeSchema.nullable(),
  reportedAt: zonedTimeSchema,
  resolutionCode: optionalText(LIMITS.shortText),
  resolutionNotes: optionalText(LIMITS.description),
  cancelReason: optionalText(LIMITS.shortText),
  duplicateOf: uuidV7Schema.nullable(),
  tags: z.array(z.string().trim().min(1).max(60)).max(LIMITS.tags),
  /**
   * The incident's own SLA policy (set in its detail view), overriding its site's and the default; null: none.
   * Optional, not defaulted: incidents recorded before it must still validate, and a default would creep
   * into every partial operation (zod applies defaults inside `.partial()`).
   */
  slaPolicyId: slaPolicyIdSchema.nullable().optional(),
  /** Minutes between stakeholder updates ("next update due" reminders); 0: none; null: the default. Optional like slaPolicyId. */
  updateEveryMinutes: updateEveryMinutesSchema.nullable().optional(),
  /**
   * Recorded during an exercise (drill): marked on every screen, briefing and export, and left out of counts of real
   * incidents. Optional like slaPolicyId: absent on incidents recorded before it, which were all real.
   */
  exercise: z.boolean().optional(),
  /**
   * NIST SP 800-61 §3.2.5's record: what was observed (indicators / symptoms), the assessed impact in words, who is
   * involved or to be reached (contacts) and what happens next. Optional like slaPolicyId; null or absent: not written.
   */
  indicators: longOptionalText('Indicators are').optional(),
  impactAssessment: longOptionalText('The impact assessment is').optional(),
  contacts: longOptionalText('Contacts are').optional(),
  nextSteps: longOptionalText('Next steps are').optional(),
  /**
   * The incident commander (HICS, ITIL major incident): the one person who owns the response and its communication,
   * named mostly on major incidents. Optional like slaPolicyId; null or absent: nobody named.
   */
  commander: z.string().max(LIMITS.shortText, `Incident commander names are limited to ${LIMITS.shortText} characters; shorten it`).nullable().optional(),
});
export type SyncedFields = z.infer<typeof syncedFieldsSchema>;
export type SyncedField = keyof SyncedFields;
export const SYNCED_FIELDS = Object.keys(syncedFieldsSchema.shape) as SyncedField[];
const syncedFieldNames = new Set<string>(SYNCED_FIELDS);

export const incidentSchema = syncedFieldsSchema.extend({
  id: uuidV7Schema,
  /** Human number, unique across devices: device prefix + local counter. */
  number: z.string().regex(INCIDENT_NUMBER_PATTERN, 'Expected an incident number like K7QM-0042'),
  priority: prioritySchema,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  createdBy: authorSchema,
  /** The device on which the incident was recorded. */
  originDeviceId: z.string().min(1).max(100),
  /** Per-field ordering stamps for last-writer-wins merge. */
  stamps: z
    .record(z.string(), hlcStampSchema)
    .refine((stamps) => Object.keys(stamps).every((field) => syncedFieldNames.has(field)), 'Stamps may only name synced fields'),
});
export type Incident = z.infer<typeof incidentSchema>;

export const FIELD_LABELS: Record<SyncedField, string> = {
  title: 'Title',
  description: 'Description',
  category: 'Category',
  site: 'Site',
  impact: 'Impact',
  urgency: 'Urgency',
  major: 'Major incident',
  status: 'Status',
  holdReason: 'Hold reason',
  assignee: 'Assignee',
  team: 'Team',
  reporter: 'Reporter',
  occurredAt: 'Occurred at',
  detectedAt: 'Detected at',
  reportedAt: 'Reported at',
  resolutionCode: 'Resolution code',
  resolutionNotes: 'Resolution notes',
  cancelReason: 'Cancel reason',
  duplicateOf: 'Duplicate of',
  tags: 'Tags',
  slaPolicyId: 'SLA policy',
  updateEveryMinutes: 'Stakeholder updates',
  exercise: 'Exercise',
  indicators: 'Indicators / symptoms',
  impactAssessment: 'Impact assessment',
  contacts: 'Contacts',
  nextSteps: 'Next steps',
  commander: 'Incident commander',
};
