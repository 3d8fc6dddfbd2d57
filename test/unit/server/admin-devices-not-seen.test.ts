// Laptops that have not synced for days: GET /v1/admin/devices?notSeenSince=…, the status page's count, and the admin's epoch change in the log.
import { afterEach, describe, expect, it } from 'vitest';
import { buildHqApp } from '../../../server/app';
import { hashSecret, newToken } from '../../../server/auth/secrets';
import { LostHistoryGuard } from '../../../server/sync/lost-history';
import type { HqStore } from '../../../server/store/types';
import { PROTOCOL_VERSION } from '../../../shared/sync/wire';
import { STORE_FACTORIES, type OpenedStore } from './support/store-factories';

const DAY = 86_400_000;
const NOW = Date.parse('2026-05-10T12:00:00.000Z');

async function enrollDirectly(store: HqStore, id: string, at: number): Promise<void> {
  await store.createEnrollment({ codeHash: `code-${id}`, name: `Laptop ${id}`, createdAt: at, expiresAt: at + 3_600_000, forDeviceId: null });
  expect(await store.redeemEnrollment({ codeHash: `code-${id}`, deviceId: id, deviceName: `Laptop ${id}`, tokenHash: `token-${id}`, now: at })).toBe('enrolled');
}

describe.each(STORE_FACTORIES)('devices not seen for days ($name)', (factory) => {
  let opened: OpenedStore | undefined;
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    await opened?.cleanup();
    opened = undefined;
  });

  async function start(lines: string[] = []) {
    opened = await factory.open();
    const store = opened.store;
    // Seven laptops: seen 1, 2, 4, 5 days ago, never, and a revoked one not seen for 9 days.
    const seen: [string, number | null][] = [['a', 1], ['b', 4], ['c', 2], ['d', null], ['e', 5], ['f', 9], ['g', 0]];
    for (const [index, [id, daysAgo]] of seen.entries()) {
      await enrollDirectly(store, id, NOW - 20 * DAY + index * 1000);
      if (daysAgo !== null) await store.touchDevice(id, NOW - daysAgo * DAY);
    }
    await store.revokeDevice('f', NOW - 8 * DAY);
    const adminToken = newToken();
    const app = await buildHqApp({ store, adminTokenHash: hashSecret(adminToken), clock: { now: () => NOW }, log: (line) => lines.push(line), logError: () => undefined, logOutage: () => undefined });
    close = () => app.close();
    const get = async (url: string) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${adminToken}`, 'lantern-protocol': String(PROTOCOL_VERSION) } });
    const post = async (url: string) => app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${adminToken}`, 'lantern-protocol': String(PROTOCOL_VERSION) }, payload: {} });
    return { get, post };
  }

  it('lists the active devices not seen since the instant, across pages without skipping or repeating one', async () => {
    const { get } = await start();
    const since = new Date(NOW - 3 * DAY).toISOString();
    const all = await get(`/v1/admin/devices?notSeenSince=${since}`);
    expect(all.statusCode).toBe(200);
    expect((all.json() as { devices: { id: string }[] }).devices.map((device) => device.id)).toEqual(['b', 'd', 'e']);

    const ids: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const reply = await get(`/v1/admin/devices?notSeenSince=${since}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      const body = reply.json() as { devices: { id: string }[]; cursor: string | null; hasMore: boolean };
      expect(body.devices.length).toBeLessThanOrEqual(1);
      ids.push(...body.devices.map((device) => device.id));
      cursor = body.cursor;
      if (!body.hasMore) break;
    }
    expect(ids).toEqual(['b', 'd', 'e']);
  });

  it('a notSeenSince that is not an instant is 400 naming the field', async () => {
    const { get } = await start();
    for (const bad of ['yesterday', '2026-05-07', '2026-05-07T10:00:00']) {
      const reply = await get(`/v1/admin/devices?notSeenSince=${encodeURIComponent(bad)}`);
      expect(reply.statusCode).toBe(400);
      expect(reply.json()).toMatchObject({ error: 'invalid-request', message: expect.stringMatching(/notSeenSince: Expected an ISO 8601 instant with a time zone/) as unknown });
    }
  });

  it('the admin status page counts them; the public page does not', async () => {
    const { get } = await start();
    const full = await get('/');
    expect(full.body).toMatch(/^not seen: +3 active devices not synced for 3\+ days \(GET \/v1\/admin\/devices\?notSeenSince=2026-05-07T12:00:00\.000Z lists them\)$/m);
    const publicApp = await buildHqApp({ store: opened!.store, log: () => undefined, logError: () => undefined, logOutage: () => undefined });
    try {
      const page = await publicApp.inject({ method: 'GET', url: '/' });
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toMatch(/not seen/);
    } finally {
      await publicApp.close();
    }
  });

  it('an admin epoch change is logged with a timestamp, like the security events', async () => {
    const lines: string[] = [];
    const { post } = await start(lines);
    const reply = await post('/v1/admin/epoch');
    expect(reply.statusCode).toBe(200);
    const { epoch } = reply.json() as { epoch: string };
    expect(lines).toContainEqual(`2026-05-10T12:00:00.000Z New epoch ${epoch} started by the admin from 127.0.0.1 (POST /v1/admin/epoch): devices send everything again and pull from the start.`);
  });
});

describe('the automatic "history was lost" line', () => {
  it('carries a timestamp', async () => {
    const written: string[] = [];
    const original = console.warn;
    console.warn = (line: string) => void written.push(line);
    try {
      const meta = { hqId: 'hq', epoch: 'e1', adminTokenHash: null, lastSeq: 5, cursorKey: 'k' };
      const guard = new LostHistoryGuard({ meta: () => Promise.resolve(meta), bumpEpochFrom: () => Promise.resolve('e2') });
      await guard.checkPull(meta, 9, 'laptop-7').catch(() => undefined);
    } finally {
      console.warn = original;
    }
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z Lantern HQ: history was lost/);
  });
});
