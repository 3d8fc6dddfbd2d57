// sync:local-change end to end through registerIpcHandlers: a saved change reaches HQ seconds later; hostile input refused.
import { describe, expect, it, vi } from 'vitest';
import { createSenderScope } from '../../../../../main/electron/ipc-sender-scope';
import { registerIpcHandlers, type IpcHandlers, type IpcInvokeEventLike } from '../../../../../main/ipc/register-ipc-handlers';
import { APP_ORIGIN } from '../../../../../main/security/origin';
import { RemoteReplica } from '../../../../../main/services/sync/remote-replica';
import { createSyncHandlers } from '../../../../../main/services/sync/sync-handlers';
import { recordIncident } from '../../../../../shared/domain';
import { FakeIpcMain, topFrame } from '../../fakes';
import { stubNotificationHandlers } from '../notifications/stub-notification-handlers';
import { connectInput, harness, ManualTimers, type Harness } from './support';

const from = (url = 'app://lantern/index.html'): IpcInvokeEventLike => ({ senderFrame: topFrame(url) });

async function setup() {
  const h = harness({ changeDelayMs: 3_000 });
  await h.service.start();
  expect((await h.service.connect(connectInput())).ok).toBe(true);
  await h.service.whenIdle();
  const ipc = new FakeIpcMain();
  const scope = createSenderScope(ipc);
  // The replica channels are not used here; the service syncs through the harness's in-memory replica.
  const unused = new RemoteReplica({ timers: new ManualTimers(), newCallId: () => 'call-unused-1', timeoutMs: 5_000, warn: vi.fn() });
  const handlers = {
    'app:info': () => ({ name: 'Lantern', version: '0.1.0', platform: 'linux', electronVersion: '45.5.0', isPackaged: false }),
    'shell:open-external': async () => ({ opened: false }),
    'secrets:status': () => h.secrets.status(),
    'window:focus': () => ({ focused: true }),
    ...createSyncHandlers({ service: h.service, replica: unused, currentSender: scope.currentSender }),
    ...stubNotificationHandlers(),
  } satisfies IpcHandlers;
  registerIpcHandlers(scope.ipcMain, handlers, { allowedOrigins: [APP_ORIGIN] }, { warn: vi.fn() });
  return { h, ipc };
}

function save(h: Harness, title: string): void {
  const counter = h.replica.outboxEntries().length + 1;
  h.replica.commit((ctx) => recordIncident({ title }, counter, 'K7QM', ctx));
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('sync:local-change', () => {
  it('a change the page saved reaches HQ a few seconds later, without Sync now', async () => {
    const { h, ipc } = await setup();
    expect(h.service.status().state).toBe('up-to-date');
    save(h, 'Chiller 2 tripped');
    await expect(ipc.invoke('sync:local-change', from())).resolves.toBeNull();
    expect(h.service.status().state).toBe('idle');
    h.timers.advance(2_999);
    await settle();
    expect(h.hq.incidents.size).toBe(0);
    h.timers.advance(1);
    await h.service.whenIdle();
    expect(h.hq.incidents.size).toBe(1);
    expect(h.service.status()).toMatchObject({ state: 'up-to-date', pending: 0 });
  });

  it.each([
    ['a string', 'now'],
    ['an object', { force: true }],
    ['a number', 1],
    ['null', null],
    ['a huge string', 'x'.repeat(100_000)],
  ])('refuses %s before the service sees it', async (_label, input) => {
    const { h, ipc } = await setup();
    const nudge = vi.spyOn(h.service, 'noteLocalChange');
    await expect(ipc.invoke('sync:local-change', from(), input)).rejects.toThrow(/invalid input/);
    expect(nudge).not.toHaveBeenCalled();
  });

  it('refuses a foreign page and extra arguments', async () => {
    const { h, ipc } = await setup();
    const nudge = vi.spyOn(h.service, 'noteLocalChange');
    await expect(ipc.invoke('sync:local-change', from('https://evil.example/'))).rejects.toThrow(/not the Lantern app page/);
    await expect(ipc.invoke('sync:local-change', from(), undefined, 'more')).rejects.toThrow(/too many arguments/);
    expect(nudge).not.toHaveBeenCalled();
  });

  it('is harmless before the device is connected: nothing to sync, no error', async () => {
    const h = harness();
    await h.service.start();
    h.service.noteLocalChange();
    h.timers.advance(60_000);
    expect(h.fetch).not.toHaveBeenCalled();
  });
});
