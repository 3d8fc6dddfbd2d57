// HostNotifications in browser mode: the shared scheduler in the page, Web Notifications after permission, localStorage state.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BROWSER_NOTIFICATION_KEYS, createBrowserNotifications } from '../../../../renderer/host/browser-notifications';
import type { WebNotificationClass } from '../../../../renderer/host/web-notifier';
import { SEED_SLA_POLICIES, type SlaPolicy, type SlaWatch } from '../../../../shared/domain';
import { journalSchedulerStore } from '../../../../shared/notifications/journal-store';
import type { SchedulerState } from '../../../../shared/notifications/types';

const MIN = 60_000;

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (key) => map.get(key) ?? null,
    key: (index) => [...map.keys()][index] ?? null,
    removeItem: (key) => void map.delete(key),
    setItem: (key, value) => void map.set(key, value),
  };
}

/** The scheduler state as the next start would load it (base + journal). */
async function stored(storage: Storage): Promise<SchedulerState> {
  return (await journalSchedulerStore(storage, BROWSER_NOTIFICATION_KEYS.state).load()) ?? { scheduled: [], shownKeys: [], centre: [] };
}

function fakeNotificationClass(permission: NotificationPermission, answer: NotificationPermission = 'granted') {
  const shown: { title: string; options?: NotificationOptions; click: () => void }[] = [];
  class FakeNotification {
    static permission: NotificationPermission = permission;
    static requestPermission = vi.fn(async () => {
      FakeNotification.permission = answer;
      return answer;
    });
    onclick: ((this: unknown, event: Event) => unknown) | null = null;
    close = vi.fn();
    constructor(title: string, options?: NotificationOptions) {
      shown.push({ title, ...(options ? { options } : {}), click: () => this.onclick?.call(this, new Event('click')) });
    }
  }
  return { Notification: FakeNotification as unknown as WebNotificationClass & typeof FakeNotification, shown };
}

function fakeWindow(storage = memoryStorage()) {
  const focus = vi.fn();
  const listeners = new Map<string, () => void>();
  const document = { visibilityState: 'visible', addEventListener: (type: string, listener: () => void) => listeners.set(type, listener) };
  const win = {
    localStorage: storage,
    document,
    addEventListener: (type: string, listener: () => void) => listeners.set(type, listener),
    setTimeout: globalThis.setTimeout.bind(globalThis),
    clearTimeout: globalThis.clearTimeout.bind(globalThis),
    focus,
  } as unknown as Window;
  /** The page is hidden (tab switched, window minimised): what it would dispatch. */
  const hide = () => {
    document.visibilityState = 'hidden';
    listeners.get('visibilitychange')?.();
  };
  return { win, focus, storage, hide };
}

const overdue = (now: number): SlaWatch => ({
  id: 'inc-1',
  number: 'K7QM-0001',
  title: 'Pump failed',
  priority: 1,
  major: false,
  status: 'new',
  assignee: null,
  policyId: 'gold',
  createdAtMs: now - 20 * MIN, // P1 gold: 15 min to own, so breached
  changes: [],
  lastUpdateAt: null, updateEveryMinutes: null,
});

afterEach(() => {
  vi.useRealTimers();
});

describe('createBrowserNotifications', () => {
  it('shows a breach as a Web Notification once permission is granted; a click focuses the page and opens the incident', async () => {
    const { win, focus } = fakeWindow();
    const { Notification, shown } = fakeNotificationClass('granted');
    const notifications = createBrowserNotifications(win, { Notification });
    const opened = vi.fn();
    notifications.onOpen(opened);
    await notifications.watch({ watches: [overdue(Date.now())], removed: [] });
    await vi.waitFor(() => expect(shown.map((n) => n.title)).toContain('Time to own breached: K7QM-0001'));
    expect(shown[0]?.options).toMatchObject({ tag: 'lantern:inc-1', requireInteraction: true });
    shown[0]?.click();
    expect(focus).toHaveBeenCalled();
    expect(opened).toHaveBeenCalledWith('inc-1');
    await expect(notifications.list()).resolves.toMatchObject({ unread: 0 });
  });

  it('lists alerts in the centre without a pop-up until the person allows notifications, and asks only when asked to', async () => {
    const { win, storage } = fakeWindow();
    const { Notification, shown } = fakeNotificationClass('default');
    const notifications = createBrowserNotifications(win, { Notification });
    const changes = vi.fn();
    notifications.onChanged(changes);
    await notifications.watch({ watches: [overdue(Date.now())], removed: [] });
    await vi.waitFor(() => expect(changes).toHaveBeenCalled());
    expect(shown).toEqual([]);
    expect((await notifications.list()).unread).toBeGreaterThan(0);
    expect(Notification.requestPermission).not.toHaveBeenCalled();
    expect(notifications.permission()).toBe('default');
    await expect(notifications.requestPermission()).resolves.toBe('granted');
    await expect(notifications.requestPermission()).resolves.toBe('granted');
    expect(Notification.requestPermission).toHaveBeenCalledTimes(1);
    // Restart-safe: the centre and shown keys are in localStorage.
    await vi.waitFor(async () => expect(JSON.stringify(await stored(storage))).toContain('Time to own breached'));
  });

  it('restores the centre after a reload and does not show the same alert again', async () => {
    const storage = memoryStorage();
    const first = fakeNotificationClass('granted');
    const before = createBrowserNotifications(fakeWindow(storage).win, { Notification: first.Notification });
    await before.watch({ watches: [overdue(Date.now())], removed: [] });
    await vi.waitFor(() => expect(first.shown.map((n) => n.title)).toContain('Time to own breached: K7QM-0001'));
    await vi.waitFor(async () => expect((await stored(storage)).shownKeys).toHaveLength(1));
    const second = fakeNotificationClass('granted');
    const after = createBrowserNotifications(fakeWindow(storage).win, { Notification: second.Notification });
    await after.watch({ watches: [overdue(Date.now())], removed: [] });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(second.shown.map((n) => n.title)).not.toContain('Time to own breached: K7QM-0001');
    expect((await after.list()).entries.map((e) => e.title)).toContain('Time to own breached: K7QM-0001');
  });

  it('works without the Notifications API (the centre still lists everything)', async () => {
    const { win } = fakeWindow();
    const notifications = createBrowserNotifications(win, { Notification: null });
    expect(notifications.permission()).toBe('unsupported');
    await expect(notifications.requestPermission()).resolves.toBe('unsupported');
    await notifications.setSettings({ ...(await notifications.getSettings()), muted: ['sla'] });
    await expect(notifications.getSettings()).resolves.toMatchObject({ muted: ['sla'] });
  });

  it('re-plans with the policies the page sends (a longer target moves the due times) and refuses invalid ones', async () => {
    const { win, storage, hide } = fakeWindow();
    const notifications = createBrowserNotifications(win, { Notification: null });
    const now = Date.now();
    const fresh: SlaWatch = { ...overdue(now), createdAtMs: now };
    const firstDue = async () => Math.min(...(await stored(storage)).scheduled.map((alert) => alert.dueAt)) - now;
    await notifications.watch({ watches: [fresh], removed: [] });
    // Re-plans are saved in a batch; hiding the page writes it at once.
    hide();
    await vi.waitFor(async () => expect(await firstDue()).toBe(7.5 * MIN));
    const gold = SEED_SLA_POLICIES[0]!;
    const slower: SlaPolicy = { ...gold, targets: { ...gold.targets, P1: { responseMinutes: 60, resolveMinutes: 120 } } };
    await notifications.setPolicies([slower, ...SEED_SLA_POLICIES.slice(1)]);
    hide();
    await vi.waitFor(async () => expect(await firstDue()).toBe(30 * MIN));
    await expect(notifications.setPolicies([{ ...gold, warnPercents: [50, 100] }])).rejects.toThrow();
    await expect(notifications.setPolicies([])).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await firstDue()).toBe(30 * MIN);
  });
});
