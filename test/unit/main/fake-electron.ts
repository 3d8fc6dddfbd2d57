// A fake `electron` module for the main-entry test: records what the composition root wires up.
import { vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  removeListener(event: string, listener: Listener): this {
    this.listeners.set(event, (this.listeners.get(event) ?? []).filter((candidate) => candidate !== listener));
    return this;
  }
  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
}

export interface FakeElectronOptions {
  readonly gotLock?: boolean;
  readonly isPackaged?: boolean;
  /** Switch names Chromium found on the command line (app.commandLine.hasSwitch). */
  readonly switches?: readonly string[];
}

export function createFakeElectron(options: FakeElectronOptions = {}) {
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const calls: string[] = [];

  const app = Object.assign(new Emitter(), {
    isPackaged: options.isPackaged ?? false,
    commandLine: { hasSwitch: vi.fn((name: string) => (options.switches ?? []).includes(name)) },
    enableSandbox: vi.fn(() => calls.push('enableSandbox')),
    requestSingleInstanceLock: vi.fn(() => options.gotLock ?? true),
    quit: vi.fn(),
    exit: vi.fn(),
    whenReady: vi.fn(() => ready),
    getPath: vi.fn(() => '/tmp/lantern-user-data'),
    getAppPath: () => '/tmp/lantern-app',
    setAppUserModelId: vi.fn(),
    getName: () => 'Lantern',
    getVersion: () => '0.1.0',
  });

  class BrowserWindow extends Emitter {
    static readonly instances: BrowserWindow[] = [];
    static getAllWindows = (): BrowserWindow[] => BrowserWindow.instances.filter((window) => !window.destroyed);
    destroyed = false;
    minimized = false;
    readonly show = vi.fn();
    readonly hide = vi.fn();
    readonly focus = vi.fn();
    readonly restore = vi.fn();
    readonly loadURL = vi.fn(async (_url: string) => undefined);
    readonly webContents = Object.assign(new Emitter(), { id: BrowserWindow.instances.length + 1, isDestroyed: () => false, send: vi.fn(), reload: vi.fn() });
    constructor(readonly options: Record<string, unknown>) {
      super();
      calls.push('new BrowserWindow');
      BrowserWindow.instances.push(this);
    }
    isDestroyed = (): boolean => this.destroyed;
    isMinimized = (): boolean => this.minimized;
  }

  const ipcHandlers = new Map<string, Listener>();
  const ipcMain = {
    handle: vi.fn((channel: string, listener: Listener) => ipcHandlers.set(channel, listener)),
    removeHandler: vi.fn((channel: string) => ipcHandlers.delete(channel)),
  };

  const protocolHandlers = new Map<string, Listener>();
  const protocol = {
    registerSchemesAsPrivileged: vi.fn(() => calls.push('registerSchemesAsPrivileged')),
    handle: vi.fn((scheme: string, handler: Listener) => protocolHandlers.set(scheme, handler)),
  };

  const defaultSession = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    webRequest: { onHeadersReceived: vi.fn() },
  };

  /** Notifications and the tray: unsupported here, and a tray that records its menu. */
  class Notification extends Emitter {
    static isSupported = (): boolean => false;
    readonly show = vi.fn();
  }
  class Tray extends Emitter {
    static readonly instances: Tray[] = [];
    readonly setToolTip = vi.fn();
    readonly setContextMenu = vi.fn();
    readonly destroy = vi.fn();
    constructor(readonly image: string) {
      super();
      Tray.instances.push(this);
    }
  }
  const Menu = { buildFromTemplate: vi.fn((template: unknown[]) => ({ template })), setApplicationMenu: vi.fn() };

  const dialog = { showMessageBox: vi.fn(async () => ({ response: 0 })), showErrorBox: vi.fn() };

  const module = {
    dialog,
    Notification,
    Tray,
    Menu,
    app,
    BrowserWindow,
    ipcMain,
    nativeTheme: { shouldUseDarkColors: false },
    protocol,
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (text: string) => Buffer.from(text),
      decryptString: (buffer: Buffer) => buffer.toString(),
      getSelectedStorageBackend: () => 'basic_text',
    },
    session: { defaultSession },
    shell: { openExternal: vi.fn(async () => undefined) },
    // The sync service: no network in these tests, and no power events unless a test emits them.
    net: { fetch: vi.fn(async () => Promise.reject(new TypeError('no network in tests'))), isOnline: () => false },
    powerMonitor: new Emitter(),
  };

  return { module, calls, ipcHandlers, protocolHandlers, defaultSession, markReady, Tray };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
