// HostNotifications in Electron: forwards to main in contract-sized batches and relays main's events.
import { describe, expect, it, vi } from 'vitest';
import { createElectronNotifications } from '../../../../renderer/host/electron-notifications';
import { DEFAULT_NOTIFICATION_SETTINGS, type NotificationActivity, type SlaWatch } from '../../../../shared/domain';
import { fakeBridge } from './fake-bridge';

const watch = (id: string): SlaWatch => ({ id, number: 'K7QM-0001', title: 'Pump', priority: 2, major: false, status: 'new', assignee: null, policyId: 'gold', createdAtMs: 0, changes: [], lastUpdateAt: null, updateEveryMinutes: null });
const activity = (id: string): NotificationActivity => ({ id, kind: 'escalation', incidentId: 'a', incidentLabel: null, actor: null, text: 'x', priority: null, major: false });

describe('createElectronNotifications', () => {
  it('splits large watch sets and reports into batches the contract accepts', async () => {
    const { bridge } = fakeBridge();
    const notifications = createElectronNotifications(bridge);
    await notifications.watch({ watches: Array.from({ length: 12_001 }, (_, i) => watch(`i${i}`)), removed: ['gone'] });
    expect(bridge.notifications.watch.mock.calls.map(([input]) => [(input as { watches: unknown[] }).watches.length, (input as { removed: unknown[] }).removed.length])).toEqual([
      [5000, 1],
      [5000, 0],
      [2001, 0],
    ]);
    await notifications.report(Array.from({ length: 1500 }, (_, i) => activity(`e${i}`)));
    expect(bridge.notifications.report).toHaveBeenCalledTimes(2);
  });

  it('sends a blank user as null and trims names', async () => {
    const { bridge } = fakeBridge();
    const notifications = createElectronNotifications(bridge);
    await notifications.setUser('  Ana Field ');
    await notifications.setUser('   ');
    expect(bridge.notifications.setUser.mock.calls).toEqual([[{ name: 'Ana Field' }], [{ name: null }]]);
  });

  it('marks all or some entries read and returns how many changed', async () => {
    const { bridge } = fakeBridge();
    const notifications = createElectronNotifications(bridge);
    await expect(notifications.markRead()).resolves.toBe(3);
    await expect(notifications.markRead(['a', 'b'])).resolves.toBe(2);
    expect(bridge.notifications.markRead.mock.calls).toEqual([[{}], [{ ids: ['a', 'b'] }]]);
    await expect(notifications.setSettings({ ...DEFAULT_NOTIFICATION_SETTINGS, paused: true })).resolves.toMatchObject({ paused: true });
  });

  it('relays centre changes and notification clicks from main, and stops on unsubscribe', () => {
    const { bridge, emit, count } = fakeBridge();
    const notifications = createElectronNotifications(bridge);
    const changed = vi.fn();
    const opened = vi.fn();
    const stopChanged = notifications.onChanged(changed);
    const stopOpen = notifications.onOpen(opened);
    emit('notifications:changed', { entries: [], unread: 2 });
    emit('notifications:open', { incidentId: 'inc-1' });
    expect(changed).toHaveBeenCalledWith({ entries: [], unread: 2 });
    expect(opened).toHaveBeenCalledWith('inc-1');
    stopChanged();
    stopOpen();
    expect(count('notifications:changed') + count('notifications:open')).toBe(0);
    expect(notifications.permission()).toBe('granted');
  });

  it('shows the incident of a notification clicked while no window was open, once, to the listener still subscribed', async () => {
    const { bridge } = fakeBridge();
    bridge.notifications.takePendingOpen.mockResolvedValueOnce({ incidentId: '0190a000-0000-7000-8000-000000000001' });
    const notifications = createElectronNotifications(bridge);
    const dropped = vi.fn();
    const kept = vi.fn();
    // React in strict mode: subscribe, drop, subscribe again before main has answered.
    notifications.onOpen(dropped)();
    const unsubscribe = notifications.onOpen(kept);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(dropped).not.toHaveBeenCalled();
    expect(kept.mock.calls).toEqual([['0190a000-0000-7000-8000-000000000001']]);
    // Asked once per page, and never delivered twice.
    notifications.onOpen(kept);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(kept).toHaveBeenCalledTimes(1);
    expect(bridge.notifications.takePendingOpen).toHaveBeenCalledTimes(1);
    unsubscribe();
  });
});
