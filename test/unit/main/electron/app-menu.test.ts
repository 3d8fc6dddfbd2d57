// The packaged app's menu: standard editing, zoom, window and quit roles; nothing that reloads or opens DevTools.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { appMenuTemplate, installAppMenu } from '../../../../main/electron/app-menu';

/** Every role in the template, submenus included. */
function roles(items: readonly MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [...(item.role ? [item.role] : []), ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])]);
}

describe('appMenuTemplate', () => {
  it.each(['darwin', 'win32', 'linux'])('on %s keeps editing, zoom and quit or close, without reload or DevTools', (platform) => {
    const found = roles(appMenuTemplate(platform));
    expect(found).toEqual(expect.arrayContaining(['fileMenu', 'editMenu', 'zoomIn', 'zoomOut', 'resetZoom', 'windowMenu']));
    for (const unwanted of ['viewMenu', 'reload', 'forceReload', 'toggleDevTools']) expect(found).not.toContain(unwanted);
  });

  it('adds the application menu (About, Hide, Quit) on macOS only', () => {
    expect(roles(appMenuTemplate('darwin'))).toContain('appMenu');
    expect(roles(appMenuTemplate('linux'))).not.toContain('appMenu');
  });
});

describe('installAppMenu', () => {
  it('builds the template and makes it the application menu', () => {
    const built = { menu: true };
    const Menu = { buildFromTemplate: vi.fn(() => built), setApplicationMenu: vi.fn() };
    installAppMenu(Menu, 'linux');
    expect(Menu.buildFromTemplate).toHaveBeenCalledWith(appMenuTemplate('linux'));
    expect(Menu.setApplicationMenu).toHaveBeenCalledWith(built);
  });
});
