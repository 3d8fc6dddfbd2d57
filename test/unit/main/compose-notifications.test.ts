// composeNotifications with injected Notification/Tray/Menu fakes: tray menu commands, sync failures, close facts, clicks.
import type { MenuItemConstructorOptions } from 'electron';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { appIconPath, composeNotifications } from '../../../main/compose-notifications';
import type { NotificationLike } from '../../../main/electron/notification-adapter';
import type { TrayClassLike, TrayLike } from '../../../main/electron/tray-adapter';
import { INITIAL_SYNC_STATUS } from '../../../shared/sync/engine/sync-status';
import type { SyncStatus } from '../../../shared/sync/engine/sync-status';

function setup(options: { trayFails?: boolean; noWindow?: boolean } = {}) {
  const menus: MenuItemConstructorOptions[][] = [];
  const tray: TrayLike & { tooltip: string } = {
    tooltip: '',
    setToolTip(text) {
      this.tooltip = text;
    },
    setContextMenu: vi.fn(),
    on: vi.fn(),
    destroy: vi.fn(),
  };
  const Tray = function FakeTray(_image: string): TrayLike {
    if (options.trayFails) throw new Error('no tray here');
    return tray;
  } as unknown as TrayClassLike;
  const shown: string[] = [];
  const clicks: (() => void)[] = [];
  class Notification implements NotificationLike {
    static isSupported = () => true;
    constructor(private readonly options: { title?: string }) {}
    on(event: string, listener: () => void) {
      if (event === 'click') clicks.push(listener);
    }
    show = () => void shown.push(this.options.title ?? '');
  }
  let status: SyncStatus = INITIAL_SYNC_STATUS;
  const sync = { status: () => status, syncNow: vi.fn() };
  const sent: [string, unknown][] = [];
  const page = { isDestroyed: () => false, send: (channel: string, payload: unknown) => void sent.push([channel, payload]) };
  const showWindow = vi.fn();
  const quit = vi.fn();
  const warn = vi.fn();
  const composed = composeNotifications({
    userDataDir: mkdtempSync(join(tmpdir(), 'lantern-notify-')),
    platform: 'linux',
    iconPath: '/app/icon.png',
    Notification,
    Tray,
    Menu: { buildFromTemplate: (template) => (menus.push(template), template) },
    sync,
    currentPage: () => (options.noWindow ? null : page),
    showWindow,
    quit,
    warn,
  });
  const click = (label: RegExp) => {
    const item = menus.at(-1)?.find((entry) => typeof entry.label === 'string' && label.test(entry.label));
    if (!item?.click) throw new Error(`no menu item ${String(label)}`);
    (item.click as () => void)();
  };
  return { composed, tray, menus, click, sync, setStatus: (next: SyncStatus) => (status = next), sent, showWindow, quit, shown, clicks, warn };
}

describe('composeNotifications', () => {
  it('creates the tray with Open, Sync now, Pause and Quit that run the right commands', async () => {
    const { composed, click, sync, quit, showWindow, tray } = setup();
    await composed.start();
    expect(tray.tooltip).toContain('Lantern');
    click(/^Open Lantern/);
    expect(showWindow).toHaveBeenCalled();
    click(/^Sync now/);
    expect(sync.syncNow).toHaveBeenCalled();
    click(/^Pause notifications/);
    await vi.waitFor(() => expect(composed.service.getSettings().paused).toBe(true));
    await vi.waitFor(() => expect(tray.tooltip).toContain('notifications paused'));
    click(/^Quit/);
    expect(quit).toHaveBeenCalled();
    composed.stop();
    expect(tray.destroy).toHaveBeenCalled();
  });

  it('hides on close only while a tray exists and the app is not quitting', async () => {
    const withTray = setup();
    expect(withTray.composed.closeFacts(false)).toEqual({ closeToTray: true, quitting: false, trayAvailable: true });
    const noTray = setup({ trayFails: true });
    expect(noTray.composed.tray).toBeNull();
    expect(noTray.composed.closeFacts(false).trayAvailable).toBe(false);
    expect(noTray.warn).toHaveBeenCalledWith(expect.stringMatching(/no tray icon/));
  });

  it('reports a sync failure that needs a person once, pushes the centre to the page and opens the incident on click', async () => {
    const { composed, setStatus, sent, shown, clicks, showWindow } = setup();
    await composed.start();
    const failing: SyncStatus = { ...INITIAL_SYNC_STATUS, state: 'failing', lastError: { kind: 'revoked', message: 'This device was removed at HQ.' } };
    setStatus(failing);
    composed.onSyncStatus(failing);
    composed.onSyncStatus(failing);
    await vi.waitFor(() => expect(shown).toEqual(['Sync needs you']), { timeout: 5_000 });
    const changed = sent.filter(([channel]) => channel === 'notifications:changed');
    expect(changed.at(-1)?.[1]).toMatchObject({ unread: 1 });
    // Clicking the notification marks it read, brings the window back and tells the page what to show.
    clicks[0]?.();
    expect(showWindow).toHaveBeenCalled();
    expect(sent).toContainEqual(['notifications:open', { incidentId: null }]);
    expect(composed.service.list().unread).toBe(0);
    composed.stop();
  });
});

describe('appIconPath', () => {
  it('reads resources/icon.png when packaged and build/icon.png in development', () => {
    expect(appIconPath({ isPackaged: true, appPath: '/x/app.asar', resourcesPath: '/x' })).toBe(join('/x', 'icon.png'));
    expect(appIconPath({ isPackaged: false, appPath: '/repo', resourcesPath: undefined })).toBe(join('/repo', 'build', 'icon.png'));
  });

  it('a notification clicked while no window is open: a window opens and its page is told the incident when it asks, once', async () => {
    const { composed, sent, clicks, showWindow } = setup({ noWindow: true });
    await composed.start();
    await composed.service.report([{ id: 'esc-1', kind: 'escalation', incidentId: '0190a000-0000-7000-8000-000000000002', incidentLabel: 'K7QM-0002 Chiller', actor: 'Ana', text: 'Escalated to facilities', priority: 2, major: false }]);
    await vi.waitFor(() => expect(clicks.length).toBeGreaterThan(0), { timeout: 5_000 });
    expect(composed.takePendingOpen()).toBeNull();
    clicks.at(-1)?.();
    expect(showWindow).toHaveBeenCalled();
    // Nobody is listening yet: nothing is sent; the page that opens asks instead.
    expect(sent.filter(([channel]) => channel === 'notifications:open')).toEqual([]);
    expect(composed.takePendingOpen()).toBe('0190a000-0000-7000-8000-000000000002');
    expect(composed.takePendingOpen()).toBeNull();
    composed.stop();
  });
});
