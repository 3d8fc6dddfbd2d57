// Tray: the pure menu model, the close-to-tray policy, and the Electron adapters with injected fake Tray/Menu/window.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { hideOnClose, trackQuitting } from '../../../../../main/electron/close-to-tray';
import { createAppTray, type TrayLike } from '../../../../../main/electron/tray-adapter';
import { decideWindowClose } from '../../../../../main/services/tray/close-policy';
import { trayMenuModel, trayTooltip, type TrayState } from '../../../../../main/services/tray/tray-menu';

const idle: TrayState = { paused: false, syncing: false, unread: 0, syncSummary: 'Last sync 10:42' };

describe('tray menu model', () => {
  it('offers Open, Sync now, Pause notifications and Quit, reflecting the state', () => {
    expect(trayMenuModel(idle).map((i) => i.label)).toEqual(['Open Lantern', 'Sync now', 'Pause notifications', 'Quit Lantern']);
    const busy = trayMenuModel({ ...idle, syncing: true, paused: true, unread: 3 });
    expect(busy[0]!.label).toBe('Open Lantern (3 unread)');
    expect(busy[1]).toMatchObject({ label: 'Syncing…', enabled: false });
    expect(busy[2]).toMatchObject({ command: 'toggle-pause', checked: true });
    expect(trayTooltip({ ...idle, unread: 2, paused: true })).toBe('Lantern · Last sync 10:42 · 2 unread · notifications paused');
  });
});

describe('decideWindowClose', () => {
  it('hides to the tray only when the setting is on, the app is not quitting and a tray exists', () => {
    expect(decideWindowClose({ closeToTray: true, quitting: false, trayAvailable: true })).toBe('hide');
    expect(decideWindowClose({ closeToTray: false, quitting: false, trayAvailable: true })).toBe('close');
    expect(decideWindowClose({ closeToTray: true, quitting: true, trayAvailable: true })).toBe('close');
    expect(decideWindowClose({ closeToTray: true, quitting: false, trayAvailable: false })).toBe('close');
  });
});

function fakeTray() {
  const made: FakeTray[] = [];
  class FakeTray implements TrayLike {
    menu: unknown = null;
    tooltip = '';
    readonly clicks: (() => void)[] = [];
    readonly destroy = vi.fn();
    constructor(readonly image: string) {
      made.push(this);
    }
    setToolTip(t: string) {
      this.tooltip = t;
    }
    setContextMenu(menu: unknown) {
      this.menu = menu;
    }
    on(_event: 'click', listener: () => void) {
      this.clicks.push(listener);
    }
  }
  const Menu = { buildFromTemplate: (template: MenuItemConstructorOptions[]) => ({ template }) };
  return { FakeTray, Menu, made };
}

describe('createAppTray', () => {
  it('builds the menu from the model; items and a left click run the commands; refresh follows the state', () => {
    const { FakeTray, Menu, made } = fakeTray();
    let state = idle;
    const commands = { open: vi.fn(), 'sync-now': vi.fn(), 'toggle-pause': vi.fn(() => (state = { ...state, paused: !state.paused })), quit: vi.fn() };
    const tray = createAppTray({ Tray: FakeTray, Menu, iconPath: '/icon.png', state: () => state, commands })!;
    const template = () => (made[0]!.menu as { template: MenuItemConstructorOptions[] }).template.filter((i) => i.type !== 'separator');
    expect(made[0]!.image).toBe('/icon.png');
    expect(template().map((i) => i.label)).toEqual(['Open Lantern', 'Sync now', 'Pause notifications', 'Quit Lantern']);
    template()[2]!.click!({} as never, undefined, {} as never);
    expect(commands['toggle-pause']).toHaveBeenCalledTimes(1);
    tray.refresh();
    expect(template()[2]).toMatchObject({ type: 'checkbox', checked: true });
    expect(made[0]!.tooltip).toContain('notifications paused');
    template()[3]!.click!({} as never, undefined, {} as never);
    expect(commands.quit).toHaveBeenCalledTimes(1);
    made[0]!.clicks.forEach((c) => c());
    expect(commands.open).toHaveBeenCalledTimes(1);
    tray.destroy();
    expect(made[0]!.destroy).toHaveBeenCalled();
  });

  it('returns null when the desktop has no tray', () => {
    class NoTray {
      constructor() {
        throw new Error('no status notifier');
      }
    }
    const onError = vi.fn();
    const tray = createAppTray({ Tray: NoTray as never, Menu: { buildFromTemplate: () => null }, iconPath: '/i', state: () => idle, commands: { open: vi.fn(), 'sync-now': vi.fn(), 'toggle-pause': vi.fn(), quit: vi.fn() }, onError });
    expect(tray).toBeNull();
    expect(onError).toHaveBeenCalledTimes(1);
  });
});

describe('hideOnClose', () => {
  it('hides instead of closing until the app quits', () => {
    const appListeners: (() => void)[] = [];
    const isQuitting = trackQuitting({ on: (_e, l) => appListeners.push(l) });
    let onClose: (event: { preventDefault(): void }) => void = () => undefined;
    const window = { on: (_e: 'close', l: typeof onClose) => (onClose = l), hide: vi.fn() };
    hideOnClose(window, () => ({ closeToTray: true, quitting: isQuitting(), trayAvailable: true }));
    const first = { preventDefault: vi.fn() };
    onClose(first);
    expect(first.preventDefault).toHaveBeenCalled();
    expect(window.hide).toHaveBeenCalledTimes(1);
    appListeners.forEach((l) => l());
    const second = { preventDefault: vi.fn() };
    onClose(second);
    expect(second.preventDefault).not.toHaveBeenCalled();
    expect(window.hide).toHaveBeenCalledTimes(1);
  });
});
