// Types shared by the notification service: alerts, injected clock/notifier/store, and the incident facts it watches.
import type { AlertCategory, NotificationActivity, NotificationCentreEntry, Priority, SlaPolicy, SlaTimeline, Status } from '../domain';

export { ALERT_CATEGORIES, type AlertCategory } from '../domain';
export type AlertUrgency = 'low' | 'normal' | 'critical';

/** One alert, scheduled or shown. `key` is deterministic so re-planning and restarts never duplicate it. */
export interface Alert {
  readonly key: string;
  readonly category: AlertCategory;
  readonly incidentId: string | null;
  /** When it should be shown (ms since epoch). */
  readonly dueAt: number;
  readonly title: string;
  readonly body: string;
  readonly urgency: AlertUrgency;
  /** For the do-not-disturb exceptions. */
  readonly priority: Priority | null;
  readonly major: boolean;
  /**
   * Reminders: the body states how long stakeholders have heard nothing. A notice can be shown well after its due
   * time (the computer slept, Lantern was closed), so the scheduler words it again when it shows it (planner's wordedAt).
   */
  readonly silence?: SilenceWording | undefined;
}

/** A body that states the time elapsed since `sinceMs`: `before`, then that time ("1 h 7 min"), then `after`. */
export interface SilenceWording {
  readonly sinceMs: number;
  readonly before: string;
  readonly after: string;
}

/** What the host OS shows. */
export interface NativeNotice {
  readonly title: string;
  readonly body: string;
  readonly incidentId: string | null;
  readonly urgency: AlertUrgency;
}

export interface NoticeHandle {
  onClick(listener: () => void): void;
}

export interface Notifier {
  /** Shows a notice; null when the platform cannot (then the centre still lists it). */
  show(notice: NativeNotice): NoticeHandle | null;
}

export type TimerHandle = unknown;

export interface SchedulerClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** One entry of the in-app notification centre (schema in shared/domain/sla/notification-wire.ts). */
export type CentreEntry = NotificationCentreEntry;

/** What survives a restart: pending alerts, keys already shown, and the centre. */
export interface SchedulerState {
  readonly scheduled: readonly Alert[];
  readonly shownKeys: readonly string[];
  readonly centre: readonly CentreEntry[];
}

/** What changed since the previous save, so a store can append just that instead of rewriting everything. */
export interface SchedulerChanges {
  /** Alerts newly pending or re-timed. */
  readonly scheduled: readonly Alert[];
  /** Keys no longer pending (shown, or re-planned away). */
  readonly unscheduled: readonly string[];
  /** Keys shown since the previous save, oldest first. */
  readonly shownKeys: readonly string[];
  /** Centre entries added since the previous save (the centre keeps the newest CENTRE_LIMIT). */
  readonly centreAdded: readonly CentreEntry[];
  /** Centre entries marked read since the previous save (in the order of centreOrder; absent: after the additions). */
  readonly centreRead: readonly string[];
  /**
   * Runs of centreAdded and centreRead in the order they happened, so a reload folds reminders as live did. Added
   * later and optional: logs of older versions lack it (additions first), and an older version ignores it.
   */
  readonly centreOrder?: readonly CentreStep[];
}

/** `count` entries of centreAdded (kind 'added') or ids of centreRead (kind 'read'), next in order. */
export interface CentreStep {
  readonly kind: 'added' | 'read';
  readonly count: number;
}

export interface SchedulerStore {
  load(): Promise<SchedulerState | null>;
  /**
   * Saves one batch of changes. `full` builds the whole current state (a superset of everything saved so far), for
   * stores that rewrite a file or compact their journal; replaying `changes` on top of it must change nothing.
   */
  save(changes: SchedulerChanges, full: () => SchedulerState): Promise<void>;
}

/** The facts about one incident the scheduler needs (built by the host from the database). */
export interface IncidentWatch {
  readonly id: string;
  readonly number: string;
  readonly title: string;
  readonly priority: Priority;
  readonly major: boolean;
  readonly status: Status;
  readonly assignee: string | null;
  /** The incident commander (absent from watches of a page that predates it): in the "mine" scope like the assignee. */
  readonly commander?: string | null;
  readonly sla: SlaTimeline;
  readonly policy: SlaPolicy;
  /** Last stakeholder update (ms), for "next update due" reminders; null: none yet (counts from creation). */
  readonly lastUpdateAt: number | null;
  /** The incident's own stakeholder-update interval (minutes; 0: none); null: the major-incident default. */
  readonly updateEveryMinutes?: number | null;
}

export interface IncidentSource {
  /** The watched facts of these incidents; missing ids are gone (deleted or no longer visible). */
  get(ids: readonly string[]): Promise<readonly IncidentWatch[]>;
}

/** Something that happened and may need a person (schema in shared/domain/sla/notification-wire.ts). */
export type Activity = NotificationActivity;
