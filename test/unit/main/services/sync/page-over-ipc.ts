// Main's sync service wired to a page through the real IPC path (handlers, sender scope, remote replica), and that page.
import { vi } from 'vitest';
import { createSenderScope } from '../../../../../main/electron/ipc-sender-scope';
import { registerIpcHandlers, type IpcHandlers, type IpcInvokeEventLike } from '../../../../../main/ipc/register-ipc-handlers';
import { APP_ORIGIN } from '../../../../../main/security/origin';
import { RemoteReplica, type ReplicaPage } from '../../../../../main/services/sync/remote-replica';
import { createSyncHandlers } from '../../../../../main/services/sync/sync-handlers';
import type { EventChannel } from '../../../../../shared/ipc/channels';
import type { FetchLike } from '../../../../../shared/sync/engine';
import { FakeIpcMain, topFrame } from '../../fakes';
import { stubNotificationHandlers } from '../notifications/stub-notification-handlers';
import { stubSyncHandlers } from './stub-sync-handlers';
import { harness, ManualTimers } from './support';

type Listener = (payload: never) => void;

/**
 * Main with its sync handlers registered behind the sender scope; the replica (and, with `files`, the attachments)
 * are the page's, reached over IPC. Call `h.service.start()` once the page is attached.
 */
export function wireSyncMain(options: { files?: boolean; fetch?: FetchLike<unknown> } = {}) {
  const ipc = new FakeIpcMain();
  const scope = createSenderScope(ipc);
  const remote = new RemoteReplica({ timers: new ManualTimers(), newCallId: () => crypto.randomUUID(), timeoutMs: 5_000, warn: vi.fn() });
  const h = harness({
    replica: remote,
    replicaReady: () => remote.isAttached(),
    ...(options.files ? { files: remote } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const handlers = {
    ...stubSyncHandlers(),
    ...stubNotificationHandlers(),
    'app:info': () => ({ name: 'Lantern', version: '0.1.0', platform: 'linux', electronVersion: '45.5.0', isPackaged: false }),
    'shell:open-external': async () => ({ opened: false }),
    'secrets:status': () => h.secrets.status(),
    'window:focus': () => ({ focused: true }),
    ...createSyncHandlers({ service: h.service, replica: remote, currentSender: scope.currentSender }),
  } satisfies IpcHandlers;
  registerIpcHandlers(scope.ipcMain, handlers, { allowedOrigins: [APP_ORIGIN] }, { warn: vi.fn() });
  return { ipc, remote, h };
}

/** A page: its webContents (what main sends to) and the bridge its code uses (what reaches main's handlers). */
export function openPage(ipc: FakeIpcMain, id: number) {
  const listeners = new Map<string, Set<Listener>>();
  const contents: ReplicaPage = {
    id,
    isDestroyed: () => false,
    // Like Electron: events arrive asynchronously, as structured clones.
    send: (channel, payload) => queueMicrotask(() => listeners.get(channel)?.forEach((listener) => listener(structuredClone(payload) as never))),
  };
  const event: IpcInvokeEventLike = Object.assign({ senderFrame: topFrame('app://lantern/index.html') }, { sender: contents });
  const bridge = {
    on: (channel: EventChannel, listener: Listener) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)?.add(listener);
      return () => void listeners.get(channel)?.delete(listener);
    },
    replica: {
      attach: () => ipc.invoke('replica:attach', event) as Promise<{ attached: boolean }>,
      // The reply crosses the process boundary too: a structured clone, so bytes arrive as a fresh Uint8Array.
      reply: (reply: unknown) => ipc.invoke('replica:reply', event, structuredClone(reply)) as Promise<{ accepted: boolean }>,
    },
  };
  return { contents, bridge };
}
