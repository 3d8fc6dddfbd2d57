// Builds the `window.lantern` object from the channel list: one fixed method per channel, plus `on` for events.
import { bridgePathOf, INVOKE_CHANNELS, isEventChannel } from '../../shared/ipc/channels';
import type { EventChannel } from '../../shared/ipc/channels';
import type { EventListener, LanternBridge, LanternInvokers, Unsubscribe } from '../../shared/ipc/bridge';

// Type-only imports above: this file is bundled into the sandboxed CJS preload, which cannot load zod.

/** The parts of Electron's ipcRenderer the bridge uses. The page never sees this object. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

function buildInvokers(ipc: IpcRendererLike): LanternInvokers {
  const domains: Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> = {};
  for (const channel of INVOKE_CHANNELS) {
    const [domain, method] = bridgePathOf(channel);
    // Forward exactly one argument (none when the page passes none): extra arguments never reach main.
    const invoke = (...args: unknown[]): Promise<unknown> =>
      args.length === 0 ? ipc.invoke(channel) : ipc.invoke(channel, args[0]);
    (domains[domain] ??= {})[method] = invoke;
  }
  for (const methods of Object.values(domains)) Object.freeze(methods);
  // The loop above mirrors LanternInvokers (same channel list, same name mapping); a test compares the key sets.
  return Object.freeze(domains) as unknown as LanternInvokers;
}

function subscribe<E extends EventChannel>(ipc: IpcRendererLike, event: E, listener: EventListener<E>): Unsubscribe {
  // The page may pass anything: only contract events, only real functions.
  if (!isEventChannel(event)) throw new TypeError('Unknown Lantern event.');
  if (typeof listener !== 'function') throw new TypeError('Lantern event listener must be a function.');
  // The IpcRendererEvent (with its `sender`, i.e. ipcRenderer) is dropped here: only the payload goes through.
  const forward = (_event: unknown, payload: unknown): void => listener(payload as Parameters<EventListener<E>>[0]);
  ipc.on(event, forward);
  let subscribed = true;
  return () => {
    if (!subscribed) return;
    subscribed = false;
    ipc.removeListener(event, forward);
  };
}

export function createBridge(ipc: IpcRendererLike): LanternBridge {
  const bridge = {
    ...buildInvokers(ipc),
    on: <E extends EventChannel>(event: E, listener: EventListener<E>): Unsubscribe => subscribe(ipc, event, listener),
  } satisfies LanternBridge;
  return Object.freeze(bridge);
}
