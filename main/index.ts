// Lantern's Electron main process: the composition root that wires scheme, single instance, session, IPC and window.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, nativeTheme, protocol, safeStorage, session, shell } from 'electron';
import { resolveBuildPaths } from './app-paths';
import { registerAppScheme, serveAppProtocol } from './electron/app-protocol';
import { focusWindow } from './electron/focus-window';
import { hardenSession } from './electron/harden-session';
import { hardenWebContents } from './electron/harden-web-contents';
import { createMainWindow } from './electron/main-window';
import { claimSingleInstance } from './electron/single-instance';
import { createCoreHandlers } from './ipc/core-handlers';
import { registerIpcHandlers } from './ipc/register-ipc-handlers';
import { CONTENT_SECURITY_POLICY, devContentSecurityPolicy } from './security/csp';
import { openExternalSafely } from './security/external-url';
import { resolveRendererTarget } from './security/renderer-target';
import { readAppInfo } from './services/app-info';
import { fileSecretPersistence } from './services/secrets/file-persistence';
import { SecretStore } from './services/secrets/secret-store';

const paths = resolveBuildPaths(dirname(fileURLToPath(import.meta.url)));
const target = resolveRendererTarget({
  isPackaged: app.isPackaged,
  devServerUrl: process.env['ELECTRON_RENDERER_URL'],
});
const openExternal = (url: string) => openExternalSafely(shell, url);

let mainWindow: BrowserWindow | null = null;

function openMainWindow(): void {
  mainWindow = createMainWindow({
    BrowserWindow,
    nativeTheme,
    preloadPath: paths.preload,
    startUrl: target.startUrl,
    onLoadError: (error) => console.error('Lantern: the window failed to load', error),
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

function start(): void {
  serveAppProtocol(protocol, { rootDir: paths.rendererRoot });
  hardenSession(session.defaultSession, {
    allowedOrigins: target.allowedOrigins,
    devOrigin: target.devOrigin,
    csp: target.devOrigin === null ? CONTENT_SECURITY_POLICY : devContentSecurityPolicy(target.devOrigin),
  });

  // safeStorage is usable only after `ready`, so the store is built here.
  const secrets = new SecretStore({
    safeStorage,
    persistence: fileSecretPersistence(join(app.getPath('userData'), 'secrets.json')),
    platform: process.platform,
  });
  registerIpcHandlers(
    ipcMain,
    createCoreHandlers({
      appInfo: () => readAppInfo(app, process),
      openExternal,
      secretsStatus: () => secrets.status(),
      focusMainWindow: () => focusWindow(mainWindow),
    }),
    { allowedOrigins: target.allowedOrigins },
  );

  openMainWindow();
  // macOS: clicking the dock icon with no window open reopens one.
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openMainWindow();
  });
}

// Renderers are sandboxed even if some future window forgets to ask for it.
app.enableSandbox();
// Privileged schemes must be declared before `ready`.
registerAppScheme(protocol);

if (claimSingleInstance(app, () => focusWindow(mainWindow))) {
  // Every webContents, including any we did not create ourselves, gets the navigation guards.
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, { allowedOrigins: target.allowedOrigins, openExternal });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('Lantern failed to start', error);
      app.exit(1);
    });
}
