// One log line per security event (code issued, device enrolled, device revoked, refused tokens), never a secret in it.
import { afterEach, describe, expect, it } from 'vitest';
import { buildHqApp } from '../../../server/app';
import { hashSecret, newToken } from '../../../server/auth/secrets';
import { enrollmentResponseSchema, enrollResponseSchema, PROTOCOL_VERSION } from '../../../shared/sync/wire';
import { STORE_FACTORIES, type OpenedStore } from './support/store-factories';

const sqlite = STORE_FACTORIES[0]!;

describe('security log', () => {
  let opened: OpenedStore | undefined;
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    await opened?.cleanup();
    opened = undefined;
  });

  it('logs issue, enroll, revoke and refused tokens (one line per address per minute) with ids and names only', async () => {
    opened = await sqlite.open();
    let now = Date.parse('2026-05-01T10:00:00.000Z');
    const lines: string[] = [];
    const adminToken = newToken();
    const app = await buildHqApp({ store: opened.store, adminTokenHash: hashSecret(adminToken), clock: { now: () => now }, log: (line) => lines.push(line), logError: () => undefined });
    close = () => app.close();
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const send = async (path: string, token: string | null, body?: unknown) => {
      const headers: Record<string, string> = { 'Lantern-Protocol': String(PROTOCOL_VERSION) };
      if (token) headers.Authorization = `Bearer ${token}`;
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      return fetch(`${url}${path}`, { method: body === undefined ? 'GET' : 'POST', headers, body: body === undefined ? undefined : JSON.stringify(body) });
    };

    const { code } = enrollmentResponseSchema.parse(await (await send('/v1/admin/enrollments', adminToken, { name: 'Laptop 7' })).json());
    const enrolled = await send('/v1/enroll', null, { code, deviceId: 'laptop-7', deviceName: 'Laptop 7', protocolVersion: PROTOCOL_VERSION });
    const { deviceToken } = enrollResponseSchema.parse(await enrolled.json());
    expect((await send('/v1/admin/devices/laptop-7/revoke', adminToken, {})).status).toBe(200);
    const guesses = Array.from({ length: 3 }, () => newToken());
    for (const guess of guesses) expect((await send('/v1/admin/devices', guess)).status).toBe(401);
    now += 61_000;
    expect((await send('/v1/admin/devices', guesses[0]!)).status).toBe(401);

    const log = lines.join('\n');
    expect(log).toMatch(/Enrollment code issued for "Laptop 7" \(a new device\)/);
    expect(log).toMatch(/Device laptop-7 \("Laptop 7"\) enrolled/);
    expect(log).toMatch(/Device laptop-7 \("Laptop 7"\) revoked/);
    expect(lines.filter((line) => /not valid/.test(line))).toHaveLength(2);
    expect(log).toMatch(/127\.0\.0\.1.*2 more/);
    for (const secret of [adminToken, deviceToken, code, code.replace(/-/g, ''), ...guesses]) expect(log).not.toContain(secret);
  });

  it('logs a revoked device still trying, tokens on the wrong kind of endpoint, wrong enrollment codes and 429s: rate-limited, no secrets', async () => {
    opened = await sqlite.open();
    let now = Date.parse('2026-05-01T10:00:00.000Z');
    const lines: string[] = [];
    const adminToken = newToken();
    const app = await buildHqApp({
      store: opened.store,
      adminTokenHash: hashSecret(adminToken),
      clock: { now: () => now },
      limits: { rateLimit: { perSecond: 1, burst: 30 } },
      log: (line) => lines.push(line),
      logError: () => undefined,
    });
    close = () => app.close();
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const send = async (path: string, token: string | null, body?: unknown) => {
      const headers: Record<string, string> = { 'Lantern-Protocol': String(PROTOCOL_VERSION) };
      if (token) headers.Authorization = `Bearer ${token}`;
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      return fetch(`${url}${path}`, { method: body === undefined ? 'GET' : 'POST', headers, body: body === undefined ? undefined : JSON.stringify(body) });
    };
    const issue = async (name: string) => enrollmentResponseSchema.parse(await (await send('/v1/admin/enrollments', adminToken, { name })).json()).code;
    const enroll = (code: string, deviceId: string) => send('/v1/enroll', null, { code, deviceId, deviceName: deviceId, protocolVersion: PROTOCOL_VERSION });
    const tokenA = enrollResponseSchema.parse(await (await enroll(await issue('A'), 'laptop-a')).json()).deviceToken;
    const tokenB = enrollResponseSchema.parse(await (await enroll(await issue('B'), 'laptop-b')).json()).deviceToken;
    const unusedCode = await issue('C');
    expect((await send('/v1/admin/devices/laptop-b/revoke', adminToken, {})).status).toBe(200);
    lines.length = 0;

    for (let i = 0; i < 3; i++) expect((await send('/v1/sync/pull', tokenB)).status).toBe(403);
    for (let i = 0; i < 2; i++) expect((await send('/v1/admin/devices', tokenA)).status).toBe(403);
    for (let i = 0; i < 2; i++) expect((await send('/v1/sync/pull', adminToken)).status).toBe(403);
    const wrongCodes = ['WRONG-CODE-0001', 'WRONG-CODE-0002'];
    for (const code of wrongCodes) expect((await enroll(code, 'laptop-z')).status).toBe(401);
    expect((await enroll(unusedCode, 'laptop-a')).status).toBe(409);
    let limited = 0;
    for (let i = 0; i < 40; i++) if ((await send('/v1/sync/pull', tokenA)).status === 429) limited++;
    expect(limited).toBeGreaterThan(1);

    const once = (pattern: RegExp) => expect(lines.filter((line) => pattern.test(line)), String(pattern)).toHaveLength(1);
    once(/Refused revoked device laptop-b \("laptop-b"\) from 127\.0\.0\.1: it keeps trying/);
    once(/Refused device laptop-a \("laptop-a"\) on an admin endpoint \(GET \/v1\/admin\/devices\) from 127\.0\.0\.1/);
    once(/Refused the admin token on a device endpoint \(GET \/v1\/sync\/pull\) from 127\.0\.0\.1/);
    once(/Refused an enrollment from 127\.0\.0\.1 for device id "laptop-z": the code is not valid/);
    once(/Rate limit reached.*127\.0\.0\.1|127\.0\.0\.1.*rate limit/i);

    // A minute later the next of each is logged again, with a count of the ones in between.
    now += 61_000;
    expect((await send('/v1/sync/pull', tokenB)).status).toBe(403);
    expect((await enroll('WRONG-CODE-0003', 'laptop-z')).status).toBe(401);
    expect(lines.filter((line) => /revoked device laptop-b/.test(line)).at(-1)).toMatch(/2 more/);
    expect(lines.filter((line) => /Refused an enrollment/.test(line)).at(-1)).toMatch(/2 more/);
    const log = lines.join('\n');
    for (const secret of [adminToken, tokenA, tokenB, unusedCode, unusedCode.replace(/-/g, ''), ...wrongCodes, 'WRONG-CODE-0003']) expect(log).not.toContain(secret);
  });

  it('a browser page at an origin HQ does not allow is logged once, with the option that allows it', async () => {
    opened = await sqlite.open();
    const lines: string[] = [];
    const app = await buildHqApp({ store: opened.store, adminTokenHash: hashSecret(newToken()), allowOrigins: ['http://127.0.0.1:5199'], log: (line) => lines.push(line), logError: () => undefined });
    close = () => app.close();
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const preflight = { method: 'OPTIONS', headers: { 'Access-Control-Request-Method': 'POST' } };
    for (let i = 0; i < 2; i++) expect((await fetch(`${url}/v1/enroll`, { ...preflight, headers: { ...preflight.headers, Origin: 'http://10.0.0.5:5199' } })).status).toBe(403);
    expect((await fetch(`${url}/v1/enroll`, { ...preflight, headers: { ...preflight.headers, Origin: 'http://127.0.0.1:5199' } })).status).toBe(204);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/A browser page at "http:\/\/10\.0\.0\.5:5199" was refused; start HQ with --allow-origin http:\/\/10\.0\.0\.5:5199/);
  });
});
