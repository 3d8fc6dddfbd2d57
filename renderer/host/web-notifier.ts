// The scheduler's Notifier in browser mode: the Web Notifications API, only once the person has allowed it.
import type { NativeNotice, NoticeHandle, Notifier } from '../../shared/notifications/types';
import type { NotificationPermissionState } from './host-notifications';

/** The parts of the Web Notification constructor used here (injectable for tests). */
export interface WebNotificationClass {
  readonly permission: NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
  new (title: string, options?: NotificationOptions): { onclick: ((this: unknown, event: Event) => unknown) | null; close(): void };
}

export function webNotificationClass(win: Window): WebNotificationClass | null {
  const candidate = (win as Window & { Notification?: WebNotificationClass }).Notification;
  return typeof candidate === 'function' ? candidate : null;
}

export function webPermission(Notice: WebNotificationClass | null): NotificationPermissionState {
  return Notice === null ? 'unsupported' : Notice.permission;
}

/** Shows nothing (the centre still lists it) until permission is granted; a click focuses the page. */
export function createWebNotifier(Notice: WebNotificationClass | null, focus: () => void): Notifier {
  return {
    show(notice: NativeNotice): NoticeHandle | null {
      if (Notice === null || Notice.permission !== 'granted') return null;
      const listeners: (() => void)[] = [];
      let shown: InstanceType<WebNotificationClass>;
      try {
        shown = new Notice(notice.title, {
          body: notice.body,
          // One notification per incident on screen: a newer one replaces the older.
          ...(notice.incidentId ? { tag: `lantern:${notice.incidentId}` } : {}),
          requireInteraction: notice.urgency === 'critical',
          silent: notice.urgency === 'low',
        });
      } catch {
        return null;
      }
      shown.onclick = () => {
        focus();
        shown.close();
        for (const listener of listeners) listener();
      };
      return { onClick: (listener) => listeners.push(listener) };
    },
  };
}
