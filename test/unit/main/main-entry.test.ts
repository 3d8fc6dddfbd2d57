// The composition root (main/index.ts) run against a fake electron module: what it wires, and in which order.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INVOKE_CHANNELS } from '../../../shared/ipc/channels';
import { createFakeElectron, type FakeElectron } from './fake-electron';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

async function startMain(options: Parameters<typeof createFakeElectron>[0] = {}): Promise<FakeElectron> {
  const fake = createFakeElectron(options);
  // A fresh module graph per scenario: main/index.ts does its wiring at import time.
  vi.resetModules();
  vi.doMock('electron', () => fake.module);
  await import('../../../main/index');
  return fake;
}

async function startReady(options: Parameters<typeof createFakeElectron>[0] = {}): Promise<FakeElectron> {
  const fake = await startMain(options);
  fake.markReady();
  await flush();
  return fake;
}

const appEvent = { senderFrame: { url: 'app://lantern/index.html', parent: null } };

beforeEach(() => {
  vi.stubEnv('ELECTRON_RENDERER_URL', undefined as unknown as string);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('before ready', () => {
  it('sandboxes renderers and registers the privileged scheme before anything else', async () => {
    const fake = await startMain();
    expect(fake.calls).toEqual(['enableSandbox', 'registerSchemesAsPrivileged']);
    expect(fake.module.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
    expect(fake.module.protocol.handle).not.toHaveBeenCalled();
  });

  it('quits without a window when another instance runs', async () => {
    const fake = await startMain({ gotLock: false });
    fake.markReady();
    await flush();
    expect(fake.module.app.quit).toHaveBeenCalled();
    expect(fake.module.app.whenReady).not.toHaveBeenCalled();
    expect(fake.module.BrowserWindow.instances).toHaveLength(0);
    expect(fake.ipcHandlers.size).toBe(0);
  });
});

describe('a debugging switch on the command line', () => {
  let argv: string[];
  beforeEach(() => {
    argv = process.argv;
    process.argv = ['/opt/Lantern/lantern', '--remote-debugging-port=9222'];
  });
  afterEach(() => {
    process.argv = argv;
  });

  it('stops a packaged app before anything is set up, says why and exits non-zero', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const fake = await startMain({ isPackaged: true, switches: ['remote-debugging-port'] });
      fake.markReady();
      await flush();
      expect(fake.module.app.exit).toHaveBeenCalledWith(expect.any(Number));
      expect(fake.module.app.exit.mock.calls[0]?.[0]).not.toBe(0);
      expect(String(stderr.mock.calls[0]?.[0])).toMatch(/launched with --remote-debugging-port/);
      expect(fake.calls).toEqual([]);
      expect(fake.module.app.requestSingleInstanceLock).not.toHaveBeenCalled();
      expect(fake.module.app.whenReady).not.toHaveBeenCalled();
      expect(fake.module.BrowserWindow.instances).toHaveLength(0);
      expect(fake.ipcHandlers.size).toBe(0);
    } finally {
      stderr.mockRestore();
    }
  });

  it('lets a development run start as usual', async () => {
    const fake = await startReady({ isPackaged: false, switches: ['remote-debugging-port'] });
    expect(fake.module.app.exit).not.toHaveBeenCalled();
    expect(fake.module.BrowserWindow.instances).toHaveLength(1);
  });
});

describe('after ready', () => {
  it('serves app://, hardens the session, registers IPC and opens one hardened window', async () => {
    const fake = await startReady();
    expect([...fake.protocolHandlers.keys()]).toEqual(['app']);
    expect(fake.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(fake.defaultSession.setPermissionCheckHandler).toHaveBeenCalled();
    expect(fake.defaultSession.webRequest.onHeadersReceived).not.toHaveBeenCalled();
    expect([...fake.ipcHandlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());

    const [window] = fake.module.BrowserWindow.instances;
    expect(fake.module.BrowserWindow.instances).toHaveLength(1);
    expect(window?.options['webPreferences']).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(String((window?.options['webPreferences'] as { preload: string }).preload)).toMatch(/out[\\/]preload[\\/]index\.cjs$|preload[\\/]index\.cjs$/);
    expect(window?.loadURL).toHaveBeenCalledWith('app://lantern/index.html');
  });

  it('answers IPC from the app page and refuses a foreign one', async () => {
    const fake = await startReady();
    const info = fake.ipcHandlers.get('app:info');
    await expect(info?.(appEvent)).resolves.toMatchObject({ name: 'Lantern', version: '0.1.0', isPackaged: false });
    await expect(info?.({ senderFrame: { url: 'https://evil.example/', parent: null } })).rejects.toThrow(/not the Lantern app page/);
    await expect(fake.ipcHandlers.get('secrets:status')?.(appEvent)).resolves.toEqual({
      available: true,
      backend: 'basic_text',
      plainTextFallback: true,
    });
  });

  it('opens only safe links through shell:open-external', async () => {
    const fake = await startReady();
    const open = fake.ipcHandlers.get('shell:open-external');
    await expect(open?.(appEvent, 'javascript:alert(1)')).resolves.toMatchObject({ opened: false });
    await expect(open?.(appEvent, 'https://example.com/')).resolves.toEqual({ opened: true });
    expect(fake.module.shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('hardens every new webContents', async () => {
    const fake = await startReady();
    const contents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
    fake.module.app.emit('web-contents-created', {}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
    expect(contents.on.mock.calls.map(([event]) => event)).toEqual(
      expect.arrayContaining(['will-navigate', 'will-redirect', 'will-attach-webview']),
    );
  });

  it('focuses the existing window on a second launch and via window:focus', async () => {
    const fake = await startReady();
    const [window] = fake.module.BrowserWindow.instances;
    if (!window) throw new Error('no window');
    window.minimized = true;
    fake.module.app.emit('second-instance');
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalledTimes(1);
    await expect(fake.ipcHandlers.get('window:focus')?.(appEvent)).resolves.toEqual({ focused: true });
  });

  it('quits when all windows close (except on macOS) and reopens on activate', async () => {
    const fake = await startReady();
    const [window] = fake.module.BrowserWindow.instances;
    if (!window) throw new Error('no window');
    window.destroyed = true;
    window.emit('closed');
    fake.module.app.emit('window-all-closed');
    if (process.platform === 'darwin') expect(fake.module.app.quit).not.toHaveBeenCalled();
    else expect(fake.module.app.quit).toHaveBeenCalled();
    fake.module.app.emit('activate');
    expect(fake.module.BrowserWindow.getAllWindows()).toHaveLength(1);
    await expect(fake.ipcHandlers.get('window:focus')?.(appEvent)).resolves.toEqual({ focused: true });
  });
});

describe('a crashed or hung page', () => {
  it('reloads the window after its page crashes, and asks before reloading a hung one', async () => {
    const fake = await startReady();
    const [window] = fake.module.BrowserWindow.instances;
    if (!window) throw new Error('no window');
    window.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: -1 });
    expect(window.webContents.reload).toHaveBeenCalledTimes(1);

    fake.module.dialog.showMessageBox.mockResolvedValueOnce({ response: 1 });
    window.webContents.emit('unresponsive');
    await flush();
    expect(fake.module.dialog.showMessageBox).toHaveBeenCalledWith(window, expect.objectContaining({ buttons: ['Wait', 'Reload window'] }));
    expect(window.webContents.reload).toHaveBeenCalledTimes(2);
  });
});

describe('tray and close-to-tray', () => {
  it('puts Lantern in the tray and hides the window on close until the app quits', async () => {
    const fake = await startReady();
    expect(fake.Tray.instances).toHaveLength(1);
    expect(fake.Tray.instances[0]?.image).toMatch(/build[\\/]icon\.png$/);
    const [window] = fake.module.BrowserWindow.instances;
    if (!window) throw new Error('no window');
    const closing = { preventDefault: vi.fn() };
    window.emit('close', closing);
    expect(closing.preventDefault).toHaveBeenCalled();
    expect(window.hide).toHaveBeenCalled();
    fake.module.app.emit('before-quit');
    const quitting = { preventDefault: vi.fn() };
    window.emit('close', quitting);
    expect(quitting.preventDefault).not.toHaveBeenCalled();
    expect(fake.Tray.instances[0]?.destroy).toHaveBeenCalled();
  });
});

describe('dev server', () => {
  it('loads the loopback dev URL when unpackaged and injects the CSP there', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173');
    const fake = await startReady({ isPackaged: false });
    expect(fake.module.BrowserWindow.instances[0]?.loadURL).toHaveBeenCalledWith('http://localhost:5173');
    expect(fake.defaultSession.webRequest.onHeadersReceived).toHaveBeenCalled();
    const devEvent = { senderFrame: { url: 'http://localhost:5173/', parent: null } };
    await expect(fake.ipcHandlers.get('app:info')?.(devEvent)).resolves.toMatchObject({ name: 'Lantern' });
  });

  it('ignores the variable in a packaged app', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173');
    const fake = await startReady({ isPackaged: true });
    expect(fake.module.BrowserWindow.instances[0]?.loadURL).toHaveBeenCalledWith('app://lantern/index.html');
    const devEvent = { senderFrame: { url: 'http://localhost:5173/', parent: null } };
    await expect(fake.ipcHandlers.get('app:info')?.(devEvent)).rejects.toThrow(/not the Lantern app page/);
  });
});

describe('DevTools in production', () => {
  const devTools = (fake: FakeElectron) => (fake.module.BrowserWindow.instances[0]?.options['webPreferences'] as { devTools?: boolean }).devTools;

  it('a packaged app opens its window with devTools disabled and replaces the default menu', async () => {
    const fake = await startReady({ isPackaged: true });
    expect(devTools(fake)).toBe(false);
    expect(fake.module.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
    const [menu] = fake.module.Menu.setApplicationMenu.mock.calls[0] ?? [];
    expect(JSON.stringify(menu)).not.toMatch(/toggleDevTools|reload|viewMenu/i);
  });

  it('an unpackaged (developer) run keeps DevTools and Electron\'s default menu', async () => {
    const fake = await startReady({ isPackaged: false });
    expect(devTools(fake)).toBe(true);
    expect(fake.module.Menu.setApplicationMenu).not.toHaveBeenCalled();
  });
});

describe('Windows notifications', () => {
  const appIdOfInstaller = (): string => {
    const yml = readFileSync(join(__dirname, '../../../electron-builder.yml'), 'utf8');
    const id = /^appId:\s*(\S+)\s*$/m.exec(yml)?.[1];
    if (!id) throw new Error('electron-builder.yml has no appId');
    return id;
  };

  it("sets the AppUserModelId to the installer's appId on Windows (without it, Windows shows no notifications)", async () => {
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    Object.defineProperty(process, 'platform', { value: 'win32' });
    try {
      const fake = await startMain();
      expect(fake.module.app.setAppUserModelId).toHaveBeenCalledWith(appIdOfInstaller());
    } finally {
      Object.defineProperty(process, 'platform', platform);
    }
  });

  it('leaves it alone elsewhere', async () => {
    const fake = await startMain();
    expect(fake.module.app.setAppUserModelId).not.toHaveBeenCalled();
  });
});
