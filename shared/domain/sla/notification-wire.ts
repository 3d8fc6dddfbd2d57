// Notification data that crosses IPC (renderer ⇄ main): categories, settings, reported activities, centre entries.
import { z } from 'zod';
import { prioritySchema } from '../priority';

export const ALERT_CATEGORIES = ['sla', 'assignment', 'escalation', 'sync', 'conflict', 'reminder'] as const;
export const alertCategorySchema = z.enum(ALERT_CATEGORIES);
export type AlertCategory = z.infer<typeof alertCategorySchema>;

export const notificationSettingsSchema = z.object({
  muted: z.array(alertCategorySchema).max(ALERT_CATEGORIES.length),
  /** Do not disturb until this instant (ms); null: off. P1 and major incidents still come through. */
  doNotDisturbUntil: z.number().nullable(),
  /** "Pause notifications" from the tray: do not disturb until resumed (same exceptions). */
  paused: z.boolean(),
  /** This many alerts or more at once become one digest. */
  digestAtLeast: z.number().int().min(2).max(1000),
  /** Immediate alerts wait this long so a burst (a sync bringing 40 changes) is shown together. */
  coalesceMs: z.number().int().min(0).max(60_000),
  /** "Next update due" reminder interval for major incidents, in minutes; null: off. */
  majorUpdateEveryMinutes: z.number().int().min(5).max(24 * 60).nullable(),
  /** SLA alerts for every open incident, or only those assigned to or commanded by this device's user (and unassigned ones). */
  slaScope: z.enum(['all', 'mine']),
  /** Whether closing the window hides it to the tray instead of quitting. */
  closeToTray: z.boolean(),
});
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = {
  muted: [],
  doNotDisturbUntil: null,
  paused: false,
  digestAtLeast: 4,
  coalesceMs: 2_000,
  majorUpdateEveryMinutes: 30,
  slaScope: 'all',
  closeToTray: true,
};

const text = (max: number) => z.string().max(max);

/** Something that happened and may need a person (reported after a sync or a local change). */
export const notificationActivitySchema = z.object({
  /** Unique per happening (the timeline event id, the sync attempt id…): the same id is never shown twice. */
  id: text(200).min(1),
  kind: z.enum(['assignment', 'escalation', 'sync', 'conflict']),
  incidentId: text(100).nullable(),
  /** "K7QM-0042 Generator B failed to start": the number first (bodies tell Linux users to search for it). */
  incidentLabel: text(300).nullable(),
  /** Who caused it (author name); null for the system. Nobody is notified about their own actions. */
  actor: text(200).nullable(),
  /** For assignments: the new assignee. */
  assignee: text(200).nullable().optional(),
  text: text(1000),
  priority: prioritySchema.nullable(),
  major: z.boolean(),
});
export type NotificationActivity = z.infer<typeof notificationActivitySchema>;

export const notificationCentreEntrySchema = z.object({
  id: text(300),
  category: z.enum([...ALERT_CATEGORIES, 'digest']),
  incidentId: text(100).nullable(),
  title: text(500),
  body: text(2000),
  shownAt: z.number(),
  read: z.boolean(),
  /** Recorded without a native notification (muted, do not disturb, or folded into a digest). */
  silent: z.boolean(),
  /**
   * Repeated reminders folded into this entry since it was last read (centre.ts); absent: 1. Optional and added
   * later: entries stored before read as single ones, and an older version reading these drops only the count.
   */
  count: z.number().int().min(1).max(1_000_000).optional(),
});
export type NotificationCentreEntry = z.infer<typeof notificationCentreEntrySchema>;
