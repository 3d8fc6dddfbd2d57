// The sync and replica channels end to end through registerIpcHandlers: hostile input refused, replies tied to their page.
import { describe, expect, it, vi } from 'vitest';
import { createSenderScope } from '../../../../../main/electron/ipc-sender-scope';
import { registerIpcHandlers, type IpcHandlers, type IpcInvokeEventLike } from '../../../../../main/ipc/register-ipc-handlers';
import { APP_ORIGIN } from '../../../../../main/security/origin';
import { RemoteReplica, type ReplicaPage } from '../../../../../main/services/sync/remote-replica';
import { createSyncHandlers } from '../../../../../main/services/sync/sync-handlers';
import type { ReplicaCall } from '../../../../../shared/ipc/schemas/replica';
import { FakeIpcMain, topFrame } from '../../fakes';
import { stubNotificationHandlers } from '../notifications/stub-notification-handlers';
import { connectInput, harness, ManualTimers } from './support';

function page(id: number) {
  const calls: ReplicaCall[] = [];
  const contents: ReplicaPage = { id, isDestroyed: () => false, send: (_channel, payload) => void calls.push(payload as ReplicaCall) };
  return { contents, calls };
}

/** An invoke event from the app's top frame sent by `sender` (Electron's event.sender is the WebContents). */
const from = (sender: ReplicaPage | null, url = 'app://lantern/index.html'): IpcInvokeEventLike => Object.assign({ senderFrame: topFrame(url) }, sender ? { sender } : {});

function setup() {
  const ipc = new FakeIpcMain();
  const scope = createSenderScope(ipc);
  const timers = new ManualTimers();
  let n = 0;
  const remote = new RemoteReplica({ timers, newCallId: () => `call-abcd-${++n}`, timeoutMs: 5_000, warn: vi.fn() });
  const h = harness({ replica: remote, replicaReady: () => remote.isAttached() });
  const handlers = {
    'app:info': () => ({ name: 'Lantern', version: '0.1.0', platform: 'linux', electronVersion: '45.5.0', isPackaged: false }),
    'shell:open-external': async () => ({ opened: false }),
    'secrets:status': () => h.secrets.status(),
    'window:focus': () => ({ focused: true }),
    ...createSyncHandlers({ service: h.service, replica: remote, currentSender: scope.currentSender }),
    ...stubNotificationHandlers(),
  } satisfies IpcHandlers;
  registerIpcHandlers(scope.ipcMain, handlers, { allowedOrigins: [APP_ORIGIN] }, { warn: vi.fn() });
  return { ipc, remote, h };
}

describe('sync:connect input', () => {
  it.each([
    ['no input', undefined],
    ['a string', 'https://hq.example.org'],
    ['extra keys', { ...connectInput(), token: 'x' }],
    ['a huge address', connectInput({ hqUrl: `https://hq.example.org/${'a'.repeat(5000)}` })],
    ['a huge code', connectInput({ enrollmentCode: 'K'.repeat(10_000) })],
    ['a huge name', connectInput({ deviceName: 'n'.repeat(10_000) })],
    ['a multi-line device id', connectInput({ deviceId: 'dev\nevil' })],
    ['a number as address', { ...connectInput(), hqUrl: 42 }],
  ])('refuses %s before the service sees it', async (_label, input) => {
    const { ipc, h } = setup();
    await expect(ipc.invoke('sync:connect', from(page(1).contents), input)).rejects.toThrow(/invalid input/);
    expect(h.fetch).not.toHaveBeenCalled();
  });

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'https://user:pw@hq.example.org', 'data:text/html,hi'])(
    'answers %s with plain words and sends nothing',
    async (hqUrl) => {
      const { ipc, h } = setup();
      const result = await ipc.invoke('sync:connect', from(page(1).contents), connectInput({ hqUrl }));
      expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/HQ address/) });
      expect(JSON.stringify(result)).not.toContain('alert');
      expect(h.fetch).not.toHaveBeenCalled();
    },
  );

  it('refuses a foreign page', async () => {
    const { ipc } = setup();
    await expect(ipc.invoke('sync:connect', from(page(1).contents, 'https://evil.example/'), connectInput())).rejects.toThrow(/not the Lantern app page/);
  });
});

describe('replica channels', () => {
  it('only the attached page’s replies settle its calls', async () => {
    const { ipc, remote } = setup();
    const app = page(1);
    const other = page(2);
    await expect(ipc.invoke('replica:attach', from(app.contents))).resolves.toEqual({ attached: true });
    const count = remote.countPending();
    const callId = app.calls[0]!.callId;
    await expect(ipc.invoke('replica:reply', from(other.contents), { callId, ok: true, result: 1 })).resolves.toEqual({ accepted: false });
    await expect(ipc.invoke('replica:reply', from(null), { callId, ok: true, result: 1 })).resolves.toEqual({ accepted: false });
    await expect(ipc.invoke('replica:reply', from(app.contents), { callId: 'call-zzzz-1', ok: true, result: 1 })).resolves.toEqual({ accepted: false });
    await expect(ipc.invoke('replica:reply', from(app.contents), { callId, ok: true, result: 4 })).resolves.toEqual({ accepted: true });
    await expect(count).resolves.toBe(4);
  });

  it.each([
    ['no call id', { ok: true, result: 1 }],
    ['a hostile call id', { callId: '../../etc/passwd', ok: true, result: 1 }],
    ['ok missing', { callId: 'call-abcd-1', result: 1 }],
    ['an error with a stack', { callId: 'call-abcd-1', ok: false, error: { kind: 'storage', message: 'x', stack: 'at y' } }],
    ['a huge error', { callId: 'call-abcd-1', ok: false, error: { kind: 'storage', message: 'x'.repeat(10_000) } }],
    ['an unknown error kind', { callId: 'call-abcd-1', ok: false, error: { kind: 'root', message: 'x' } }],
  ])('refuses a malformed reply: %s', async (_label, reply) => {
    const { ipc } = setup();
    await expect(ipc.invoke('replica:reply', from(page(1).contents), reply)).rejects.toThrow(/invalid input/);
  });

  it('an attach without a usable sender is refused', async () => {
    const { ipc, remote } = setup();
    await expect(ipc.invoke('replica:attach', from(null))).resolves.toEqual({ attached: false });
    expect(remote.isAttached()).toBe(false);
  });
});

describe('sync status and actions over IPC', () => {
  it('reports status and connection, and refuses sync now while not connected', async () => {
    const { ipc } = setup();
    const app = page(1).contents;
    await expect(ipc.invoke('sync:status', from(app))).resolves.toMatchObject({ state: 'idle', lastError: null });
    await expect(ipc.invoke('sync:connection', from(app))).resolves.toBeNull();
    await expect(ipc.invoke('sync:now', from(app))).resolves.toMatchObject({ started: false, message: expect.stringMatching(/not connected/) });
    await expect(ipc.invoke('sync:disconnect', from(app))).resolves.toBeNull();
  });
});
