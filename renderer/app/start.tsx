// Start-up: open the local database, make sure this device has an identity, then render.
import { createRoot } from 'react-dom/client';
import { StrictMode } from 'react';
import { createIncidentRepository, ensureDevice, openLanternDb } from '../db';
import { newerDatabaseErrorOf } from '../db/newer-database';
import { onUpgradeProgress } from '../db/upgrade-progress';
import { watchDatabaseLoss } from '../db/database-lost';
import { useDatabaseLossStore } from '../store/database-loss-store';
import { UpgradeScreen } from './upgrade-screen';
import { createDexieFileSource } from '../db/sync-files';
import { createDexieReplica } from '../db/sync-replica';
import { clearOldSentMark } from '../host/browser-sync';
import { startNotifications } from '../features/notifications';
import { withBrowserSync } from '../host/browser-sync-host';
import { pickHost } from '../host/pick-host';
import { withRememberedLastSync } from '../host/remembered-last-sync';
import { startClockCheckRecord } from '../host/clock-check-record';
import { keepPaneInAddress } from '../store/keep-pane-in-address';
import { App } from './app';
import { ServicesProvider } from './services';
import { watchLocalSaves } from '../host/local-saves';

export async function start(container: HTMLElement): Promise<void> {
  const db = openLanternDb();
  // Opening is instant except after an update that rewrites every incident (a schema upgrade): say so, with progress.
  const upgrading = new UpgradeScreen(container);
  const slowOpen = setTimeout(() => upgrading.show(), 400);
  const stopListening = onUpgradeProgress((progress) => upgrading.update(progress));
  let deviceId: string;
  try {
    deviceId = (await ensureDevice(db)).deviceId;
  } catch (error) {
    const newer = newerDatabaseErrorOf(error);
    if (newer) showStartStatus(container, newer.message);
    else showStartStatus(container, `Lantern could not open its local database: ${error instanceof Error ? error.message : String(error)}. Close other Lantern windows and reload; if it persists, check free disk space.`);
    return;
  } finally {
    clearTimeout(slowOpen);
    stopListening();
  }
  container.textContent = '';
  // Another window's upgrade, or the browser removing the data: close for good and say so, instead of failing every save.
  watchDatabaseLoss(db, (loss) => useDatabaseLossStore.getState().setLoss(loss));
  // Sync reaches the local database through the replica (and the attachments through the file source): main calls it over IPC (Electron), the page engine directly (browser).
  const replica = createDexieReplica(db);
  // Nothing of this page is on its way to HQ yet: a "sent" mark left by a page that closed or crashed mid-push goes
  // back (unsure means "only on this device"; a resend HQ already has is answered "duplicate").
  // Not while another window of this browser profile is syncing: its batch on the way is marked for real.
  await clearOldSentMark(db, window);
  // In Electron the sync service runs in main: each local save is forwarded there so it is sent within seconds.
  const ownHost = withBrowserSync(pickHost(window, { replica, files: createDexieFileSource(db), deviceId, localSaves: (onSave) => watchLocalSaves(db, onSave) }), db, replica);
  const host = withRememberedLastSync(ownHost, db);
  const services = { db, incidents: createIncidentRepository(db), host };
  // Each sync compares this clock with HQ's; entries made while no recent comparison vouches for it are marked.
  startClockCheckRecord(db, ownHost.sync);
  // Feeds SLA watches, automatic escalations and automatic closes from the database; they keep running with no network.
  startNotifications({ db, notifications: services.host.notifications, sync: services.host.sync });
  // A reload (or the window coming back after a crash) reopens the incident that was open.
  keepPaneInAddress(window);
  createRoot(container).render(
    <StrictMode>
      <ServicesProvider services={services}>
        <App />
      </ServicesProvider>
    </StrictMode>,
  );
}

/** A plain-text line in the app's place while it cannot render yet (announced to screen readers). */
function showStartStatus(container: HTMLElement, text: string): void {
  const line = document.createElement('p');
  line.setAttribute('role', 'status');
  line.textContent = text;
  container.replaceChildren(line);
}
