// Outbox operation: one user action as it travels to HQ (field values to set + its timeline event).
import { z } from 'zod';
import {
  attachmentRefSchema,
  authorSchema,
  MAX_ATTACHMENTS_PER_SAVE,
  hlcStampSchema,
  INCIDENT_NUMBER_PATTERN,
  SYNCED_FIELDS,
  syncedFieldsSchema,
  type SyncedField,
  timelineEventSchema,
  uuidV7Schema,
  type IncidentChange,
} from '../domain';

/**
 * The newest operation version this Lantern reads and writes; bumped whenever operations gain something older
 * versions would misread (HQ answers retry-later to versions it does not know, so the device keeps them).
 * 2: reviews, system status snapshots and custody entries; the exercise mark; a communication's subject, priority
 * and action taken. 3: the NIST record fields (indicators, impact assessment, contacts, next steps). 4: the clock
 * mark on an event made while the device clock had not been checked against HQ, or was found off. 5: the reply to a
 * communication (HICS 213 "reply"), an entry kind an older reader's schema refuses. 6: the incident commander
 * (`commander`), a field an older reader's schema would strip.
 */
export const OPERATION_SCHEMA_VERSION = 6;

const KINDS_OF_VERSION_2: ReadonlySet<string> = new Set(['review', 'system_status', 'custody']);
const FIELDS_OF_VERSION_3: readonly SyncedField[] = ['indicators', 'impactAssessment', 'contacts', 'nextSteps'];
const FIELDS_OF_VERSION_6: readonly SyncedField[] = ['commander'];

/** Whether `change` sets or changes (in its event) one of `fields`. */
function touches(change: Pick<IncidentChange, 'set' | 'event'>, fields: readonly SyncedField[]): boolean {
  if (fields.some((field) => Object.hasOwn(change.set, field))) return true;
  return change.event.kind === 'fields_changed' && change.event.changes.some((c) => (fields as readonly string[]).includes(c.field));
}

/**
 * The oldest version that can carry `change`: 1 unless it uses what a later version added, so an HQ or a laptop not
 * yet updated keeps taking everything else (an older one would drop the exercise mark or refuse the new entries for good).
 */
export function operationVersionOf(change: Pick<IncidentChange, 'set' | 'event'>): number {
  // A field an older reader's schema strips: a version 5 HQ would keep the entry but lose the name.
  if (touches(change, FIELDS_OF_VERSION_6)) return 6;
  // An entry kind an older reader does not know: its schema would refuse the whole operation for good.
  if (change.event.kind === 'communication_reply') return 5;
  // An older reader's schema strips fields it does not know: a version 2 HQ would keep the event but lose the value.
  if (change.event.clock !== undefined) return 4;
  if (touches(change, FIELDS_OF_VERSION_3)) return 3;
  const event = change.event;
  const newer =
    KINDS_OF_VERSION_2.has(event.kind) ||
    Object.hasOwn(change.set, 'exercise') ||
    (event.kind === 'communication' && (event.subject !== undefined || event.priority !== undefined || event.actionTaken !== undefined));
  return newer ? 2 : 1;
}

export const operationSchema = z.object({
  opId: uuidV7Schema,
  schemaVersion: z.number().int().min(1),
  deviceId: z.string().min(1).max(100),
  /** 1, 2, 3 … per device, assigned in the same transaction as the edit; HQ deduplicates on (deviceId, deviceSeq). */
  deviceSeq: z.number().int().min(1),
  /** Ordering stamp: every field in `set` carries this stamp for last-writer-wins. */
  hlc: hlcStampSchema,
  incidentId: uuidV7Schema,
  set: syncedFieldsSchema.partial(),
  /** Per field in `set`: the stamp the author's device had when the change was made (see docs/sync-protocol.md). */
  base: z.partialRecord(z.enum(SYNCED_FIELDS as [SyncedField, ...SyncedField[]]), hlcStampSchema.nullable()).optional(),
  init: z
    .object({
      number: z.string().regex(INCIDENT_NUMBER_PATTERN),
      createdAt: z.iso.datetime(),
      createdBy: authorSchema,
      originDeviceId: z.string().min(1).max(100),
    })
    .optional(),
  event: timelineEventSchema,
  /** Files this change links to the incident, named by SHA-256; their bytes travel separately (out of band). */
  attachments: z.array(attachmentRefSchema).max(MAX_ATTACHMENTS_PER_SAVE).optional(),
});
export type Operation = z.infer<typeof operationSchema>;

export function toOperation(change: IncidentChange, meta: { opId: string; deviceId: string; deviceSeq: number; hlc: string }): Operation {
  return {
    opId: meta.opId,
    schemaVersion: operationVersionOf(change),
    deviceId: meta.deviceId,
    deviceSeq: meta.deviceSeq,
    hlc: meta.hlc,
    incidentId: change.incidentId,
    set: change.set,
    ...(change.base ? { base: change.base } : {}),
    ...(change.init ? { init: change.init } : {}),
    event: change.event,
  };
}
