// Host implementation inside Electron: every call goes through the typed preload bridge (window.lantern).
import { SHA256_HEX_PATTERN } from '../../shared/domain/attachment';
import type { LanternBridge } from '../../shared/ipc';
import type { FileSource } from '../../shared/sync/engine/file-upload';
import type { LocalReplica } from '../../shared/sync/engine/replica';
import { createElectronNotifications } from './electron-notifications';
import { createElectronSync } from './electron-sync';
import { createReplicaResponder } from './electron-replica-responder';
import type { Host, HostFiles } from './host';
import { isOpenableUrl } from './external-url';
import type { LocalSaves } from './local-saves';

export const ELECTRON_FILE_MESSAGES = {
  badName: 'This is not the name of a file at HQ (a SHA-256 of 64 lower-case hex digits), so nothing was fetched.',
  bridgeFailed: 'Lantern could not reach its sync service, so the file was not fetched. Restart Lantern and try again; your data stays on this device.',
} as const;

export interface ElectronHostOptions {
  /** The page's local database as the sync engine sees it (createDexieReplica(db)); main calls it over IPC. */
  readonly replica?: LocalReplica;
  /** The attachments (createDexieFileSource(db)); main uploads them to HQ after each sync, over IPC too. */
  readonly files?: FileSource;
  /** This device's id from the local database (ensureDevice); sent with "Connect" so HQ binds the token to it. */
  readonly deviceId?: string;
  /**
   * Changes saved in the page's database (watchLocalSaves(db, …)): each is told to main (sync:local-change), whose
   * sync service sends it a few seconds later. Absent: saved changes wait for the next interval or Sync now.
   */
  readonly localSaves?: LocalSaves;
}

export function createElectronHost(bridge: LanternBridge, options: ElectronHostOptions = {}): Host {
  if (options.replica) createReplicaResponder(bridge, options.replica, { files: options.files, onProblem: (message) => console.warn(message) });
  // Main debounces; a failed nudge only costs the early sync (the interval still sends the change).
  options.localSaves?.(() => void bridge.sync.localChange().catch((error: unknown) => console.warn('Lantern sync: could not tell main about a saved change', error)));
  return {
    kind: 'electron',
    appInfo: async () => {
      const info = await bridge.app.info();
      return { name: info.name, version: info.version, platform: info.platform };
    },
    openExternal: async (url) => {
      // Main re-checks the URL; checking here too avoids a round trip for obvious refusals.
      if (!isOpenableUrl(url)) return false;
      const result = await bridge.shell.openExternal(url);
      return result.opened;
    },
    onNavigate: (listener) => bridge.on('app:navigate', (payload) => listener(payload.incidentId)),
    sync: createElectronSync(bridge, options.deviceId ?? null),
    notifications: createElectronNotifications(bridge),
    files: createElectronFiles(bridge),
    secretsStatus: () => bridge.secrets.status(),
  };
}

/** Main fetches the file with the token it keeps; the bytes come back over the bridge and the caller checks their hash. */
function createElectronFiles(bridge: Pick<LanternBridge, 'sync'>): HostFiles {
  return {
    async fetchFromHq(sha256) {
      // Main checks the name too; a bad one here would come back as a bridge error instead of these words.
      if (!SHA256_HEX_PATTERN.test(sha256)) throw new Error(ELECTRON_FILE_MESSAGES.badName);
      let result;
      try {
        result = await bridge.sync.fetchFile(sha256);
      } catch (error) {
        throw new Error(ELECTRON_FILE_MESSAGES.bridgeFailed, { cause: error });
      }
      if (!result.ok) throw new Error(result.message);
      // HQ sends every file as application/octet-stream; the stored row gives the Blob its real type.
      return new Blob([result.bytes]);
    },
  };
}
