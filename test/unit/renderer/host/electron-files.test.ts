// HostFiles in Electron: fetchFromHq asks main over sync:fetch-file and wraps the bytes in a Blob; refusals become plain Errors.
import { describe, expect, it } from 'vitest';
import { createElectronHost, ELECTRON_FILE_MESSAGES } from '../../../../renderer/host/electron-host';
import type { LanternBridge } from '../../../../shared/ipc/bridge';
import { fakeBridge } from './fake-bridge';

const SHA = 'ab'.repeat(32);

function host() {
  const { bridge } = fakeBridge();
  const files = createElectronHost(bridge as unknown as LanternBridge).files;
  if (!files) throw new Error('The Electron host offers no files.');
  return { bridge, files };
}

describe('createElectronHost files', () => {
  it('offers fetching from HQ (the UI shows "Download from HQ" only when it does)', () => {
    expect(host().files.fetchFromHq).toBeTypeOf('function');
  });

  it('hands the hash to main and wraps the bytes it returns in a Blob', async () => {
    const { bridge, files } = host();
    bridge.sync.fetchFile.mockResolvedValueOnce({ ok: true, bytes: new Uint8Array([0, 1, 2, 255]) });
    const blob = await files.fetchFromHq(SHA);
    expect(blob).toBeInstanceOf(Blob);
    expect(blob.size).toBe(4);
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([0, 1, 2, 255]);
    expect(bridge.sync.fetchFile).toHaveBeenCalledWith(SHA);
  });

  it('an empty file is an empty Blob', async () => {
    const { bridge, files } = host();
    bridge.sync.fetchFile.mockResolvedValueOnce({ ok: true, bytes: new Uint8Array(0) });
    await expect(files.fetchFromHq(SHA)).resolves.toHaveProperty('size', 0);
  });

  it('rejects with main’s plain words when HQ’s copy was not fetched', async () => {
    const { bridge, files } = host();
    const message = 'HQ does not hold this whole file (yet): the device that attached it may not have sent it. Try again after that device has synced.';
    bridge.sync.fetchFile.mockResolvedValueOnce({ ok: false, message });
    await expect(files.fetchFromHq(SHA)).rejects.toThrow(message);
  });

  it('a failing bridge becomes a message for the person, not Electron’s text', async () => {
    const { bridge, files } = host();
    bridge.sync.fetchFile.mockRejectedValueOnce(new Error("Error invoking remote method 'sync:fetch-file': IpcRejectedError: IPC 'sync:fetch-file' rejected: invalid input"));
    const error = (await files.fetchFromHq(SHA).catch((caught: unknown) => caught)) as Error;
    expect(error.message).toBe(ELECTRON_FILE_MESSAGES.bridgeFailed);
  });

  it.each(['../../etc/passwd', SHA.toUpperCase(), `${SHA}0`, ''])('refuses %j without asking main', async (sha256) => {
    const { bridge, files } = host();
    await expect(files.fetchFromHq(sha256)).rejects.toThrow(ELECTRON_FILE_MESSAGES.badName);
    expect(bridge.sync.fetchFile).not.toHaveBeenCalled();
  });
});
