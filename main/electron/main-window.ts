// Creates the one hardened application window (sandboxed, isolated, preload bridge only).
import type { BrowserWindowConstructorOptions } from 'electron';

// Matches --bg in renderer/styles/app.css so the window does not flash another colour before the page paints.
export const WINDOW_BACKGROUND = { dark: '#12161c', light: '#f4f5f7' } as const;

export interface MainWindowLike {
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
  loadURL(url: string): Promise<void>;
}

export type BrowserWindowFactory<W extends MainWindowLike> = new (options: BrowserWindowConstructorOptions) => W;

export function mainWindowOptions(options: { preloadPath: string; darkMode: boolean; isPackaged: boolean }): BrowserWindowConstructorOptions {
  return {
    title: 'Lantern',
    width: 1280,
    height: 820,
    minWidth: 880,
    minHeight: 560,
    show: false, // shown on ready-to-show, so the user never sees a blank flash
    backgroundColor: options.darkMode ? WINDOW_BACKGROUND.dark : WINDOW_BACKGROUND.light,
    autoHideMenuBar: true,
    webPreferences: {
      preload: options.preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
      // DevTools can read the device's data and call the bridge: developers only, never in the packaged app.
      devTools: !options.isPackaged,
    },
  };
}

export interface CreateMainWindowOptions<W extends MainWindowLike> {
  readonly BrowserWindow: BrowserWindowFactory<W>;
  readonly nativeTheme: { readonly shouldUseDarkColors: boolean };
  readonly preloadPath: string;
  readonly startUrl: string;
  /** `app.isPackaged`: a packaged app opens no DevTools. */
  readonly isPackaged: boolean;
  readonly onLoadError?: (error: unknown) => void;
}

export function createMainWindow<W extends MainWindowLike>(options: CreateMainWindowOptions<W>): W {
  const window = new options.BrowserWindow(
    mainWindowOptions({ preloadPath: options.preloadPath, darkMode: options.nativeTheme.shouldUseDarkColors, isPackaged: options.isPackaged }),
  );
  window.once('ready-to-show', () => window.show());
  window.loadURL(options.startUrl).catch((error: unknown) => options.onLoadError?.(error));
  return window;
}
