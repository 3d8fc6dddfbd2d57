// Host implementation inside Electron: every call goes through the typed preload bridge (window.lantern).
import type { LanternBridge } from '../../shared/ipc';
import type { FileSource } from '../../shared/sync/engine/file-upload';
import type { LocalReplica } from '../../shared/sync/engine/replica';
import { createElectronNotifications } from './electron-notifications';
import { createElectronSync } from './electron-sync';
import { createReplicaResponder } from './electron-replica-responder';
import type { Host } from './host';
import { isOpenableUrl } from './external-url';

export interface ElectronHostOptions {
  /** The page's local database as the sync engine sees it (createDexieReplica(db)); main calls it over IPC. */
  readonly replica?: LocalReplica;
  /** The attachments (createDexieFileSource(db)); main uploads them to HQ after each sync, over IPC too. */
  readonly files?: FileSource;
  /** This device's id from the local database (ensureDevice); sent with "Connect" so HQ binds the token to it. */
  readonly deviceId?: string;
}

export function createElectronHost(bridge: LanternBridge, options: ElectronHostOptions = {}): Host {
  if (options.replica) createReplicaResponder(bridge, options.replica, { files: options.files, onProblem: (message) => console.warn(message) });
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
  };
}
