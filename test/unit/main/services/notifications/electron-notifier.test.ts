// The Electron notification adapter with an injected fake Notification class (the main/electron adapter).
import { describe, expect, it, vi } from 'vitest';
import { createElectronNotifier, notificationOptions, type NotificationLike } from '../../../../../main/electron/notification-adapter';
import type { NotificationConstructorOptions } from 'electron';

function fakeNotificationClass(supported = true) {
  const instances: FakeNotification[] = [];
  class FakeNotification implements NotificationLike {
    static isSupported = vi.fn(() => supported);
    readonly listeners = new Map<string, (() => void)[]>();
    readonly show = vi.fn();
    constructor(readonly options: NotificationConstructorOptions) {
      instances.push(this);
    }
    on(event: string, listener: () => void): this {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    emit(event: string): void {
      for (const listener of this.listeners.get(event) ?? []) listener();
    }
  }
  return { FakeNotification, instances };
}

const notice = { title: 'Time to resolve breached: K7QM-0001', body: 'P1 Critical · Pump. Open Lantern and search for K7QM-0001.', incidentId: 'inc-1', urgency: 'critical' as const };

describe('createElectronNotifier', () => {
  it('shows a notification and runs the click handler (focus + navigate) once clicked', () => {
    const { FakeNotification, instances } = fakeNotificationClass();
    const notifier = createElectronNotifier({ Notification: FakeNotification, platform: 'win32', icon: '/app/icon.png' });
    const clicked = vi.fn();
    notifier.show(notice)!.onClick(clicked);
    expect(instances).toHaveLength(1);
    expect(instances[0]!.show).toHaveBeenCalledTimes(1);
    expect(instances[0]!.options).toMatchObject({ title: notice.title, urgency: 'critical', timeoutType: 'never', icon: '/app/icon.png' });
    expect(clicked).not.toHaveBeenCalled();
    instances[0]!.emit('click');
    expect(clicked).toHaveBeenCalledTimes(1);
  });

  it('returns null and reports once when the OS has no notifications', () => {
    const { FakeNotification, instances } = fakeNotificationClass(false);
    const onUnsupported = vi.fn();
    const notifier = createElectronNotifier({ Notification: FakeNotification, platform: 'linux', onUnsupported });
    expect(notifier.show(notice)).toBeNull();
    expect(notifier.show(notice)).toBeNull();
    expect(instances).toHaveLength(0);
    expect(onUnsupported).toHaveBeenCalledTimes(1);
  });
});

describe('notificationOptions', () => {
  it('on Linux, never relies on the click alone: the body says how to find it', () => {
    expect(notificationOptions({ ...notice, body: 'Two people changed a field.' }, { platform: 'linux' }).body).toBe('Two people changed a field. Open Lantern to see it.');
    expect(notificationOptions(notice, { platform: 'linux' }).body).toBe(notice.body);
    expect(notificationOptions({ ...notice, body: 'x' }, { platform: 'darwin' }).body).toBe('x');
  });

  it('keeps normal alerts on the default timeout and silences low ones', () => {
    expect(notificationOptions({ ...notice, urgency: 'normal' }, { platform: 'linux' })).toMatchObject({ timeoutType: 'default', silent: false });
    expect(notificationOptions({ ...notice, urgency: 'low' }, { platform: 'linux' })).toMatchObject({ silent: true });
  });
});
