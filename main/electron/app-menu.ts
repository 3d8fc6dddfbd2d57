// The packaged app's menu: editing, zoom, window and quit items, with no reload or DevTools entries.
import type { MenuItemConstructorOptions } from 'electron';

export interface AppMenuLike {
  buildFromTemplate(template: MenuItemConstructorOptions[]): unknown;
  setApplicationMenu(menu: unknown): void;
}

/**
 * Every platform keeps a menu, not only macOS: its roles carry the keyboard shortcuts. Editing (Cmd+C/V on macOS)
 * and zoom (Ctrl/Cmd +, −, 0, which people with small or distant screens rely on) only work through menu items,
 * and Ctrl+Q quits on Linux. The bar itself stays hidden on Windows and Linux (autoHideMenuBar; Alt shows it).
 * Electron's default View menu is what is left out: it reloads the page (dropping the local database's connection
 * mid-sync) and opens DevTools.
 */
export function appMenuTemplate(platform: string): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  return [
    ...(mac ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' }, // Close on macOS, Quit elsewhere
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    { role: 'windowMenu' },
  ];
}

/** Replaces Electron's default menu (which has "Toggle Developer Tools" and "Reload") in the packaged app. */
export function installAppMenu(Menu: AppMenuLike, platform: string): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(platform)));
}
