// Rate limits behind a TLS reverse proxy (--trust-proxy), and enrollment's own bucket.
import { afterEach, describe, expect, it } from 'vitest';
import { enrollmentResponseSchema, PROTOCOL_VERSION } from '../../../shared/sync/wire';
import { STORE_FACTORIES } from './support/store-factories';
import { TestHq } from './support/test-hq';

const sqlite = STORE_FACTORIES[0]!;
const BAD_TOKEN = 'made-up-token-0123456789abcdef';

describe('rate limits behind a proxy', () => {
  let hq: TestHq | undefined;
  afterEach(async () => {
    await hq?.close();
    hq = undefined;
  });

  const start = async (trustProxy?: readonly string[], log?: (line: string) => void) => {
    const now = Date.now();
    hq = await TestHq.start(sqlite, { limits: { rateLimit: { perSecond: 1, burst: 3 } }, clock: { now: () => now }, ...(trustProxy ? { trustProxy } : {}), ...(log ? { log } : {}) });
    return hq;
  };
  const badTokenFrom = (server: TestHq, client: string) => server.request('/v1/sync/pull', { token: BAD_TOKEN, headers: { 'X-Forwarded-For': client } });

  it('with --trust-proxy each client behind the proxy has its own bucket: one flooding bad tokens does not block another', async () => {
    const lines: string[] = [];
    const server = await start(['127.0.0.1'], (line) => lines.push(line));
    const flood: number[] = [];
    for (let i = 0; i < 5; i++) flood.push((await badTokenFrom(server, '203.0.113.5')).status);
    expect(flood).toEqual([401, 401, 401, 429, 429]);
    expect((await badTokenFrom(server, '203.0.113.6')).status).toBe(401);
    // The log names the client, not the proxy.
    expect(lines.join('\n')).toMatch(/203\.0\.113\.5/);
  });

  it('without --trust-proxy, or from an address not trusted, X-Forwarded-For is ignored: a client cannot pick a fresh bucket', async () => {
    for (const trusted of [undefined, ['10.9.8.7']]) {
      const server = await start(trusted);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await badTokenFrom(server, `198.51.100.${i}`)).status);
      expect(statuses, String(trusted)).toEqual([401, 401, 401, 429, 429]);
      await server.close();
      hq = undefined;
    }
  });

  it('a flood of bad device tokens from one address does not block enrollments from it; enrollment has a bucket of its own', async () => {
    const server = await start();
    const codes: string[] = [];
    for (const name of ['Laptop 1', 'Laptop 2']) {
      codes.push(enrollmentResponseSchema.parse((await server.request('/v1/admin/enrollments', { token: server.adminToken, body: { name } })).json).code);
    }
    for (let i = 0; i < 4; i++) await server.request('/v1/sync/pull', { token: BAD_TOKEN });
    expect((await server.request('/v1/sync/pull', { token: BAD_TOKEN })).status).toBe(429);
    const enroll = (code: string, deviceId: string) => server.request('/v1/enroll', { body: { code, deviceId, deviceName: deviceId, protocolVersion: PROTOCOL_VERSION } });
    expect((await enroll(codes[0]!, 'laptop-1')).status).toBe(200);
    // Wrong codes use up the enrollment bucket (burst 3), not the other one.
    expect((await enroll('WRONG-CODE-1234', 'laptop-x')).status).toBe(401);
    expect((await enroll('WRONG-CODE-1234', 'laptop-x')).status).toBe(401);
    expect((await enroll(codes[1]!, 'laptop-2')).status).toBe(429);
  });
});
