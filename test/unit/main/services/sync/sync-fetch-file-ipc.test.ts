// `sync:fetch-file` end to end in main: the registered handler, the sync service's token and a fake HQ holding files.
import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { registerIpcHandlers } from '../../../../../main/ipc/register-ipc-handlers';
import { APP_ORIGIN } from '../../../../../main/security/origin';
import { HQ_FILE_MESSAGES } from '../../../../../main/services/sync/hq-file-fetch';
import { SYNC_SERVICE_MESSAGES } from '../../../../../main/services/sync/sync-service';
import { MAX_FETCHED_FILE_BYTES } from '../../../../../shared/ipc/schemas/sync';
import { revokedMessage } from '../../../../../shared/sync/engine/sync-error';
import { appEvent, eventFrom, FakeIpcMain, topFrame } from '../../fakes';
import { stubNotificationHandlers } from '../notifications/stub-notification-handlers';
import { wireSyncMain } from './page-over-ipc';
import { stubSyncHandlers } from './stub-sync-handlers';
import { connectInput, harness } from './support';

const photo = new TextEncoder().encode('a photo taken on another device');
const PHOTO_SHA = createHash('sha256').update(photo).digest('hex');

async function connected() {
  const wired = wireSyncMain();
  await expect(wired.h.service.connect(connectInput())).resolves.toMatchObject({ ok: true });
  wired.h.hqFiles.set(PHOTO_SHA, photo);
  return wired;
}

describe('sync:fetch-file through the registered handler', () => {
  it('hands back the bytes HQ holds, fetched with this device’s token', async () => {
    const { ipc, h } = await connected();
    const result = (await ipc.invoke('sync:fetch-file', appEvent(), PHOTO_SHA)) as { ok: true; bytes: Uint8Array };
    expect(result).toEqual({ ok: true, bytes: photo });
    // What the page receives: a structured clone, still a Uint8Array of the same bytes.
    expect(structuredClone(result).bytes).toEqual(photo);
    expect(h.fetchFile).toHaveBeenCalledTimes(1);
    const [url, init] = h.fetchFile.mock.calls[0]!;
    expect(url).toBe(`https://hq.example.org/v1/files/${PHOTO_SHA}/content`);
    expect(init.headers['Authorization']).toMatch(/^Bearer token-dev-a-/);
    expect(JSON.stringify(result)).not.toContain('token-dev-a');
  });

  it('not connected: says so and sends nothing', async () => {
    const { ipc, h } = wireSyncMain();
    await expect(ipc.invoke('sync:fetch-file', appEvent(), PHOTO_SHA)).resolves.toEqual({ ok: false, message: HQ_FILE_MESSAGES.notConnected });
    expect(h.fetchFile).not.toHaveBeenCalled();
  });

  it('404: HQ does not hold this file (yet)', async () => {
    const { ipc } = await connected();
    await expect(ipc.invoke('sync:fetch-file', appEvent(), 'cd'.repeat(32))).resolves.toEqual({ ok: false, message: HQ_FILE_MESSAGES.notAtHq });
  });

  it('revoked: asks for a re-enrollment code for this device', async () => {
    const { ipc, h } = await connected();
    h.hq.revoke('dev-a');
    await expect(ipc.invoke('sync:fetch-file', appEvent(), PHOTO_SHA)).resolves.toEqual({ ok: false, message: `The file was not fetched. ${revokedMessage('dev-a')}` });
  });

  it('HQ unreachable: says so', async () => {
    const { ipc, h } = await connected();
    h.faults.offline = true;
    await expect(ipc.invoke('sync:fetch-file', appEvent(), PHOTO_SHA)).resolves.toEqual({ ok: false, message: HQ_FILE_MESSAGES.offline });
  });

  it('a disconnect stops the download on its way, and no request follows it', async () => {
    const { ipc, h } = await connected();
    h.fetchFile.mockImplementationOnce((_url, init) => new Promise((_, reject) => init.signal.addEventListener('abort', () => reject(new Error('aborted')))));
    const pending = ipc.invoke('sync:fetch-file', appEvent(), PHOTO_SHA);
    await vi.waitFor(() => expect(h.fetchFile).toHaveBeenCalledTimes(1));
    await h.service.disconnect();
    await expect(pending).resolves.toEqual({ ok: false, message: HQ_FILE_MESSAGES.cancelled });
    await expect(ipc.invoke('sync:fetch-file', appEvent(), PHOTO_SHA)).resolves.toEqual({ ok: false, message: HQ_FILE_MESSAGES.notConnected });
    expect(h.fetchFile).toHaveBeenCalledTimes(1);
  });

  it('a saved connection whose key is lost says why instead of fetching', async () => {
    const first = harness();
    await first.service.connect(connectInput());
    const restarted = harness({ settingsFile: first.settingsFile });
    await restarted.service.start();
    await expect(restarted.service.fetchFile(PHOTO_SHA)).resolves.toEqual({ ok: false, message: SYNC_SERVICE_MESSAGES.tokenLost });
    expect(restarted.fetchFile).not.toHaveBeenCalled();
    restarted.service.stop();
  });
});

describe('sync:fetch-file refuses what is not a file name, before main fetches anything', () => {
  it.each([
    ['no input', undefined],
    ['63 digits', PHOTO_SHA.slice(1)],
    ['65 digits', `${PHOTO_SHA}0`],
    ['upper-case', PHOTO_SHA.toUpperCase()],
    ['a path', `../../../${PHOTO_SHA.slice(9)}`],
    ['an encoded path', `..%2F..%2F${PHOTO_SHA.slice(10)}`],
    ['a number', 42],
    ['an object', { sha256: PHOTO_SHA }],
    ['an array', [PHOTO_SHA]],
    ['null', null],
  ])('%s', async (_label, input) => {
    const { ipc, h } = await connected();
    await expect(ipc.invoke('sync:fetch-file', appEvent(), input)).rejects.toThrow(/rejected: invalid input/);
    expect(h.fetchFile).not.toHaveBeenCalled();
  });

  it('a second argument', async () => {
    const { ipc, h } = await connected();
    await expect(ipc.invoke('sync:fetch-file', appEvent(), PHOTO_SHA, 'https://evil.example/')).rejects.toThrow(/too many arguments/);
    expect(h.fetchFile).not.toHaveBeenCalled();
  });
});

describe('sync:fetch-file and the sender check', () => {
  it.each(['https://evil.example/', 'file:///home/u/evil.html', 'app://lantern.evil/index.html', 'about:blank'])('refuses a page on %s', async (url) => {
    const { ipc, h } = await connected();
    await expect(ipc.invoke('sync:fetch-file', eventFrom(topFrame(url)), PHOTO_SHA)).rejects.toThrow(/not the Lantern app page/);
    expect(h.fetchFile).not.toHaveBeenCalled();
  });

  it('refuses a sub-frame of the app page and a missing frame', async () => {
    const { ipc, h } = await connected();
    const subFrame = { url: 'app://lantern/index.html', parent: topFrame('app://lantern/index.html') };
    await expect(ipc.invoke('sync:fetch-file', eventFrom(subFrame), PHOTO_SHA)).rejects.toThrow(/not the Lantern app page/);
    await expect(ipc.invoke('sync:fetch-file', eventFrom(null), PHOTO_SHA)).rejects.toThrow(/not the Lantern app page/);
    expect(h.fetchFile).not.toHaveBeenCalled();
  });
});

describe('sync:fetch-file output check', () => {
  it('a handler answering more than the attachment limit gets a contract error, not the bytes through', async () => {
    const ipc = new FakeIpcMain();
    const warn = vi.fn();
    const handlers = {
      'app:info': () => ({ name: 'Lantern', version: '0.1.0', platform: 'linux', electronVersion: '45.5.0', isPackaged: false }),
      'shell:open-external': async () => ({ opened: false }),
      'secrets:status': () => ({ available: true, backend: 'gnome_libsecret', plainTextFallback: false }),
      'window:focus': () => ({ focused: true }),
      ...stubSyncHandlers(),
      ...stubNotificationHandlers(),
      'sync:fetch-file': () => ({ ok: true as const, bytes: new Uint8Array(MAX_FETCHED_FILE_BYTES + 1) }),
    };
    registerIpcHandlers(ipc, handlers, { allowedOrigins: [APP_ORIGIN] }, { warn });
    await expect(ipc.invoke('sync:fetch-file', appEvent(), PHOTO_SHA)).rejects.toThrow("IPC 'sync:fetch-file' failed: the result did not match the contract.");
  });
});
