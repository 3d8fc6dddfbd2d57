// Small operator-facing answers: the bearer scheme in any case, a malformed token told it is not valid, the status page (figures for the admin only).
import { afterEach, describe, expect, it } from 'vitest';
import { STORE_FACTORIES } from './support/store-factories';
import { TestHq } from './support/test-hq';

const sqlite = STORE_FACTORIES[0]!;

describe('auth header and status page', () => {
  let hq: TestHq | undefined;
  afterEach(async () => {
    await hq?.close();
    hq = undefined;
  });

  it('accepts the bearer scheme in any case (RFC 7235)', async () => {
    hq = await TestHq.start(sqlite);
    for (const scheme of ['bearer', 'BEARER', 'Bearer']) {
      const reply = await hq.request('/v1/admin/devices', { headers: { Authorization: `${scheme} ${hq.adminToken}` } });
      expect(reply.status).toBe(200);
    }
  });

  it('a token too short or with odd characters is answered as a token that is not valid, not as a missing one', async () => {
    hq = await TestHq.start(sqlite);
    for (const token of ['short', 'has spaces in it but long enough']) {
      const reply = await hq.request('/v1/admin/devices', { headers: { Authorization: `Bearer ${token}` } });
      expect(reply.status).toBe(401);
      expect(reply.json.message).toMatch(/not valid|needs the HQ admin token/);
      expect(reply.json.message).not.toMatch(/Send a token as/);
    }
    expect((await hq.request('/v1/admin/devices')).json.message).toMatch(/Send a token as/);
  });

  it('the status page shows the HQ version and the store schema version to the admin', async () => {
    hq = await TestHq.start(sqlite);
    const text = (await hq.request('/', { protocol: false, token: hq.adminToken })).text;
    expect(text).toMatch(/^hq version: +\d+\.\d+\.\d+/m);
    expect(text).toMatch(/^schema: +version \d+/m);
  });

  it('without the admin token the status page only says HQ is running and its protocol; other tokens are refused', async () => {
    hq = await TestHq.start(sqlite);
    const deviceToken = await hq.enroll('device-a');
    const page = await hq.request('/', { protocol: false });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(page.text).toMatch(/^Lantern HQ is running\.$/m);
    expect(page.text).toMatch(/^protocol: +\d+$/m);
    expect(page.text).toMatch(/admin token/);
    const meta = await hq.store.meta();
    for (const secret of [/hq version/, /schema/, /hq id/, /epoch/, /devices:/, /operations:/, /incidents:/, /missing files/, /waiting/, /SQLite|PostgreSQL/]) {
      expect(page.text, String(secret)).not.toMatch(secret);
    }
    for (const secret of [meta.hqId, meta.epoch]) expect(page.text).not.toContain(secret);

    const full = await hq.request('/', { protocol: false, token: hq.adminToken });
    expect(full.status).toBe(200);
    expect(full.headers.get('cache-control')).toBe('no-store');
    expect(full.text).toContain(`hq id:          ${meta.hqId}`);
    expect(full.text).toMatch(/^devices: +1 active, 0 revoked$/m);
    expect(full.text).toMatch(/^operations: +0$/m);

    const asDevice = await hq.request('/', { protocol: false, token: deviceToken });
    expect(asDevice.status).toBe(403);
    expect(asDevice.text).not.toContain(meta.hqId);
    const wrong = await hq.request('/', { protocol: false, token: 'not-the-admin-token-0123456789' });
    expect(wrong.status).toBe(401);
    expect(wrong.json.message).toMatch(/admin token/);
  });
});
