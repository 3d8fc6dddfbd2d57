// Wraps Electron's Notification as the scheduler's Notifier: supported check, urgency, click handling, Linux wording and markup escaping.
import type { NotificationConstructorOptions } from 'electron';
import type { NativeNotice, NoticeHandle, Notifier } from '../../shared/notifications/types';

export interface NotificationLike {
  on(event: 'click' | 'close' | 'failed', listener: () => void): unknown;
  show(): void;
}

export interface NotificationClassLike {
  new (options: NotificationConstructorOptions): NotificationLike;
  isSupported(): boolean;
}

export interface ElectronNotifierOptions {
  readonly Notification: NotificationClassLike;
  readonly platform: string;
  /** Path of the app icon (Linux and Windows show it). */
  readonly icon?: string;
  /** Called when the OS cannot show notifications at all (logged once by the host). */
  readonly onUnsupported?: () => void;
}

/** Live notifications are kept referenced until closed: a collected Notification loses its click handler. */
const LIVE_LIMIT = 50;

/** Electron notifier: click → the scheduler's handler (focus the window on the incident). */
export function createElectronNotifier(options: ElectronNotifierOptions): Notifier {
  const live = new Set<NotificationLike>();
  let warned = false;
  return {
    show(notice: NativeNotice): NoticeHandle | null {
      if (!options.Notification.isSupported()) {
        if (!warned) options.onUnsupported?.();
        warned = true;
        return null;
      }
      const notification = new options.Notification(notificationOptions(notice, options));
      const listeners: (() => void)[] = [];
      const release = () => live.delete(notification);
      notification.on('click', () => {
        release();
        for (const listener of listeners) listener();
      });
      notification.on('close', release);
      notification.on('failed', release);
      if (live.size >= LIVE_LIMIT) live.delete(live.values().next().value!);
      live.add(notification);
      notification.show();
      return { onClick: (listener) => listeners.push(listener) };
    },
  };
}

/**
 * Linux notification servers read the body as markup (freedesktop "body-markup": <b>, <i>, <a href>, <img>, entities)
 * and Electron hands it to libnotify as it is, so titles and names typed on other devices could show as tags or links,
 * and a bare "&" or "<" makes some servers drop the whole body. The summary (title) is plain text in the spec: escaping
 * it would show "&amp;" on screen. Windows and macOS show the body as plain text.
 */
export function escapeNotificationMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Linux notification servers often ignore clicks and actions, so the body must say how to find the incident
 * without clicking (the scheduler's bodies already do; anything else gets a generic hint here).
 */
export function notificationOptions(notice: NativeNotice, options: Pick<ElectronNotifierOptions, 'platform' | 'icon'>): NotificationConstructorOptions {
  const linux = options.platform === 'linux';
  const linuxHint = linux && !notice.body.includes('Open Lantern') ? ' Open Lantern to see it.' : '';
  return {
    title: notice.title,
    body: `${linux ? escapeNotificationMarkup(notice.body) : notice.body}${linuxHint}`,
    urgency: notice.urgency,
    // Critical alerts stay on screen until dismissed (Linux, Windows); others time out as usual.
    timeoutType: notice.urgency === 'critical' ? 'never' : 'default',
    silent: notice.urgency === 'low',
    ...(options.icon ? { icon: options.icon } : {}),
  };
}
