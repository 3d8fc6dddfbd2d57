// Read API for HQ integrations (admin token): incident list with filters and paging, one incident with its timeline.
import { z } from 'zod';
import { hlcStampSchema, incidentSchema, STATUSES, SYNCED_FIELDS, timelineEventSchema, type Status, type SyncedField } from '../../domain';
import { queryInt } from './common';
import { MAX_LIST_LIMIT } from './protocol';

const statusListSchema = z
  .string()
  .max(200)
  .transform((value) => value.split(',').map((part) => part.trim()))
  .pipe(z.array(z.enum(STATUSES as unknown as [Status, ...Status[]])).min(1));

export const incidentListQuerySchema = z.strictObject({
  /** One status or several separated by commas: `status=new,assigned`. */
  status: statusListSchema.optional(),
  /**
   * Only incidents whose updatedAt is at or after this ISO UTC instant. updatedAt is when the change was made on its
   * laptop, which may be hours before HQ receives it: to poll for changes, use `changes` instead.
   */
  updatedSince: z.iso.datetime().optional(),
  /** `false`: real incidents only (reports leave drills out); `true`: exercises only. Absent: both. */
  exercise: z.enum(['true', 'false']).optional(),
  limit: queryInt(1, MAX_LIST_LIMIT).optional(),
  cursor: z.string().max(200).optional(),
  /**
   * Change feed: `start`, or the `changeMark` of an earlier answer. Lists the incidents HQ received changes of since
   * that mark, in the order it received them (each incident once, at its latest change), and answers a new mark.
   */
  changes: z.string().max(200).optional(),
});
export type IncidentListQuery = z.input<typeof incidentListQuerySchema>;

export const incidentListResponseSchema = z.object({
  incidents: z.array(incidentSchema),
  /** Pass as `cursor` for the next page; null on the last page. */
  cursor: z.string().nullable(),
  hasMore: z.boolean(),
  /** With `changes`: pass as `changes` for the next page, or for the next poll once `hasMore` is false. */
  changeMark: z.string().optional(),
});
export type IncidentListResponse = z.infer<typeof incidentListResponseSchema>;

export const conflictSideSchema = z.object({ value: z.unknown(), hlc: hlcStampSchema, deviceId: z.string() });
export const conflictSchema = z.object({
  id: z.string(),
  incidentId: z.string(),
  field: z.enum(SYNCED_FIELDS as [SyncedField, ...SyncedField[]]),
  winner: conflictSideSchema,
  loser: conflictSideSchema,
});

export const incidentDetailResponseSchema = z.object({
  incident: incidentSchema,
  /** Ordered by HLC stamp (then id). */
  timeline: z.array(timelineEventSchema),
  conflicts: z.array(conflictSchema),
});
export type IncidentDetailResponse = z.infer<typeof incidentDetailResponseSchema>;
