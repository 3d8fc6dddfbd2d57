// Main's sync service reaching a page's replica through the real IPC path: handlers, sender scope, page responder.
import { describe, expect, it, vi } from 'vitest';
import { createSenderScope } from '../../../../../main/electron/ipc-sender-scope';
import { registerIpcHandlers, type IpcHandlers, type IpcInvokeEventLike } from '../../../../../main/ipc/register-ipc-handlers';
import { APP_ORIGIN } from '../../../../../main/security/origin';
import { RemoteReplica, type ReplicaPage } from '../../../../../main/services/sync/remote-replica';
import { createSyncHandlers } from '../../../../../main/services/sync/sync-handlers';
import { createReplicaResponder } from '../../../../../renderer/host/electron-replica-responder';
import type { EventChannel } from '../../../../../shared/ipc/channels';
import { recordIncident } from '../../../../../shared/domain';
import type { LocalReplica } from '../../../../../shared/sync/engine';
import { FakeIpcMain, topFrame } from '../../fakes';
import { connectInput, harness, ManualTimers } from './support';
import { stubNotificationHandlers } from '../notifications/stub-notification-handlers';
import { stubSyncHandlers } from './stub-sync-handlers';
import { MemoryReplica } from '../../../shared/sync/support/memory-replica';

type Listener = (payload: never) => void;

/** A page: its webContents (what main sends to) and the bridge its code uses (what reaches main's handlers). */
function openPage(ipc: FakeIpcMain, id: number) {
  const listeners = new Map<string, Set<Listener>>();
  const contents: ReplicaPage = {
    id,
    isDestroyed: () => false,
    // Like Electron: events arrive asynchronously.
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
      reply: (reply: unknown) => ipc.invoke('replica:reply', event, reply) as Promise<{ accepted: boolean }>,
    },
  };
  return { contents, bridge };
}

async function setup() {
  const ipc = new FakeIpcMain();
  const scope = createSenderScope(ipc);
  const remote = new RemoteReplica({ timers: new ManualTimers(), newCallId: () => crypto.randomUUID(), timeoutMs: 5_000, warn: vi.fn() });
  const h = harness({ replica: remote, replicaReady: () => remote.isAttached() });
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
  await h.service.start();
  return { ipc, remote, h };
}

const settle = async (h: { service: { whenIdle(): Promise<void> } }) => {
  for (let i = 0; i < 5; i++) {
    await h.service.whenIdle();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
};

describe('sync through the page’s replica', () => {
  it('connects and syncs the page’s database; a closed page fails the run without crashing, a new page resumes it', async () => {
    const { ipc, remote, h } = await setup();
    const db = new MemoryReplica('dev-a', () => h.timers.nowMs);
    db.commit((ctx) => recordIncident({ title: 'Pump 3 leaking' }, 1, 'K7QM', ctx));
    const first = openPage(ipc, 1);
    createReplicaResponder(first.bridge, db);
    await settle(h);
    expect(remote.isAttached()).toBe(true);

    await expect(ipc.invoke('sync:connect', Object.assign({ senderFrame: topFrame('app://lantern/index.html') }, { sender: first.contents }), connectInput())).resolves.toMatchObject({ ok: true });
    await settle(h);
    expect(h.hq.incidents.size).toBe(1);
    expect(db.outboxEntries()[0]?.state).toBe('acknowledged');
    expect(h.service.status().state).toBe('up-to-date');

    // The window closes: the next run fails as local storage, and the service keeps going.
    remote.detach(1);
    db.commit((ctx) => recordIncident({ title: 'Door 4 jammed' }, 2, 'K7QM', ctx));
    h.service.syncNow();
    await settle(h);
    expect(h.service.status()).toMatchObject({ state: 'failing', lastError: { kind: 'local-storage', message: expect.stringMatching(/window/) } });

    // A new page attaches: the service syncs again at once.
    const second = openPage(ipc, 2);
    createReplicaResponder(second.bridge, db);
    await settle(h);
    expect(h.hq.incidents.size).toBe(2);
    expect(h.service.status().state).toBe('up-to-date');
  });

  it('a database error in the page becomes a plain local-storage failure, never a stack trace', async () => {
    const { ipc, h } = await setup();
    const db = new MemoryReplica('dev-a', () => h.timers.nowMs);
    const broken: LocalReplica = {
      ...db,
      pendingOps: db.pendingOps.bind(db),
      recordPushResults: db.recordPushResults.bind(db),
      getCursor: db.getCursor.bind(db),
      applyPulledPage: async () => {
        const error = new Error('QuotaExceededError\n    at IDBTransaction (secret/path.js:1:1)');
        error.name = 'AbortError';
        Object.assign(error, { inner: { name: 'QuotaExceededError' } });
        throw error;
      },
      resetForNewEpoch: db.resetForNewEpoch.bind(db),
      countPending: db.countPending.bind(db),
    };
    const page = openPage(ipc, 1);
    createReplicaResponder(page.bridge, broken);
    await settle(h);
    await h.service.connect(connectInput());
    await settle(h);
    const status = h.service.status();
    expect(status).toMatchObject({ state: 'failing', lastError: { kind: 'local-storage', message: expect.stringMatching(/disk is full/) } });
    expect(JSON.stringify(status)).not.toContain('secret/path.js');
    expect(status.nextAttemptAt).not.toBeNull();
  });
});
