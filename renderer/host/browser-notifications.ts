// HostNotifications in browser mode: the same scheduler as main, run in the page, state journaled in localStorage.
import { SEED_SLA_POLICIES, slaPoliciesSchema } from '../../shared/domain';
import type { TextPersistence } from '../../shared/notifications/file-store';
import { journalSchedulerStore, type KeyValueStorage } from '../../shared/notifications/journal-store';
import { createNotificationService, type NotificationService } from '../../shared/notifications/notification-service';
import type { SchedulerClock } from '../../shared/notifications/types';
import type { CentreSnapshot, HostNotifications, NotificationPermissionState } from './host-notifications';
import { createWebNotifier, webNotificationClass, webPermission, type WebNotificationClass } from './web-notifier';

export const BROWSER_NOTIFICATION_KEYS = { state: 'lantern.notifications', settings: 'lantern.notification-settings' } as const;

/** localStorage as whole-text persistence; a full or blocked storage is reported, never thrown at the scheduler. */
function storageText(storage: Storage | null, key: string): TextPersistence {
  return {
    read: () => Promise.resolve(storage?.getItem(key) ?? null),
    write: (contents) => {
      try {
        storage?.setItem(key, contents);
        return Promise.resolve();
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
  };
}

function memoryStorage(): KeyValueStorage {
  const items = new Map<string, string>();
  return { getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value), removeItem: (key) => void items.delete(key) };
}

function pageStorage(win: Window): Storage | null {
  try {
    return win.localStorage;
  } catch {
    return null;
  }
}

export interface BrowserNotificationOptions {
  /** Injected in tests; defaults to window.Notification (absent in some browsers and in jsdom). */
  readonly Notification?: WebNotificationClass | null;
}

/** Built lazily: nothing runs (no timers, no storage reads) until the UI first uses notifications. */
export function createBrowserNotifications(win: Window, options: BrowserNotificationOptions = {}): HostNotifications {
  const Notice = options.Notification === undefined ? webNotificationClass(win) : options.Notification;
  const changed = new Set<(snapshot: CentreSnapshot) => void>();
  const opened = new Set<(incidentId: string | null) => void>();
  let started: Promise<NotificationService> | null = null;

  const clock: SchedulerClock = {
    now: () => Date.now(),
    setTimeout: (callback, ms) => win.setTimeout(callback, ms),
    clearTimeout: (handle) => win.clearTimeout(handle as number),
  };

  const ready = (): Promise<NotificationService> => {
    started ??= (async () => {
      const storage = pageStorage(win);
      const service = createNotificationService({
        notifier: createWebNotifier(Notice, () => win.focus()),
        clock,
        // Without storage (blocked) nothing survives a reload, as before; the scheduler still runs.
        stateStore: journalSchedulerStore(storage ?? memoryStorage(), BROWSER_NOTIFICATION_KEYS.state, (message) => console.warn(message)),
        settingsPersistence: storageText(storage, BROWSER_NOTIFICATION_KEYS.settings),
        // Stand-ins until the page's policy feed sends the stored ones (before its first watches).
        policies: SEED_SLA_POLICIES,
        openIncident: (incidentId) => opened.forEach((listener) => listener(incidentId)),
        onCentreChanged: (summary) => changed.forEach((listener) => listener(summary)),
        warn: (message) => console.warn(message),
      });
      await service.start();
      // The scheduler batches saves of re-plans (shown marks and activities are saved at once); a page being hidden
      // may be the last chance to run code before it is discarded, so the batch is written then.
      const save = () => void service.flush();
      win.addEventListener('pagehide', save);
      win.document.addEventListener('visibilitychange', () => {
        if (win.document.visibilityState === 'hidden') save();
      });
      return service;
    })();
    return started;
  };

  return {
    watch: async (update) => (await ready()).watch(update),
    // Same schema as the IPC message: the in-page scheduler never plans with a policy main would refuse.
    setPolicies: async (policies) => (await ready()).setPolicies(slaPoliciesSchema.parse(policies)),
    report: async (activities) => (await ready()).report(activities),
    setUser: async (name) => (await ready()).setUser(name?.trim() ? name.trim() : null),
    list: async () => (await ready()).list(),
    markRead: async (ids) => (await ready()).markRead(ids),
    getSettings: async () => (await ready()).getSettings(),
    async setSettings(settings) {
      const running = await ready();
      await running.setSettings(settings);
      return running.getSettings();
    },
    onChanged(listener) {
      changed.add(listener);
      return () => void changed.delete(listener);
    },
    onOpen(listener) {
      opened.add(listener);
      return () => void opened.delete(listener);
    },
    permission: () => webPermission(Notice),
    async requestPermission(): Promise<NotificationPermissionState> {
      if (Notice === null) return 'unsupported';
      if (Notice.permission !== 'default') return Notice.permission;
      try {
        return await Notice.requestPermission();
      } catch {
        return webPermission(Notice);
      }
    },
  };
}
