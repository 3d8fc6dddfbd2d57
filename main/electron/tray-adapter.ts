// Wraps Electron's Tray and Menu: builds the tray icon and its menu from the pure tray model; clicks run commands.
import type { MenuItemConstructorOptions } from 'electron';
import { trayMenuModel, trayTooltip, type TrayCommand, type TrayState } from '../services/tray/tray-menu';

export interface TrayLike {
  setToolTip(toolTip: string): void;
  setContextMenu(menu: unknown): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface TrayClassLike {
  new (image: string): TrayLike;
}

export interface MenuFactoryLike {
  buildFromTemplate(template: MenuItemConstructorOptions[]): unknown;
}

export interface AppTrayOptions {
  readonly Tray: TrayClassLike;
  readonly Menu: MenuFactoryLike;
  readonly iconPath: string;
  readonly state: () => TrayState;
  readonly commands: Readonly<Record<TrayCommand, () => void>>;
  readonly onError?: (error: unknown) => void;
}

export interface AppTray {
  /** Rebuilds menu and tooltip from the current state (call after sync, pause or unread changes). */
  refresh(): void;
  destroy(): void;
}

/** null when the desktop has no tray (then closing the window must really close it; see decideWindowClose). */
export function createAppTray(options: AppTrayOptions): AppTray | null {
  let tray: TrayLike;
  try {
    tray = new options.Tray(options.iconPath);
  } catch (error) {
    options.onError?.(error);
    return null;
  }
  const refresh = () => {
    const state = options.state();
    const template: MenuItemConstructorOptions[] = [];
    for (const item of trayMenuModel(state)) {
      if (item.command === 'quit') template.push({ type: 'separator' });
      template.push({
        label: item.label,
        enabled: item.enabled,
        ...(item.checked === undefined ? {} : { type: 'checkbox' as const, checked: item.checked }),
        click: () => options.commands[item.command](),
      });
    }
    tray.setContextMenu(options.Menu.buildFromTemplate(template));
    tray.setToolTip(trayTooltip(state));
  };
  // Windows and most Linux trays: a left click opens the window; the menu is on right click.
  tray.on('click', () => options.commands.open());
  refresh();
  return { refresh, destroy: () => tray.destroy() };
}
