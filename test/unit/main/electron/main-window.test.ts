// createMainWindow with a fake BrowserWindow: hardened webPreferences, show on ready-to-show, themed background.
import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { createMainWindow, mainWindowOptions, WINDOW_BACKGROUND, type MainWindowLike } from '../../../../main/electron/main-window';

class FakeBrowserWindow implements MainWindowLike {
  static created: FakeBrowserWindow[] = [];
  readonly once = vi.fn((event: 'ready-to-show', listener: () => void) => {
    this.readyListeners.push(listener);
    return this;
  });
  readonly show = vi.fn();
  readonly loadURL = vi.fn(async (_url: string) => undefined);
  readonly readyListeners: (() => void)[] = [];

  constructor(readonly options: BrowserWindowConstructorOptions) {
    FakeBrowserWindow.created.push(this);
  }
}

describe('mainWindowOptions', () => {
  const options = mainWindowOptions({ preloadPath: '/app/out/preload/index.cjs', darkMode: false, isPackaged: true });

  it('locks down webPreferences', () => {
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: true,
    });
  });

  it('allows DevTools only when not packaged', () => {
    expect(options.webPreferences?.devTools).toBe(false);
    expect(mainWindowOptions({ preloadPath: 'p', darkMode: false, isPackaged: false }).webPreferences?.devTools).toBe(true);
  });

  it('names the window, sizes it and hides it until ready', () => {
    expect(options.title).toBe('Lantern');
    expect(options.show).toBe(false);
    expect(options.minWidth).toBeLessThanOrEqual(options.width ?? 0);
    expect(options.minHeight).toBeLessThanOrEqual(options.height ?? 0);
  });

  it('follows the system theme for the background', () => {
    expect(options.backgroundColor).toBe(WINDOW_BACKGROUND.light);
    expect(mainWindowOptions({ preloadPath: 'p', darkMode: true, isPackaged: true }).backgroundColor).toBe(WINDOW_BACKGROUND.dark);
  });
});

describe('createMainWindow', () => {
  it('loads the start URL and shows on ready-to-show only', () => {
    const window = createMainWindow({
      BrowserWindow: FakeBrowserWindow,
      nativeTheme: { shouldUseDarkColors: true },
      preloadPath: '/p.cjs',
      startUrl: 'app://lantern/index.html',
      isPackaged: true,
    });
    expect(window.options.webPreferences?.devTools).toBe(false);
    expect(window.options.backgroundColor).toBe(WINDOW_BACKGROUND.dark);
    expect(window.loadURL).toHaveBeenCalledWith('app://lantern/index.html');
    expect(window.show).not.toHaveBeenCalled();
    for (const listener of window.readyListeners) listener();
    expect(window.show).toHaveBeenCalledTimes(1);
  });

  it('reports a load failure instead of leaving an unhandled rejection', async () => {
    class FailingWindow extends FakeBrowserWindow {
      override readonly loadURL = vi.fn(async (_url: string) => Promise.reject(new Error('ERR_FILE_NOT_FOUND')));
    }
    const onLoadError = vi.fn();
    createMainWindow({ BrowserWindow: FailingWindow, nativeTheme: { shouldUseDarkColors: false }, preloadPath: 'p', startUrl: 'u', isPackaged: false, onLoadError });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(onLoadError).toHaveBeenCalledWith(expect.objectContaining({ message: 'ERR_FILE_NOT_FOUND' }));
  });
});
