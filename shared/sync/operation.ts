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

/** Bumped whenever the meaning of an operation changes; HQ refuses versions it does not know. */
export const OPERATION_SCHEMA_VERSION = 1;

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
    schemaVersion: OPERATION_SCHEMA_VERSION,
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
