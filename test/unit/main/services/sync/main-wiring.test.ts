// main/index.ts wires the sync service: its channels answer, the window's page can attach, navigation detaches it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HQ_FILE_MESSAGES } from '../../../../../main/services/sync/hq-file-fetch';
import { INITIAL_SYNC_STATUS } from '../../../../../shared/sync/engine/sync-status';
import { createFakeElectron, type FakeElectron } from '../../fake-electron';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

async function startReady(): Promise<FakeElectron> {
  const fake = createFakeElectron();
  vi.resetModules();
  vi.doMock('electron', () => fake.module);
  await import('../../../../../main/index');
  fake.markReady();
  await flush();
  return fake;
}

beforeEach(() => {
  vi.stubEnv('ELECTRON_RENDERER_URL', undefined as unknown as string);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('sync wiring in main', () => {
  it('answers the sync channels and lets only the window’s page attach its replica', async () => {
    const fake = await startReady();
    const [window] = fake.module.BrowserWindow.instances;
    const frame = { url: 'app://lantern/index.html', parent: null };
    const invoke = (channel: string, event: object, ...args: unknown[]) => fake.ipcHandlers.get(channel)?.(event, ...args) as Promise<unknown>;

    await expect(invoke('sync:status', { senderFrame: frame })).resolves.toEqual(INITIAL_SYNC_STATUS);
    await expect(invoke('sync:connection', { senderFrame: frame })).resolves.toBeNull();
    await expect(invoke('sync:now', { senderFrame: frame })).resolves.toMatchObject({ started: false });
    await expect(invoke('sync:fetch-file', { senderFrame: frame }, 'ab'.repeat(32))).resolves.toEqual({ ok: false, message: HQ_FILE_MESSAGES.notConnected });
    await expect(invoke('sync:fetch-file', { senderFrame: { url: 'https://evil.example/', parent: null } }, 'ab'.repeat(32))).rejects.toThrow(/not the Lantern app page/);
    await expect(invoke('replica:attach', { senderFrame: frame })).resolves.toEqual({ attached: false });
    await expect(invoke('replica:attach', { senderFrame: frame, sender: window?.webContents })).resolves.toEqual({ attached: true });
    await expect(invoke('replica:attach', { senderFrame: { url: 'https://evil.example/', parent: null }, sender: window?.webContents })).rejects.toThrow(/not the Lantern app page/);
    await expect(invoke('replica:reply', { senderFrame: frame, sender: window?.webContents }, { callId: 'call-0000-1', ok: true, result: 1 })).resolves.toEqual({
      accepted: false,
    });
    window?.webContents.emit('did-navigate');
  });
});
