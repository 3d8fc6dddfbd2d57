// HostSync in Electron: forwards to main over the bridge, adds the device id, answers bad input locally in plain words.
import { describe, expect, it } from 'vitest';
import { browserSyncUnavailable } from '../../../../renderer/host/browser-sync-unavailable';
import { createElectronSync, ELECTRON_SYNC_MESSAGES } from '../../../../renderer/host/electron-sync';
import { INITIAL_SYNC_STATUS } from '../../../../shared/sync/engine/sync-status';
import { fakeBridge } from './fake-bridge';

const input = { hqUrl: ' https://HQ.example.org/ ', enrollmentCode: ' K7QM-2X9P-HT4C-M8WB ', deviceName: ' Laptop 7 ' };

describe('createElectronSync', () => {
  it('connects with the local device id and the cleaned-up input', async () => {
    const { bridge } = fakeBridge();
    const sync = createElectronSync(bridge, 'dev-a');
    await expect(sync.connect(input)).resolves.toEqual({ ok: true, connection: { hqUrl: 'https://hq.example.org', deviceName: 'Laptop 7', connectedAt: 1 } });
    expect(bridge.sync.connect).toHaveBeenCalledWith({ hqUrl: 'https://hq.example.org', enrollmentCode: 'K7QM-2X9P-HT4C-M8WB', deviceName: 'Laptop 7', deviceId: 'dev-a' });
  });

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'https://me:pw@hq.example.org'])('refuses %s without asking main', async (hqUrl) => {
    const { bridge } = fakeBridge();
    const result = await createElectronSync(bridge, 'dev-a').connect({ ...input, hqUrl });
    expect(result.ok).toBe(false);
    expect(bridge.sync.connect).not.toHaveBeenCalled();
  });

  it('answers in plain words when the device id is missing, the name is too long, or main fails', async () => {
    const { bridge } = fakeBridge();
    await expect(createElectronSync(bridge, null).connect(input)).resolves.toEqual({ ok: false, message: ELECTRON_SYNC_MESSAGES.noDevice });
    await expect(createElectronSync(bridge, 'dev-a').connect({ ...input, deviceName: 'n'.repeat(121) })).resolves.toEqual({ ok: false, message: ELECTRON_SYNC_MESSAGES.badName });
    bridge.sync.connect.mockRejectedValueOnce(new Error("IPC 'sync:connect' rejected: invalid input"));
    await expect(createElectronSync(bridge, 'dev-a').connect(input)).resolves.toEqual({ ok: false, message: ELECTRON_SYNC_MESSAGES.bridgeFailed });
  });

  it('forwards status, status events, disconnect and sync now (with main’s reason when it cannot start)', async () => {
    const { bridge, emit } = fakeBridge();
    const sync = createElectronSync(bridge, 'dev-a');
    await expect(sync.getStatus()).resolves.toEqual(INITIAL_SYNC_STATUS);
    await expect(sync.getConnection()).resolves.toBeNull();
    const seen: string[] = [];
    const off = sync.onStatus((status) => seen.push(status.state));
    emit('sync:status-changed', { ...INITIAL_SYNC_STATUS, state: 'syncing' });
    off();
    emit('sync:status-changed', { ...INITIAL_SYNC_STATUS, state: 'up-to-date' });
    expect(seen).toEqual(['syncing']);
    await sync.disconnect();
    expect(bridge.sync.disconnect).toHaveBeenCalled();
    await expect(sync.syncNow()).resolves.toBeUndefined();
    bridge.sync.now.mockResolvedValueOnce({ started: false, message: 'This device is not connected to HQ yet.' });
    await expect(sync.syncNow()).rejects.toThrow('This device is not connected to HQ yet.');
  });
});

describe('browserSyncUnavailable (temporary placeholder)', () => {
  it('says browser-mode sync is being set up', async () => {
    await expect(browserSyncUnavailable.getStatus()).resolves.toEqual(INITIAL_SYNC_STATUS);
    await expect(browserSyncUnavailable.connect(input)).resolves.toEqual({ ok: false, message: 'Sync in browser mode is being set up' });
    await expect(browserSyncUnavailable.syncNow()).rejects.toThrow('being set up');
  });
});
