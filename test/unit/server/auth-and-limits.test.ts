// Protocol suite, the gate: tokens, enrollment and re-enrollment, revocation, device paging, protocol versions (426), limits, CORS, status page.
import { afterEach, describe, expect, it } from 'vitest';
import { deviceListResponseSchema, PROTOCOL_MESSAGES, PROTOCOL_VERSION, pushResponseSchema } from '../../../shared/sync/wire';
import { announcePostgresSkip, PG_SKIP_REASON, PG_URL, STORE_FACTORIES } from './support/store-factories';
import { TestDevice } from './support/test-device';
import { TestHq } from './support/test-hq';

announcePostgresSkip();

describe.each(STORE_FACTORIES)('HQ auth and limits ($name)', (factory) => {
  let hq: TestHq;
  afterEach(async () => {
    await hq?.close();
  });

  it('no token or an unknown token: 401 on every device and admin endpoint', async () => {
    hq = await TestHq.start(factory);
    const paths: [string, string][] = [
      ['POST', '/v1/sync/push'],
      ['GET', '/v1/sync/pull'],
      ['GET', `/v1/files/${'a'.repeat(64)}`],
      ['GET', '/v1/incidents'],
      ['GET', '/v1/admin/devices'],
      ['POST', '/v1/admin/enrollments'],
    ];
    for (const [method, path] of paths) {
      for (const token of [null, 'not-a-real-token-0123456789abcdef']) {
        const reply = await hq.request(path, { method, token, body: method === 'POST' ? {} : undefined });
        expect(reply.status, `${method} ${path} with ${token ? 'a bad' : 'no'} token`).toBe(401);
        expect(reply.json.error).toBe('unauthorized');
      }
    }
  });

  it('admin endpoints refuse device tokens and device endpoints refuse the admin token', async () => {
    hq = await TestHq.start(factory);
    const token = await hq.enroll('device-a');
    expect((await hq.request('/v1/admin/devices', { token })).status).toBe(403);
    expect((await hq.request('/v1/admin/enrollments', { token, body: { name: 'x' } })).status).toBe(403);
    const adminPush = await hq.pushRaw(hq.adminToken, 'device-a', []);
    expect(adminPush.status).toBe(403);
    const devices = await hq.request('/v1/admin/devices', { token: hq.adminToken });
    expect(devices.json).toMatchObject({ devices: [{ id: 'device-a', name: 'Laptop device-a', revokedAt: null }] });
  });

  it('a device may push only as itself', async () => {
    hq = await TestHq.start(factory);
    const a = new TestDevice('device-a');
    const b = new TestDevice('device-b');
    const tokenA = await hq.enroll(a.id);
    await hq.enroll(b.id);
    const asB = await hq.pushRaw(tokenA, b.id, [b.create('Forged')]);
    expect(asB.status).toBe(403);
    expect(asB.json.error).toBe('forbidden');
    const smuggled = await hq.pushRaw(tokenA, a.id, [b.create('Smuggled')]);
    expect(pushResponseSchema.parse(smuggled.json).results[0]).toMatchObject({ status: 'rejected', code: 'not-your-device' });
    expect(await hq.pullAll(tokenA)).toEqual([]);
  });

  it('enrollment codes are one-time and forgiving in how they are typed', async () => {
    hq = await TestHq.start(factory);
    const issue = async () => String((await hq.request('/v1/admin/enrollments', { token: hq.adminToken, body: { name: 'Laptop 7' } })).json.code);
    const enroll = (code: string, deviceId: string) => hq.request('/v1/enroll', { body: { code, deviceId, deviceName: 'Laptop 7', protocolVersion: PROTOCOL_VERSION } });

    const code = await issue();
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    const typed = ` ${code.toLowerCase().replace(/-/g, ' ')} `;
    const first = await enroll(typed, 'laptop-7');
    expect(first.status).toBe(200);
    expect(String(first.json.deviceToken)).toHaveLength(43);
    const reused = await enroll(code, 'laptop-8');
    expect(reused.status).toBe(401);
    expect(reused.json.error).toBe('enrollment-invalid');
    expect((await enroll('AAAA-BBBB-CCCC-DDDD', 'laptop-9')).status).toBe(401);
  });

  it('a known device connects again (after "Disconnect") only with a code issued for it: new token, the old one stops working, its sequence is kept', async () => {
    hq = await TestHq.start(factory);
    const a = new TestDevice('laptop-7');
    const oldToken = await hq.enroll(a.id);
    const create = a.create('Before disconnecting');
    await hq.push(oldToken, a.id, [create, a.note(create.incidentId, 'First note')]);

    const newToken = await hq.enroll(a.id, 'Laptop 7 again', { reenroll: true });
    expect(newToken).not.toBe(oldToken);
    const third = a.note(create.incidentId, 'Written while disconnected');
    const stale = await hq.pushRaw(oldToken, a.id, [third]);
    expect(stale.status).toBe(401);
    expect(stale.json.error).toBe('unauthorized');

    // Exactly-once is keyed on (deviceId, deviceSeq): HQ still knows what this device sent and takes number 3 next.
    const resent = await hq.push(newToken, a.id, [create, third]);
    expect(resent.results.map((r) => [r.status, r.serverSeq])).toEqual([
      ['duplicate', 1],
      ['applied', 3],
    ]);
    const devices = await hq.request('/v1/admin/devices', { token: hq.adminToken });
    expect(devices.json).toMatchObject({ devices: [{ id: 'laptop-7', name: 'Laptop 7 again', lastSeq: 3, revokedAt: null }] });
    expect((await hq.pullAll(newToken)).map((o) => o.serverSeq)).toEqual([1, 2, 3]);
  });

  it('takeover: a code for a new device cannot re-bind a known device id (409 device-exists, plain words); the real device keeps working', async () => {
    hq = await TestHq.start(factory);
    const victim = new TestDevice('laptop-7');
    const victimToken = await hq.enroll(victim.id);
    await hq.push(victimToken, victim.id, [victim.create('Mine')]);
    const code = String((await hq.request('/v1/admin/enrollments', { token: hq.adminToken, body: { name: 'Laptop 9' } })).json.code);
    const enroll = (deviceId: string) => hq.request('/v1/enroll', { body: { code, deviceId, deviceName: 'Attacker', protocolVersion: PROTOCOL_VERSION } });

    const takeover = await enroll(victim.id);
    expect(takeover.status).toBe(409);
    expect(takeover.json.error).toBe('device-exists');
    expect(takeover.json).not.toHaveProperty('deviceToken');
    expect(String(takeover.json.message)).toMatch(/already enrolled at HQ.*re-enrollment code for device laptop-7/s);
    expect((await hq.request('/v1/sync/pull', { token: victimToken })).status).toBe(200);
    const devices = await hq.request('/v1/admin/devices', { token: hq.adminToken });
    expect(devices.json).toMatchObject({ devices: [{ id: 'laptop-7', name: 'Laptop laptop-7', revokedAt: null }] });
    expect((await enroll('laptop-9')).status).toBe(200); // the refused attempt did not use the code up
  });

  it('a re-enrollment code works only for its device; the admin API refuses one for an unknown device', async () => {
    hq = await TestHq.start(factory);
    await hq.enroll('laptop-7');
    const issued = await hq.request('/v1/admin/enrollments', { token: hq.adminToken, body: { name: 'Laptop 7', deviceId: 'laptop-7' } });
    expect(issued.json).toMatchObject({ deviceId: 'laptop-7' });
    const code = String(issued.json.code);
    const enroll = (deviceId: string) => hq.request('/v1/enroll', { body: { code, deviceId, deviceName: 'Laptop', protocolVersion: PROTOCOL_VERSION } });
    const wrong = await enroll('laptop-8');
    expect(wrong.status).toBe(401);
    expect(wrong.json).toMatchObject({ error: 'enrollment-invalid' });
    expect(String(wrong.json.message)).toMatch(/another device.*not used up/s);
    expect((await enroll('laptop-7')).status).toBe(200);
    const unknown = await hq.request('/v1/admin/enrollments', { token: hq.adminToken, body: { name: 'Nobody', deviceId: 'nobody' } });
    expect(unknown.status).toBe(404);
    expect(String(unknown.json.message)).toMatch(/no device with the id "nobody"/);
  });

  it('a revoked device cannot come back with a code for a new device (403 device-revoked, the code stays unused); a code issued for it reinstates it', async () => {
    hq = await TestHq.start(factory);
    const a = new TestDevice('laptop-7');
    const token = await hq.enroll(a.id);
    await hq.push(token, a.id, [a.create('Before revocation')]);
    expect((await hq.request('/v1/admin/devices/laptop-7/revoke', { method: 'POST', token: hq.adminToken })).status).toBe(200);
    const code = String((await hq.request('/v1/admin/enrollments', { token: hq.adminToken, body: { name: 'Laptop 7' } })).json.code);
    const enroll = (deviceId: string) => hq.request('/v1/enroll', { body: { code, deviceId, deviceName: 'Laptop 7', protocolVersion: PROTOCOL_VERSION } });

    const refused = await enroll('laptop-7');
    expect(refused.status).toBe(403);
    expect(refused.json.error).toBe('device-revoked');
    expect(String(refused.json.message)).toMatch(/revoked.*cannot reconnect it.*not used up.*stays on this device.*re-enrollment code for device laptop-7/s);
    expect((await hq.request('/v1/sync/pull', { token })).json.error).toBe('device-revoked');
    expect((await enroll('laptop-8')).status).toBe(200); // the code survived the refused attempt

    const reinstated = await hq.enroll(a.id, 'Laptop 7', { reenroll: true });
    expect((await hq.pullAll(reinstated)).map((o) => o.serverSeq)).toEqual([1]); // its data was kept
    expect((await hq.push(reinstated, a.id, [a.create('After reinstatement')])).results[0]!.status).toBe('applied');
  });

  it('GET /v1/admin/devices pages with limit (at most 500) and an opaque cursor', async () => {
    hq = await TestHq.start(factory);
    const ids = ['dev-1', 'dev-2', 'dev-3', 'dev-4', 'dev-5'];
    for (const id of ids) await hq.enroll(id);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const reply = await hq.request(`/v1/admin/devices?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: hq.adminToken });
      const body = deviceListResponseSchema.parse(reply.json);
      expect(body.devices.length).toBeLessThanOrEqual(2);
      seen.push(...body.devices.map((d) => d.id));
      cursor = body.cursor;
      if (!body.hasMore) break;
    }
    expect(seen).toEqual(ids);
    expect(cursor).toBeNull();
    expect(deviceListResponseSchema.parse((await hq.request('/v1/admin/devices', { token: hq.adminToken })).json).devices).toHaveLength(5);
    expect((await hq.request('/v1/admin/devices?limit=501', { token: hq.adminToken })).status).toBe(400);
    expect((await hq.request('/v1/admin/devices?cursor=bm90LWEtY3Vyc29y', { token: hq.adminToken })).json.error).toBe('invalid-cursor');
  });

  it('a revoked device gets 403 device-revoked with plain words, on push and pull', async () => {
    hq = await TestHq.start(factory);
    const a = new TestDevice('device-a');
    const token = await hq.enroll(a.id);
    await hq.push(token, a.id, [a.create('Before revocation')]);
    const revoked = await hq.request('/v1/admin/devices/device-a/revoke', { method: 'POST', token: hq.adminToken });
    expect(revoked.status).toBe(200);
    expect(revoked.json).toMatchObject({ device: { id: 'device-a' } });
    for (const reply of [await hq.pushRaw(token, a.id, [a.create('After')]), await hq.request('/v1/sync/pull', { token })]) {
      expect(reply.status).toBe(403);
      expect(reply.json.error).toBe('device-revoked');
      expect(String(reply.json.message)).toMatch(/stays on this device/);
    }
    expect((await hq.request('/v1/admin/devices/nobody/revoke', { method: 'POST', token: hq.adminToken })).status).toBe(404);
  });

  it('protocol versions: newer client → 426 client-newer, older → 426 client-outdated, missing → 400', async () => {
    hq = await TestHq.start(factory);
    const token = await hq.enroll('device-a');
    const newer = await hq.request('/v1/sync/pull', { token, protocol: PROTOCOL_VERSION + 1 });
    expect(newer.status).toBe(426);
    expect(newer.json).toMatchObject({ error: 'client-newer', message: PROTOCOL_MESSAGES['client-newer'], supported: { max: PROTOCOL_VERSION } });
    const older = await hq.request('/v1/sync/pull', { token, protocol: 0 });
    expect(older.status).toBe(426);
    expect(older.json).toMatchObject({ error: 'client-outdated', message: PROTOCOL_MESSAGES['client-outdated'] });
    const inBody = await hq.request('/v1/sync/push', { token, body: { protocolVersion: PROTOCOL_VERSION + 1, deviceId: 'device-a', ops: [] } });
    expect(inBody.status).toBe(426);
    expect((await hq.request('/v1/sync/pull', { token, protocol: false })).json.error).toBe('protocol-missing');
    // Admin tools need not send the header, but a wrong one is still refused.
    expect((await hq.request('/v1/admin/devices', { token: hq.adminToken, protocol: false })).status).toBe(200);
    expect((await hq.request('/v1/admin/devices', { token: hq.adminToken, protocol: 99 })).status).toBe(426);
  });

  it('body limits: an oversized push is 413 too-large', async () => {
    hq = await TestHq.start(factory, { limits: { pushBodyBytes: 20_000 } });
    const a = new TestDevice('device-a');
    const token = await hq.enroll(a.id);
    const small = await hq.push(token, a.id, [a.create('Small')]);
    const big = a.create('Big', { description: 'x'.repeat(19_000) });
    expect(small.results[0]!.status).toBe('applied');
    const reply = await hq.pushRaw(token, a.id, [big, { ...big, opId: 'x' }]);
    expect(reply.status).toBe(413);
    expect(reply.json.error).toBe('too-large');
    const tooMany = await hq.pushRaw(token, a.id, Array.from({ length: 501 }, () => ({})));
    expect(tooMany.status).toBe(400);
  });

  it('rate limit per token: a burst passes, then 429 with Retry-After; other tokens are not affected', async () => {
    const now = Date.now();
    hq = await TestHq.start(factory, { limits: { rateLimit: { perSecond: 1, burst: 4 } }, clock: { now: () => now } });
    const admin = hq.adminToken;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await hq.request('/v1/admin/devices', { token: admin })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    const limited = await hq.request('/v1/admin/devices', { token: admin });
    expect(limited.json).toMatchObject({ error: 'rate-limited', retryAfterSeconds: 1 });
    expect(limited.headers.get('retry-after')).toBe('1');
    expect((await hq.request('/v1/sync/pull', { token: 'another-token-0123456789abcdef' })).status).toBe(401);
  });

  it('CORS: only the allowed origin gets CORS headers; preflights from others are refused', async () => {
    const allowed = 'http://127.0.0.1:5199';
    hq = await TestHq.start(factory, { allowOrigins: [`${allowed}/`] });
    const preflight = (origin: string) =>
      hq.request('/v1/sync/push', { method: 'OPTIONS', protocol: false, headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,lantern-protocol' } });
    const ok = await preflight(allowed);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(allowed);
    expect(ok.headers.get('access-control-allow-headers')).toMatch(/Lantern-Protocol/);
    const evil = await preflight('http://evil.example');
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();

    const token = await hq.enroll('device-a');
    const fromAllowed = await hq.request('/v1/sync/pull', { token, headers: { Origin: allowed } });
    expect(fromAllowed.status).toBe(200);
    expect(fromAllowed.headers.get('access-control-allow-origin')).toBe(allowed);
    const fromOther = await hq.request('/v1/sync/pull', { token, headers: { Origin: 'http://evil.example' } });
    expect(fromOther.headers.get('access-control-allow-origin')).toBeNull();
    const errorFromAllowed = await hq.request('/v1/sync/pull', { headers: { Origin: allowed } });
    expect(errorFromAllowed.status).toBe(401);
    expect(errorFromAllowed.headers.get('access-control-allow-origin')).toBe(allowed);
  });

  it('GET / is a plain-text status page without user text; unknown paths are 404 JSON', async () => {
    hq = await TestHq.start(factory);
    await hq.enroll('device-a', '<script>alert(1)</script>');
    const page = await hq.request('/', { protocol: false, token: hq.adminToken });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(page.text).toMatch(/Lantern HQ is running/);
    expect(page.text).toMatch(/devices: +1 active/);
    expect(page.text).not.toMatch(/<script>/);
    const missing = await hq.request('/nope', { protocol: false });
    expect(missing.status).toBe(404);
    expect(missing.json.error).toBe('not-found');
  });
});

if (!PG_URL) describe.skip(`HQ auth and limits (postgres): ${PG_SKIP_REASON}`, () => it('runs with LANTERN_TEST_PG_URL', () => undefined));
