// Composes the notification service (watch cache, scheduler, settings) and exposes the bodies of its IPC handlers.
import {
  DEFAULT_NOTIFICATION_SETTINGS,
  notificationSettingsSchema,
  type NotificationActivity,
  type NotificationCentreEntry,
  type NotificationSettings,
  type SlaPolicy,
  type SlaWatch,
} from '../domain';
import { fileSchedulerStore, type TextPersistence } from './file-store';
import { NotificationScheduler } from './scheduler';
import type { Notifier, SchedulerClock, SchedulerStore } from './types';
import { WatchCache } from './watch-cache';

/** Where pending alerts, shown keys and the centre live: a whole file (main), or a store of its own (browser journal). */
type StateDeps =
  | { /** notifications.json */ readonly statePersistence: TextPersistence; readonly stateStore?: undefined }
  | { readonly stateStore: SchedulerStore; readonly statePersistence?: undefined };

export type NotificationServiceDeps = StateDeps & {
  readonly notifier: Notifier;
  readonly clock: SchedulerClock;
  /** notification-settings.json. */
  readonly settingsPersistence: TextPersistence;
  /** The SLA policies until the page sends the stored ones (setPolicies); the first is the default. */
  readonly policies: readonly SlaPolicy[];
  readonly openIncident: (incidentId: string | null) => void;
  /** Called whenever the centre changes (push `notifications:changed` to the page, refresh the tray). */
  readonly onCentreChanged?: (summary: CentreSummary) => void;
  readonly warn?: (message: string) => void;
};

export interface CentreSummary {
  readonly entries: readonly NotificationCentreEntry[];
  readonly unread: number;
}

export function createNotificationService(deps: NotificationServiceDeps) {
  const warn = deps.warn ?? (() => undefined);
  let user: string | null = null;
  const watches = new WatchCache(deps.policies);
  const scheduler = new NotificationScheduler({
    clock: deps.clock,
    notifier: deps.notifier,
    store: deps.stateStore ?? fileSchedulerStore(deps.statePersistence, warn),
    incidents: watches,
    currentUser: () => user,
    openIncident: deps.openIncident,
    onError: (error) => warn(`Notifications: ${error instanceof Error ? error.message : String(error)}`),
  });
  const summary = (): CentreSummary => ({ entries: scheduler.centre.list(), unread: scheduler.centre.unreadCount });
  scheduler.centre.onChange(() => deps.onCentreChanged?.(summary()));

  async function loadSettings(): Promise<NotificationSettings> {
    const text = await deps.settingsPersistence.read().catch(() => null);
    if (text === null) return DEFAULT_NOTIFICATION_SETTINGS;
    try {
      const parsed = notificationSettingsSchema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
    } catch {
      // fall through
    }
    warn('Notification settings were unreadable; using the defaults.');
    return DEFAULT_NOTIFICATION_SETTINGS;
  }

  return {
    scheduler,
    watches,
    async start(): Promise<void> {
      scheduler.updateSettings(await loadSettings());
      await scheduler.start();
    },
    stop: () => scheduler.stop(),
    /** Saves what waits for the scheduler's batched save (the page is hidden or closing). */
    flush: (): Promise<void> => scheduler.flush(),
    /** notifications:watch — the page sends fresh watches of changed incidents and ids that are gone or closed. */
    async watch(input: { watches: readonly SlaWatch[]; removed: readonly string[] }): Promise<void> {
      const changed = watches.put(input.watches);
      const removed = watches.remove(input.removed);
      await scheduler.onIncidentsChanged([...changed, ...removed]);
      // Only an explicit removal forgets what was shown (an id the cache does not know yet after a start must not).
      scheduler.forgetIncidents(removed);
    },
    /**
     * notifications:set-policies — the page's stored SLA policies, default first. Every watch is re-planned, so an
     * edited target or calendar moves the alerts already scheduled.
     */
    async setPolicies(policies: readonly SlaPolicy[]): Promise<void> {
      await scheduler.onIncidentsChanged(watches.setPolicies(policies));
    },
    /** notifications:report — assignments, escalations, conflicts from a sync; sync failures come from main itself. */
    report: (activities: readonly NotificationActivity[]): Promise<void> => scheduler.report(activities),
    /** notifications:set-user — the person now using this device (quick user switch). */
    setUser(name: string | null): void {
      if (name === user) return;
      user = name;
      // With "only mine" the alerts follow the person: the one taking over gets theirs, the previous person's stop.
      scheduler.onIncidentsChanged(watches.ids()).catch((error: unknown) => warn(`Notifications: ${error instanceof Error ? error.message : String(error)}`));
    },
    /** notifications:list */
    list: summary,
    /** notifications:mark-read — ids, or all when omitted. */
    markRead: (ids?: readonly string[]): number => scheduler.markRead(ids),
    /** notifications:get-settings */
    getSettings: (): NotificationSettings => scheduler.getSettings(),
    /** notifications:set-settings — re-plans every watch (the reminder interval or scope may have changed). */
    async setSettings(settings: NotificationSettings): Promise<void> {
      scheduler.updateSettings(settings);
      await deps.settingsPersistence.write(JSON.stringify(settings));
      await scheduler.onIncidentsChanged(watches.ids());
    },
    /** Tray "Pause notifications". */
    async togglePaused(): Promise<boolean> {
      const next = { ...scheduler.getSettings(), paused: !scheduler.getSettings().paused };
      scheduler.updateSettings(next);
      await deps.settingsPersistence.write(JSON.stringify(next));
      return next.paused;
    },
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
