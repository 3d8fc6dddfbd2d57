// Host implementation inside Electron: every call goes through the typed preload bridge (window.lantern).
import type { LanternBridge } from '../../shared/ipc';
import type { Host } from './host';
import { isOpenableUrl } from './external-url';

export function createElectronHost(bridge: LanternBridge): Host {
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
  };
}
