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
