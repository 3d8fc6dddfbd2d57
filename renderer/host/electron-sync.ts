// HostSync inside Electron: the sync service runs in main; this forwards calls and status events over the bridge.
import type { LanternBridge } from '../../shared/ipc/bridge';
import { checkHqUrl } from '../../shared/ipc/schemas/hq-url';
import type { ConnectResult, HostSync } from './host';

export const ELECTRON_SYNC_MESSAGES = {
  noDevice: 'Lantern’s local database is not ready yet, so this device cannot be connected. Reload the window and try again.',
  badName: 'Give this device a name (1 to 120 characters) so the administrator can recognise it.',
  badCode: 'The enrollment code looks wrong. Type it exactly as your administrator gave it.',
  bridgeFailed: 'Lantern could not reach its sync service. Restart Lantern and try again; your data stays on this device.',
  notStarted: 'The sync could not start.',
} as const;

/** `deviceId`: the local database's device id (the replica's identity); HQ binds the device token to it. */
export function createElectronSync(bridge: Pick<LanternBridge, 'sync' | 'on'>, deviceId: string | null): HostSync {
  return {
    getStatus: () => bridge.sync.status(),
    onStatus: (listener) => bridge.on('sync:status-changed', listener),
    getConnection: () => bridge.sync.connection(),
    connect: async (input): Promise<ConnectResult> => {
      if (deviceId === null) return { ok: false, message: ELECTRON_SYNC_MESSAGES.noDevice };
      // The same checks main makes, answered here without a round trip (main checks again).
      const url = checkHqUrl(input.hqUrl);
      if (!url.ok) return { ok: false, message: url.message };
      const deviceName = input.deviceName.trim();
      if (deviceName.length === 0 || deviceName.length > 120) return { ok: false, message: ELECTRON_SYNC_MESSAGES.badName };
      const enrollmentCode = input.enrollmentCode.trim();
      if (enrollmentCode.length === 0 || enrollmentCode.length > 200) return { ok: false, message: ELECTRON_SYNC_MESSAGES.badCode };
      try {
        const result = await bridge.sync.connect({ hqUrl: url.url, enrollmentCode, deviceName, deviceId });
        return result.ok ? { ok: true, connection: result.connection, ...(result.warning ? { warning: result.warning } : {}) } : result;
      } catch {
        return { ok: false, message: ELECTRON_SYNC_MESSAGES.bridgeFailed };
      }
    },
    disconnect: async () => {
      await bridge.sync.disconnect();
    },
    syncNow: async () => {
      const result = await bridge.sync.now();
      if (!result.started) throw new Error(result.message ?? ELECTRON_SYNC_MESSAGES.notStarted);
    },
  };
}
