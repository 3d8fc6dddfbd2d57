// composeNotifications keeps the scheduler state as a journal folder in userData, taking over an old notifications.json.
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { composeNotifications } from '../../../main/compose-notifications';
import type { NotificationLike } from '../../../main/electron/notification-adapter';
import type { TrayClassLike, TrayLike } from '../../../main/electron/tray-adapter';
import { INITIAL_SYNC_STATUS, type SyncStatus } from '../../../shared/sync/engine/sync-status';

function compose(userDataDir: string) {
  const tray: TrayLike = { setToolTip: vi.fn(), setContextMenu: vi.fn(), on: vi.fn(), destroy: vi.fn() };
  const Tray = function FakeTray(): TrayLike {
    return tray;
  } as unknown as TrayClassLike;
  const shown: string[] = [];
  class Notification implements NotificationLike {
    static isSupported = () => true;
    constructor(private readonly options: { title?: string }) {}
    on() {}
    show = () => void shown.push(this.options.title ?? '');
  }
  const warn = vi.fn();
  const composed = composeNotifications({
    userDataDir,
    platform: 'linux',
    iconPath: '/app/icon.png',
    Notification,
    Tray,
    Menu: { buildFromTemplate: (template) => template },
    sync: { status: () => INITIAL_SYNC_STATUS, syncNow: vi.fn() },
    currentPage: () => null,
    showWindow: vi.fn(),
    quit: vi.fn(),
    warn,
  });
  return { composed, shown, warn };
}

describe('notification state in main', () => {
  it('takes over notifications.json once (centre and pending alerts kept) and then saves changes into the journal folder', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'lantern-compose-state-'));
    const legacy = join(userData, 'notifications.json');
    const entry = { id: 'sla:inc-1:resolve:breached:3600000', category: 'sla', incidentId: 'inc-1', title: 'Time to resolve breached: K7QM-0001', body: 'P1', shownAt: 1, read: false, silent: false };
    writeFileSync(legacy, JSON.stringify({ version: 1, scheduled: [], shownKeys: [entry.id], centre: [entry] }));
    const first = compose(userData);
    await first.composed.start();
    expect(first.composed.service.list().entries.map((e) => e.id)).toEqual([entry.id]);
    expect(existsSync(legacy)).toBe(false);
    const failing: SyncStatus = { ...INITIAL_SYNC_STATUS, state: 'failing', lastError: { kind: 'revoked', message: 'This device was removed at HQ.' } };
    first.composed.onSyncStatus(failing);
    await vi.waitFor(() => expect(first.shown).toEqual(['Sync needs you']), { timeout: 5_000 });
    await first.composed.service.flush();
    first.composed.stop();
    expect(existsSync(legacy)).toBe(false);
    expect(readdirSync(join(userData, 'notification-state')).length).toBeGreaterThan(1);
    const second = compose(userData);
    await second.composed.start();
    expect(second.composed.service.list().entries.map((e) => e.title)).toEqual(['Sync needs you', 'Time to resolve breached: K7QM-0001']);
    expect(first.warn).not.toHaveBeenCalled();
    second.composed.stop();
  });
});
