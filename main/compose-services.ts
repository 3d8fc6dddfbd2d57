// Builds main's long-lived services (secrets, sync with its remote replica) from Electron adapters passed in.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createNetFetch, type NetFetchLike } from './electron/net-fetch-adapter';
import { createOnlineSignal, createPowerSignal, type PowerMonitorLike } from './electron/power-adapter';
import { sendEvent } from './ipc/event-sender';
import { fileSecretPersistence } from './services/secrets/file-persistence';
import { SecretStore, type SafeStorageLike } from './services/secrets/secret-store';
import type { FileFetchLike } from './services/sync/hq-file-fetch';
import { RemoteReplica, type ReplicaPage } from './services/sync/remote-replica';
import { SyncService } from './services/sync/sync-service';
import { SyncSettingsStore } from './services/sync/sync-settings';
import type { TimerApi } from '../shared/sync/engine/fetch-transport';
import type { SyncStatus } from '../shared/sync/engine/sync-status';

export interface ServiceDeps {
  readonly userDataDir: string;
  readonly platform: string;
  readonly safeStorage: SafeStorageLike;
  readonly net: NetFetchLike & { isOnline(): boolean };
  /** Electron's net.fetch as is, for file downloads from HQ (the sync service reads the body itself, up to its limit). */
  readonly fetchFile: FileFetchLike;
  readonly powerMonitor: PowerMonitorLike;
  /** The main window's page, where status events go (null while no window is open). */
  readonly currentPage: () => ReplicaPage | null;
  /** Also told about every sync status (the notification service reports failures that need a person). */
  readonly onSyncStatus?: (status: SyncStatus) => void;
  readonly warn?: (message: string) => void;
}

const timers: TimerApi = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function composeServices(deps: ServiceDeps) {
  const warn = deps.warn ?? ((message: string) => console.warn(message));
  // safeStorage is usable only after `ready`, so this runs after it.
  const secrets = new SecretStore({
    safeStorage: deps.safeStorage,
    persistence: fileSecretPersistence(join(deps.userDataDir, 'secrets.json')),
    platform: deps.platform,
  });
  const replica = new RemoteReplica({ timers, newCallId: randomUUID, warn });
  const online = createOnlineSignal(deps.net, {
    setInterval: (callback, ms) => setInterval(callback, ms),
    clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
  });
  const power = createPowerSignal(deps.powerMonitor);
  power.onResume(() => online.check());
  const sync = new SyncService<AbortSignal>({
    fetch: createNetFetch(deps.net),
    fetchFile: deps.fetchFile,
    createAbortController: () => new AbortController(),
    secrets,
    settings: new SyncSettingsStore(fileSecretPersistence(join(deps.userDataDir, 'sync-settings.json')), warn),
    replica,
    files: replica,
    timers,
    now: () => Date.now(),
    random: () => Math.random(),
    online,
    power,
    onStatus: (status) => {
      sendEvent(deps.currentPage(), 'sync:status-changed', status);
      deps.onSyncStatus?.(status);
    },
    replicaReady: () => replica.isAttached(),
    warn,
  });
  return { secrets, replica, sync };
}

export type Services = ReturnType<typeof composeServices>;
