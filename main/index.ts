// Lantern's Electron main process: the composition root that wires scheme, single instance, session, IPC and window.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, net, Notification, powerMonitor, protocol, safeStorage, session, shell, Tray } from 'electron';
import { resolveBuildPaths } from './app-paths';
import { appIconPath, composeNotifications, type NotificationComposition } from './compose-notifications';
import { composeServices, type Services } from './compose-services';
import { installAppMenu } from './electron/app-menu';
import { registerAppScheme, serveAppProtocol } from './electron/app-protocol';
import { hideOnClose, trackQuitting } from './electron/close-to-tray';
import { focusWindow } from './electron/focus-window';
import { hardenSession } from './electron/harden-session';
import { hardenWebContents } from './electron/harden-web-contents';
import { checkLaunchSwitches } from './electron/launch-switches';
import { createSenderScope } from './electron/ipc-sender-scope';
import { createMainWindow } from './electron/main-window';
import { watchReplicaPage } from './electron/replica-page-watch';
import { watchWindowRecovery } from './electron/window-recovery';
import { claimSingleInstance } from './electron/single-instance';
import { createCoreHandlers } from './ipc/core-handlers';
import { registerIpcHandlers } from './ipc/register-ipc-handlers';
import { CONTENT_SECURITY_POLICY, devContentSecurityPolicy } from './security/csp';
import { openExternalSafely } from './security/external-url';
import { resolveRendererTarget } from './security/renderer-target';
import { readAppInfo } from './services/app-info';
import { createNotificationHandlers } from './services/notifications/notification-handlers';
import { createSyncHandlers } from './services/sync/sync-handlers';

const paths = resolveBuildPaths(dirname(fileURLToPath(import.meta.url)));
const target = resolveRendererTarget({
  isPackaged: app.isPackaged,
  devServerUrl: process.env['ELECTRON_RENDERER_URL'],
});
const openExternal = (url: string) => openExternalSafely(shell, url);

let mainWindow: BrowserWindow | null = null;
let services: Services | null = null;
let notifications: NotificationComposition | null = null;
const isQuitting = trackQuitting(app);

function openMainWindow(): void {
  mainWindow = createMainWindow({
    BrowserWindow,
    nativeTheme,
    preloadPath: paths.preload,
    startUrl: target.startUrl,
    isPackaged: app.isPackaged,
    onLoadError: (error) => console.error('Lantern: the window failed to load', error),
  });
  // The local database lives in this page: replica calls to it fail at once when it closes or reloads.
  watchReplicaPage(mainWindow.webContents, (pageId) => services?.replica.detach(pageId));
  // A crashed or hung page comes back by reloading (its address keeps the open incident); the data is in IndexedDB.
  const window = mainWindow;
  watchWindowRecovery(window.webContents, {
    ask: (options) => (window.isDestroyed() ? dialog.showMessageBox(options) : dialog.showMessageBox(window, options)),
    quit: () => app.quit(),
  });
  // Closing hides to the tray (setting) so alerts keep coming; a real quit still closes it.
  hideOnClose(mainWindow, () => notifications?.closeFacts(isQuitting()) ?? { closeToTray: false, quitting: true, trayAvailable: false });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

/** Notification clicks and the tray: bring the window back, or open a new one when none is left. */
function showMainWindow(): void {
  if (!focusWindow(mainWindow)) openMainWindow();
}

function start(): void {
  if (app.isPackaged) installAppMenu(Menu, process.platform);
  serveAppProtocol(protocol, { rootDir: paths.rendererRoot });
  hardenSession(session.defaultSession, {
    allowedOrigins: target.allowedOrigins,
    devOrigin: target.devOrigin,
    csp: target.devOrigin === null ? CONTENT_SECURITY_POLICY : devContentSecurityPolicy(target.devOrigin),
  });

  // safeStorage is usable only after `ready`, so the services are built here.
  const built = composeServices({
    userDataDir: app.getPath('userData'),
    platform: process.platform,
    safeStorage,
    net,
    // HQ never redirects: a redirect would carry the device token to another address.
    fetchFile: (url, init) => net.fetch(url, { ...init, redirect: 'error' }),
    powerMonitor,
    currentPage: () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : null),
    onSyncStatus: (status) => notifications?.onSyncStatus(status),
  });
  services = built;
  const alerts = composeNotifications({
    userDataDir: app.getPath('userData'),
    platform: process.platform,
    iconPath: appIconPath({ isPackaged: app.isPackaged, appPath: app.getAppPath(), resourcesPath: process.resourcesPath }),
    Notification,
    Tray,
    Menu,
    sync: built.sync,
    currentPage: () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : null),
    showWindow: showMainWindow,
    quit: () => app.quit(),
  });
  notifications = alerts;
  const scope = createSenderScope(ipcMain);
  registerIpcHandlers(
    scope.ipcMain,
    {
      ...createCoreHandlers({
        appInfo: () => readAppInfo(app, process),
        openExternal,
        secretsStatus: () => built.secrets.status(),
        focusMainWindow: () => focusWindow(mainWindow),
      }),
      ...createSyncHandlers({ service: built.sync, replica: built.replica, currentSender: scope.currentSender }),
      ...createNotificationHandlers(alerts.service, () => alerts.takePendingOpen()),
    },
    { allowedOrigins: target.allowedOrigins },
  );
  built.sync.start().catch((error: unknown) => console.error('Lantern: the sync service failed to start', error));
  alerts.start().catch((error: unknown) => console.error('Lantern: the notification service failed to start', error));
  app.on('before-quit', () => {
    built.sync.stop();
    alerts.stop();
  });

  openMainWindow();
  // macOS: clicking the dock icon with no window open reopens one.
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openMainWindow();
  });
}

/** Everything before `ready`, once the launch is allowed. */
function boot(): void {
  // Renderers are sandboxed even if some future window forgets to ask for it.
  app.enableSandbox();
  // Privileged schemes must be declared before `ready`.
  registerAppScheme(protocol);
  // Windows shows notifications only for an app with an AppUserModelId (the installer's shortcut carries the same id).
  if (process.platform === 'win32') app.setAppUserModelId('org.lantern.desk');
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
}

// First of all: a packaged Lantern launched with a debugging switch says why it will not run and exits.
if (
  checkLaunchSwitches(app, {
    argv: process.argv,
    platform: process.platform,
    writeError: (text) => process.stderr.write(text),
    showErrorBox: (title, content) => dialog.showErrorBox(title, content),
  })
) {
  boot();
}
