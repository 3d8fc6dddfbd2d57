// Browser-mode HostSync: the shared engine and scheduler run in the page with fetch; the token lives in IndexedDB.
import { checkHqUrl } from '../../shared/ipc/schemas/hq-url';
import {
  createFetchTransport,
  describeConnectFailure,
  INITIAL_SYNC_STATUS,
  isSyncError,
  SyncEngine,
  SyncError,
  SyncScheduler,
  TRANSPORT_CANCELLED_MESSAGE,
  type LocalReplica,
  type SyncStatus,
  type SyncTransport,
  type FetchLike,
  type TimerApi,
  syncThenUploadFiles,
  uploadPendingFiles,
  withSentMarks,
} from '../../shared/sync/engine';
import { getDevice, isQuotaError, type LanternDb } from '../db';
import { readMeta, writeMeta } from '../db/meta';
import { createDexieFileSource } from '../db/sync-files';
import { clearSentMark, createDexieReplica, SYNC_STORAGE_FULL_MESSAGE } from '../db/sync-replica';
import type { StoredSyncConnection } from '../db/sync-rows';
import type { ConnectInput, ConnectResult, HostSync, SyncConnection } from './host';
import { watchLocalSaves, type LocalSaves } from './local-saves';

/** Shown after connecting and in the panel: a browser has no keychain, so the token is stored like the data. */
export const BROWSER_TOKEN_WARNING =
  'Browser mode: this device’s HQ token is stored in this browser’s site data, not in the system keychain. Anyone who can use this browser profile can sync as this device.';

export const BROWSER_SYNC_MESSAGES = {
  notConnected: 'This device is not connected to HQ yet. Enter the HQ address and an enrollment code in Settings → Sync.',
  noDevice: 'Lantern’s local database is not ready yet, so this device cannot be connected. Reload the page and try again.',
  badName: 'Give this device a name (1 to 120 characters) so the administrator can recognise it.',
  badCode: 'Enter the enrollment code your administrator gave you.',
  deviceExists: 'HQ already knows this device, and this code is only for new devices (it was not used up). Ask your administrator for a re-enrollment code for this device’s id (shown below). Your data stays in this browser.',
  localError: 'Lantern could not read or write its data in this browser, so the sync stopped. Nothing was lost; reload the page and try again.',
} as const;

export interface BrowserSyncOptions {
  db: LanternDb;
  win?: Window;
  replica?: LocalReplica;
  now?: () => number;
  /** Defaults to the window's fetch (tests pass a fake HQ). */
  fetch?: FetchLike<AbortSignal>;
  /** Between successful runs. */
  intervalMs?: number;
  /** After a local save, how long to wait for more saves before syncing (the scheduler's default: 3 s). */
  changeDelayMs?: number;
  /** Local saves (default: watched in `db`); each asks for a sync soon. */
  localSaves?: LocalSaves;
}

/** The Web Locks name every window's sync run holds. */
export const SYNC_RUN_LOCK = 'lantern-sync-run';
/** The BroadcastChannel on which a window says it connected or disconnected this device. */
export const SYNC_CONNECTION_CHANNEL = 'lantern-sync-connection';

/** The Web Locks API of the page, shared by every window of the browser profile; absent in some embedders and tests. */
export function profileLocks(win: Pick<Window, 'navigator'>): Pick<LockManager, 'request'> | undefined {
  return (win.navigator as Navigator & { locks?: Pick<LockManager, 'request'> }).locks;
}

/**
 * Takes back a "sent" mark left by a page that closed while its push travelled, unless a window of this profile is
 * syncing right now (its batch on the way is marked for real); never waits for that run.
 */
export function clearOldSentMark(db: LanternDb, win: Pick<Window, 'navigator'>): Promise<void> {
  const locks = profileLocks(win);
  const clear = () => clearSentMark(db);
  return (locks ? (locks.request(SYNC_RUN_LOCK, { ifAvailable: true }, (lock) => (lock ? clear() : undefined)) as Promise<void>) : clear()).catch(
    (error: unknown) => console.warn('Lantern sync: could not take back an old "sent" mark', error),
  );
}

/** The same HQ and token (a reconnect gets a new token, even to the same HQ). */
function sameConnection(a: StoredSyncConnection | undefined | null, b: StoredSyncConnection): boolean {
  return a !== undefined && a !== null && a.hqUrl === b.hqUrl && a.token === b.token;
}

interface Active {
  scheduler: SyncScheduler;
  connection: SyncConnection;
  /** Stops the scheduler and its listeners and calls off its run in progress (aborts that run's requests). */
  stop: () => void;
}

export function createBrowserSync(options: BrowserSyncOptions): HostSync {
  const { db } = options;
  const win = options.win ?? window;
  const now = options.now ?? (() => Date.now());
  const replica = options.replica ?? createDexieReplica(db);
  const timers: TimerApi = { setTimeout: (cb, ms) => win.setTimeout(cb, ms), clearTimeout: (handle) => win.clearTimeout(handle as number) };
  const listeners = new Set<(status: SyncStatus) => void>();
  let status: SyncStatus = INITIAL_SYNC_STATUS;
  let active: Active | null = null;
  /** Resolves once every replaced or dropped connection's run has ended: the next run waits, so one run uses the replica at a time. */
  let retired: Promise<void> = Promise.resolve();

  const emit = (next: SyncStatus) => {
    status = next;
    for (const listener of listeners) listener(next);
  };

  const transportFor = (stored: StoredSyncConnection | null, deviceId: string, hqUrl: string, cancel?: AbortSignal): SyncTransport =>
    createFetchTransport<AbortSignal>({
      baseUrl: hqUrl,
      token: stored?.token ?? null,
      deviceId,
      ...(cancel ? { cancel } : {}),
      fetch: options.fetch ?? ((url, init) => win.fetch(url, init)),
      timers,
      createAbortController: () => new AbortController(),
      now,
    });

  /**
   * One sync run at a time across every window of this browser profile (they share the database): two tabs syncing at
   * once pushed the same batches twice and stored each other's cursors. Without the Web Locks API a run goes on alone.
   */
  const locks = profileLocks(win);
  // A run called off while it waits for the lock stops waiting (a disconnect does not wait for another window's run).
  const runAlone = <T,>(signal: AbortSignal, work: () => Promise<T>): Promise<T> =>
    locks ? (locks.request(SYNC_RUN_LOCK, { signal }, work) as Promise<T>) : work();

  /**
   * Another window connected this device to HQ again or disconnected it: this window follows what is stored. The old
   * connection is retired first, so its run's last words ("the sync was stopped") never reach the status.
   */
  const follow = async () => {
    retire();
    const [stored, device] = await Promise.all([readMeta(db, 'syncConnection'), getDevice(db)]);
    if (active) return; // a connect in this window came first
    if (stored && device) activate(stored, device.deviceId);
    else emit(INITIAL_SYNC_STATUS);
  };
  // Told at once by the window that changed it, whatever this window's sync is doing (a blocked sync starts no run
  // that could notice); the check at the start of each run is the fallback where BroadcastChannel is missing.
  const Channel = (win as Window & { BroadcastChannel?: typeof BroadcastChannel }).BroadcastChannel;
  const channel = Channel ? new Channel(SYNC_CONNECTION_CHANNEL) : null;
  if (channel) channel.onmessage = () => void follow();
  const announce = () => channel?.postMessage('connection-changed');

  /** Ends the current connection's syncing; `retired` resolves once its run (called off) has ended. */
  const retire = () => {
    if (!active) return;
    const { scheduler } = active;
    active.stop();
    active = null;
    retired = Promise.all([retired, scheduler.whenIdle()]).then(() => undefined);
  };

  const activate = (stored: StoredSyncConnection, deviceId: string) => {
    // Called off when this connection is replaced or dropped: its requests on their way are aborted, no new one leaves.
    const cancel = new AbortController();
    const base = transportFor(stored, deviceId, stored.hqUrl, cancel.signal);
    // Each batch is marked "sent" while it travels (the incident badge), and unmarked if its push fails.
    const transport = withSentMarks(base, replica, (message, error) => console.warn(message, error));
    const engine = new SyncEngine({ transport, replica, now });
    const scheduler = new SyncScheduler({
      run: async (onProgress) => {
        // The run of a connection just replaced may still be ending (called off): only one run uses the replica.
        await retired;
        return runAlone(cancel.signal, async () => {
          if (cancel.signal.aborted) throw new SyncError('offline', TRANSPORT_CANCELLED_MESSAGE);
          // Each window holds the connection it read at start; another window may have replaced or dropped it since
          // (it kept syncing with the old token, or with another HQ, resetting the epoch on every run).
          if (!sameConnection(await readMeta(db, 'syncConnection'), stored)) {
            void follow();
            throw new SyncError('offline', TRANSPORT_CANCELLED_MESSAGE);
          }
          return syncThenUploadFiles({
            syncOnce: (runOptions) => engine.syncOnce(runOptions),
            uploadFiles: () => uploadPendingFiles({ source: createDexieFileSource(db, now), transport: base, onProgress }),
            onProgress,
            warn: (message) => console.warn(message),
          });
        });
      },
      timers,
      now,
      random: Math.random,
      ...(options.intervalMs !== undefined ? { intervalMs: options.intervalMs } : {}),
      ...(options.changeDelayMs !== undefined ? { changeDelayMs: options.changeDelayMs } : {}),
      describeLocalError: (error) => (isQuotaError(error) ? SYNC_STORAGE_FULL_MESSAGE : BROWSER_SYNC_MESSAGES.localError),
    });
    const unsubscribe = scheduler.subscribe(emit);
    const onOnline = () => scheduler.setOnline(true);
    const onOffline = () => scheduler.setOnline(false);
    const onVisible = () => {
      if (win.document.visibilityState === 'visible') scheduler.request('resume');
    };
    win.addEventListener('online', onOnline);
    win.addEventListener('offline', onOffline);
    win.document.addEventListener('visibilitychange', onVisible);
    scheduler.setOnline(win.navigator.onLine);
    scheduler.start();
    // A change saved here is sent a few seconds later (debounced, and never past the scheduler's backoff or offline).
    const stopSaves = (options.localSaves ?? ((onSave) => watchLocalSaves(db, onSave)))(() => scheduler.noteLocalChange());
    active = {
      scheduler,
      connection: { hqUrl: stored.hqUrl, deviceName: stored.deviceName, connectedAt: stored.connectedAt },
      stop: () => {
        scheduler.stop();
        stopSaves();
        cancel.abort();
        unsubscribe();
        win.removeEventListener('online', onOnline);
        win.removeEventListener('offline', onOffline);
        win.document.removeEventListener('visibilitychange', onVisible);
      },
    };
  };

  // Resume the connection stored by an earlier session. Nothing of this page has left for HQ yet, so a "sent" mark
  // left by an earlier page (closed while a push travelled) or by an older version goes back first.
  const ready: Promise<void> = (async () => {
    // Only while no window syncs, and without waiting for another window's run (this window's panel waits on `ready`).
    await clearOldSentMark(db, win);
    const [stored, device] = await Promise.all([readMeta(db, 'syncConnection'), getDevice(db)]);
    if (stored && device && !active) activate(stored, device.deviceId);
  })().catch(() => undefined);

  return {
    getStatus: async () => {
      await ready;
      return status;
    },
    onStatus: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getConnection: async () => {
      await ready;
      return active?.connection ?? null;
    },
    connect: async (input: ConnectInput): Promise<ConnectResult> => {
      await ready;
      const url = checkHqUrl(input.hqUrl);
      if (!url.ok) return { ok: false, message: url.message };
      const deviceName = input.deviceName.trim();
      if (deviceName.length === 0 || deviceName.length > 120) return { ok: false, message: BROWSER_SYNC_MESSAGES.badName };
      const code = input.enrollmentCode.trim();
      if (code.length === 0 || code.length > 200) return { ok: false, message: BROWSER_SYNC_MESSAGES.badCode };
      const device = await getDevice(db);
      if (!device) return { ok: false, message: BROWSER_SYNC_MESSAGES.noDevice };
      let token: string;
      try {
        const answer = await transportFor(null, device.deviceId, url.url).enroll({ code, deviceId: device.deviceId, deviceName });
        token = answer.deviceToken;
      } catch (error) {
        if (!isSyncError(error)) throw error;
        if (error.details.code === 'device-exists') return { ok: false, message: BROWSER_SYNC_MESSAGES.deviceExists };
        // Connect's own words: the running sync's ("syncs when the connection is back") would promise a retry that no
        // one makes, since a failed connect leaves nothing to retry.
        // The page's origin: a refused one (HQ without --allow-origin for it) fails like an unreachable HQ in a browser.
        const pageOrigin = typeof location === 'undefined' ? undefined : location.origin;
        return { ok: false, message: describeConnectFailure(error, { hqUrl: url.url, deviceId: device.deviceId, hasConnection: active !== null, ...(pageOrigin ? { pageOrigin } : {}) }) };
      }
      const stored: StoredSyncConnection = { hqUrl: url.url, deviceName, connectedAt: now(), token };
      await writeMeta(db, 'syncConnection', stored);
      // The old connection's run is called off; the new one's first run waits for it to end before touching the replica.
      retire();
      activate(stored, device.deviceId);
      announce();
      return { ok: true, connection: { hqUrl: stored.hqUrl, deviceName, connectedAt: stored.connectedAt }, warning: BROWSER_TOKEN_WARNING };
    },
    // Resolves once the run in progress (called off) has ended, so nothing more goes to HQ after that.
    disconnect: async () => {
      await ready;
      retire();
      await db.meta.delete('syncConnection');
      announce();
      emit(INITIAL_SYNC_STATUS);
      await retired;
    },
    syncNow: async () => {
      await ready;
      if (!active) throw new Error(BROWSER_SYNC_MESSAGES.notConnected);
      active.scheduler.request('demand');
    },
  };
}
