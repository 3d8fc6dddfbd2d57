// Chooses the Host implementation: the Electron bridge when the preload exposed it, the browser one otherwise.
import { BRIDGE_KEY, type LanternBridge } from '../../shared/ipc';
import { createBrowserHost } from './browser-host';
import { createElectronHost, type ElectronHostOptions } from './electron-host';
import type { Host } from './host';

/** `electron`: what only the Electron host needs (the local replica main syncs through, the device id). */
export function pickHost(win: Window = window, electron: ElectronHostOptions = {}): Host {
  const bridge = (win as unknown as Record<string, unknown>)[BRIDGE_KEY] as LanternBridge | undefined;
  return bridge ? createElectronHost(bridge, electron) : createBrowserHost(win);
}
