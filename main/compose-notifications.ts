// Builds the notification service, the tray and the close-to-tray facts from Electron adapters passed in by main/index.ts.
import { join } from 'node:path';
import { createElectronNotifier, type NotificationClassLike } from './electron/notification-adapter';
import { createAppTray, type AppTray, type MenuFactoryLike, type TrayClassLike } from './electron/tray-adapter';
import { sendEvent, type EventTargetLike } from './ipc/event-sender';
import { folderSchedulerStore } from './services/notifications/notification-state-store';
import { fileSecretPersistence } from './services/secrets/file-persistence';
import type { CloseFacts } from './services/tray/close-policy';
import type { TrayState } from './services/tray/tray-menu';
import { SEED_SLA_POLICIES } from '../shared/domain';
import { createNotificationService, type CentreSummary } from '../shared/notifications/notification-service';
import { syncFailureActivity } from '../shared/notifications/sync-alerts';
import type { SchedulerClock } from '../shared/notifications/types';
import type { SyncStatus } from '../shared/sync/engine/sync-status';

export interface NotificationCompositionDeps {
  readonly userDataDir: string;
  readonly platform: string;
  /** The app icon: shown by notifications (Linux, Windows) and as the tray icon. */
  readonly iconPath: string;
  readonly Notification: NotificationClassLike;
  readonly Tray: TrayClassLike;
  readonly Menu: MenuFactoryLike;
  readonly sync: { status(): SyncStatus; syncNow(): unknown };
  /** The main window's page, where notification events go (null while no window is open). */
  readonly currentPage: () => EventTargetLike | null;
  /** Shows and focuses the main window, opening one when none exists. */
  readonly showWindow: () => void;
  readonly quit: () => void;
  readonly warn?: (message: string) => void;
}

const clock: SchedulerClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

function syncSummary(status: SyncStatus): string {
  if (status.state === 'offline') return 'Offline';
  if (status.state === 'failing') return 'Sync failing';
  if (status.lastSuccessAt === null) return 'Not synced yet';
  const at = new Date(status.lastSuccessAt);
  return `Last sync ${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
}

export function composeNotifications(deps: NotificationCompositionDeps) {
  const warn = deps.warn ?? ((message: string) => console.warn(message));
  let tray: AppTray | null = null;
  let unread = 0;
  // A notification clicked while no window was open: the new page is not listening yet, so it asks for this instead.
  let pendingOpen: string | null = null;
  const send = (run: () => void) => {
    try {
      run();
    } catch (error) {
      warn(`Notifications: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const service = createNotificationService({
    notifier: createElectronNotifier({
      Notification: deps.Notification,
      platform: deps.platform,
      icon: deps.iconPath,
      onUnsupported: () => warn('Notifications: this desktop cannot show notifications; the in-app centre still lists them.'),
    }),
    clock,
    // A journal of changes (not the whole state rewritten on every alert shown); notifications.json of earlier versions is its first base.
    stateStore: folderSchedulerStore({ dir: join(deps.userDataDir, 'notification-state'), legacyFile: join(deps.userDataDir, 'notifications.json'), onProblem: warn }),
    settingsPersistence: fileSecretPersistence(join(deps.userDataDir, 'notification-settings.json')),
    // The policies are reference data in the page's database: the page sends them (notifications:set-policies)
    // before its first watches, so these seed tiers only stand in until then (main plans nothing without watches).
    policies: SEED_SLA_POLICIES,
    openIncident: (incidentId) => {
      const hadPage = deps.currentPage() !== null;
      deps.showWindow();
      if (hadPage) send(() => sendEvent(deps.currentPage(), 'notifications:open', { incidentId }));
      else pendingOpen = incidentId;
    },
    onCentreChanged: (summary: CentreSummary) => {
      unread = summary.unread;
      send(() => sendEvent(deps.currentPage(), 'notifications:changed', { entries: [...summary.entries], unread: summary.unread }));
      tray?.refresh();
    },
    warn,
  });

  const trayState = (): TrayState => {
    const status = deps.sync.status();
    return { paused: service.getSettings().paused, syncing: status.state === 'syncing', unread, syncSummary: syncSummary(status) };
  };
  tray = createAppTray({
    Tray: deps.Tray,
    Menu: deps.Menu,
    iconPath: deps.iconPath,
    state: trayState,
    commands: {
      open: deps.showWindow,
      'sync-now': () => void deps.sync.syncNow(),
      'toggle-pause': () => {
        service.togglePaused().then(
          () => tray?.refresh(),
          (error: unknown) => warn(`Notifications: could not save the pause (${String(error)})`),
        );
      },
      quit: deps.quit,
    },
    onError: (error) => warn(`Lantern: no tray icon on this desktop (${String(error)}); closing the window quits.`),
  });

  return {
    service,
    tray,
    /** Feed every sync status here: failures that need a person are reported once; the tray follows the state. */
    onSyncStatus(status: SyncStatus): void {
      const activity = syncFailureActivity(status);
      if (activity) service.report([activity]).catch((error: unknown) => warn(`Notifications: ${String(error)}`));
      tray?.refresh();
    },
    /** The facts hideOnClose needs, given whether the app is quitting. */
    closeFacts: (quitting: boolean): CloseFacts => ({ closeToTray: service.getSettings().closeToTray, quitting, trayAvailable: tray !== null }),
    /** The incident of a notification clicked while no window was open, once (the page that opened asks). */
    takePendingOpen(): string | null {
      const incidentId = pendingOpen;
      pendingOpen = null;
      return incidentId;
    },
    start: (): Promise<void> => service.start(),
    stop(): void {
      service.stop();
      tray?.destroy();
      tray = null;
    },
  };
}

export type NotificationComposition = ReturnType<typeof composeNotifications>;

/** The icon file: packaged apps carry it as an extra resource (electron-builder.yml), dev runs read build/. */
export function appIconPath(facts: { readonly isPackaged: boolean; readonly appPath: string; readonly resourcesPath: string | undefined }): string {
  return facts.isPackaged && facts.resourcesPath ? join(facts.resourcesPath, 'icon.png') : join(facts.appPath, 'build', 'icon.png');
}
