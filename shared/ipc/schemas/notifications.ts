// IPC payload schemas of the `notifications` domain: watches and activities in, the centre and settings out.
import { z } from 'zod';
import { notificationActivitySchema, notificationCentreEntrySchema, notificationSettingsSchema } from '../../domain/sla/notification-wire';
import { slaPoliciesSchema } from '../../domain/sla/policy';
import { slaWatchSchema } from '../../domain/sla/watch';
import { MAX_ID_LENGTH } from './limits';

/** One message carries at most this many watches; the page sends larger sets in batches. */
export const MAX_WATCHES_PER_CALL = 5000;
export const MAX_ACTIVITIES_PER_CALL = 1000;
/** The centre keeps at most this many entries (CENTRE_LIMIT in shared/notifications/centre.ts). */
export const MAX_CENTRE_ENTRIES = 500;

const incidentId = z.string().min(1).max(MAX_ID_LENGTH);

/** `notifications:watch`: fresh watches of changed open incidents, and ids that are gone, closed or no longer watched. */
export const notificationsWatchInputSchema = z.strictObject({
  watches: z.array(slaWatchSchema).max(MAX_WATCHES_PER_CALL),
  removed: z.array(incidentId).max(MAX_WATCHES_PER_CALL),
});
export type NotificationsWatchInput = z.infer<typeof notificationsWatchInputSchema>;

/** `notifications:report`: assignments, escalations, conflicts that may need this device's user. */
export const notificationsReportInputSchema = z.strictObject({
  activities: z.array(notificationActivitySchema).max(MAX_ACTIVITIES_PER_CALL),
});
export type NotificationsReportInput = z.infer<typeof notificationsReportInputSchema>;

/**
 * `notifications:set-policies`: the SLA policies stored in the page's database, the default first (watches name
 * their policy by id; unknown ids fall back to the first). Each policy is validated whole: a bad target, a
 * warning at or above 100 % or an unknown time zone refuses the message, so main keeps the policies it had.
 */
export const notificationsSetPoliciesInputSchema = z.strictObject({ policies: slaPoliciesSchema });
export type NotificationsSetPoliciesInput = z.infer<typeof notificationsSetPoliciesInputSchema>;

/** `notifications:set-user`: the person using this device now (null: nobody), so own actions stay quiet. */
export const notificationsSetUserInputSchema = z.strictObject({ name: z.string().trim().min(1).max(200).nullable() });

/** `notifications:list` and the `notifications:changed` event. */
export const notificationCentreSummarySchema = z.strictObject({
  entries: z.array(notificationCentreEntrySchema).max(MAX_CENTRE_ENTRIES),
  unread: z.number().int().min(0),
});
export type NotificationCentreSummary = z.infer<typeof notificationCentreSummarySchema>;

/** `notifications:mark-read`: these entries, or all when ids is absent. */
export const notificationsMarkReadInputSchema = z.strictObject({
  ids: z.array(z.string().min(1).max(300)).max(MAX_CENTRE_ENTRIES).optional(),
});
export const notificationsMarkReadResultSchema = z.strictObject({ changed: z.number().int().min(0) });

/** Settings travel whole; unknown keys are refused rather than silently dropped. */
export const notificationSettingsInputSchema = notificationSettingsSchema.strict();

/** `notifications:open`: a notification was clicked; show this incident (null: the centre). */
export const notificationsOpenPayloadSchema = z.strictObject({ incidentId: incidentId.nullable() });
export type NotificationsOpenPayload = z.infer<typeof notificationsOpenPayloadSchema>;
