// Small operator-facing answers: the bearer scheme in any case, a malformed token told it is not valid, versions on the status page.
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

  it('the status page shows the HQ version and the store schema version', async () => {
    hq = await TestHq.start(sqlite);
    const text = (await hq.request('/', { protocol: false })).text;
    expect(text).toMatch(/^hq version: +\d+\.\d+\.\d+/m);
    expect(text).toMatch(/^schema: +version \d+/m);
  });
});
