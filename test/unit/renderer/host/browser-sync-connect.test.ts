// Browser-mode Connect: its own words when HQ cannot be reached, is not an HQ, or refuses a revoked device's ordinary code.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ensureDevice } from '../../../../renderer/db';
import { createBrowserSync } from '../../../../renderer/host/browser-sync';
import { revokedAtConnect, type FetchLike } from '../../../../shared/sync/engine';
import { freshDb } from '../db/db-test-kit';
import { ManualTimers } from '../../shared/sync/support/manual-timers';
import { fakeSyncWindow } from './browser-sync-kit';

const INPUT = { hqUrl: 'http://hq.test:8080/', enrollmentCode: 'K7QM-2X9P-HT4C-M8WB', deviceName: 'Laptop 7' };


async function connectWith(fetch: FetchLike<AbortSignal>) {
  const db = freshDb('browser-sync-connect');
  const { deviceId } = await ensureDevice(db);
  const timers = new ManualTimers();
  const sync = createBrowserSync({ db, win: fakeSyncWindow(timers).win, fetch, now: timers.now });
  const result = await sync.connect(INPUT);
  return { result, deviceId, sync, db };
}

const answering =
  (status: number, body: unknown): FetchLike<AbortSignal> =>
  async () => ({ status, headers: { get: () => null }, text: async () => (typeof body === 'string' ? body : JSON.stringify(body)) });

describe('browser sync: connect failures say what happened, and promise no sync that will not happen', () => {
  it('HQ down (connection refused) or an unknown host: a page’s fetch only says "Failed to fetch"', async () => {
    const { result, sync } = await connectWith(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(result).toEqual({
      ok: false,
      message: 'Could not reach HQ at http://hq.test:8080. Check the address, or try again when this computer has a connection. This device is not connected yet.',
    });
    expect(await sync.getConnection()).toBeNull();
  });

  it('an address that answers but is not an HQ', async () => {
    const { result } = await connectWith(answering(404, '<html>Not found</html>'));
    expect(result).toEqual({
      ok: false,
      message: 'http://hq.test:8080 answered, but not as a Lantern HQ. Check the address (and port) with your HQ administrator. This device is not connected yet.',
    });
  });

  it('HQ failing or busy: try again, no "Lantern will try again later"', async () => {
    for (const [status, error] of [
      [500, 'internal'],
      [429, 'rate-limited'],
    ] as const) {
      const { result } = await connectWith(answering(status, { error, message: 'x' }));
      expect(result.ok).toBe(false);
      expect(result.ok ? '' : result.message).not.toMatch(/will try|syncs when|later\./);
      expect(result.ok ? '' : result.message).toMatch(/Try again .*This device is not connected yet\.$/);
    }
  });

  it('a revoked device with an ordinary code is told to ask for a re-enrollment code for its id', async () => {
    // HQ's answer (server/routes/enroll.ts) to a code for a new device on a revoked id: 403 device-revoked, code unused.
    const { result, deviceId } = await connectWith(answering(403, { error: 'device-revoked', message: 'HQ has revoked access for this device.' }));
    expect(result).toEqual({ ok: false, message: revokedAtConnect(deviceId) });
    expect(result.ok ? '' : result.message).toContain(`re-enrollment code for device ${deviceId}`);
  });

  it('a device that stays connected (HQ cut it off) is told its connection was not changed', async () => {
    let refuse = false;
    const { sync, deviceId } = await connectWith(async (url) => {
      if (refuse) throw new TypeError('Failed to fetch');
      if (url.endsWith('/v1/enroll')) {
        return { status: 200, headers: { get: () => null }, text: async () => JSON.stringify({ deviceToken: 't'.repeat(40), deviceId: 'x', hqId: 'hq', epoch: 'e', serverTime: 0 }) };
      }
      return { status: 403, headers: { get: () => null }, text: async () => JSON.stringify({ error: 'device-revoked', message: 'x' }) };
    });
    expect(deviceId).toBeTruthy();
    expect(await sync.getConnection()).not.toBeNull();
    refuse = true;
    const again = await sync.connect(INPUT);
    expect(again).toEqual({
      ok: false,
      message: 'Could not reach HQ at http://hq.test:8080. Check the address, or try again when this computer has a connection. Nothing was changed: this device keeps the connection it had.',
    });
    expect(await sync.getConnection()).toMatchObject({ hqUrl: 'http://hq.test:8080' });
  });
});
