// With its database unreachable HQ says so on GET / (503, plain text, for a monitor and the admin) and logs the outage once a minute.
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildHqApp } from '../../../server/app';
import { hashSecret, newToken } from '../../../server/auth/secrets';
import { OUTAGE_LOG_PERIOD_MS } from '../../../server/http/error-handler';
import { openPostgresStore } from '../../../server/store/postgres/postgres-store';
import type { HqStore } from '../../../server/store/types';
import { PROTOCOL_VERSION } from '../../../shared/sync/wire';
import { dropSchema, PG_URL, STORE_FACTORIES, type OpenedStore } from './support/store-factories';

const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5321'), { code: 'ECONNREFUSED', address: '127.0.0.1', port: 5321 });

/** The store with its reads failing (down) or never answering (hung), as an unreachable database does. */
function flakyStore(inner: HqStore, state: { mode: 'up' | 'down' | 'hung' }): HqStore {
  const store = Object.create(inner) as HqStore;
  const gate = <T>(read: () => Promise<T>): Promise<T> =>
    state.mode === 'down' ? Promise.reject(refused()) : state.mode === 'hung' ? new Promise<T>(() => undefined) : read();
  Object.assign(store, {
    meta: () => gate(() => inner.meta()),
    stats: () => gate(() => inner.stats()),
    pull: (after: number, limit: number) => gate(() => inner.pull(after, limit)),
    deviceByTokenHash: (hash: string) => gate(() => inner.deviceByTokenHash(hash)),
  });
  return store;
}

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe.each(STORE_FACTORIES)('GET / while the database is unreachable ($name)', (factory) => {
  it('anyone and the admin get 503 in plain text; once it is back, 200 again without a restart', async () => {
    const opened: OpenedStore = await factory.open();
    const state = { mode: 'up' as 'up' | 'down' | 'hung' };
    const adminToken = newToken();
    const logged: string[] = [];
    const app = await buildHqApp({ store: flakyStore(opened.store, state), adminTokenHash: hashSecret(adminToken), log: () => undefined, logError: () => undefined, logOutage: (line) => logged.push(line) });
    cleanup = async () => {
      await app.close();
      await opened.cleanup();
    };
    const admin = { authorization: `Bearer ${adminToken}` };
    expect((await app.inject({ method: 'GET', url: '/' })).statusCode).toBe(200);

    state.mode = 'down';
    for (const headers of [{}, admin]) {
      const reply = await app.inject({ method: 'GET', url: '/', headers });
      expect(reply.statusCode).toBe(503);
      expect(reply.headers['content-type']).toMatch(/^text\/plain/);
      expect(reply.headers['retry-after']).toBe('5');
      expect(reply.body).toMatch(/^Lantern HQ is running but cannot reach its database\.\n/);
      expect(reply.body).not.toMatch(/Your data stays on the device|ECONNREFUSED|5321/);
    }

    state.mode = 'up';
    const back = await app.inject({ method: 'GET', url: '/', headers: admin });
    expect(back.statusCode).toBe(200);
    expect(back.body).toMatch(/^Lantern HQ is running\.\n/);
    // One line for the outage; "reachable again" waits for a whole quiet period (the clock-driven test below).
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^\d{4}-\d\d-\d\dT\S+Z Database unreachable \(ECONNREFUSED 127\.0\.0\.1:5321\): answering 503 \(1 request since /);
  });
});

describe('a database that does not answer at all', () => {
  it('the public page answers 503 within a few seconds instead of hanging', { timeout: 15_000 }, async () => {
    const opened = await STORE_FACTORIES[0]!.open();
    const state = { mode: 'hung' as 'up' | 'down' | 'hung' };
    const app = await buildHqApp({ store: flakyStore(opened.store, state), adminTokenHash: hashSecret(newToken()), log: () => undefined, logError: () => undefined, logOutage: () => undefined });
    cleanup = async () => {
      await app.close();
      await opened.cleanup();
    };
    const started = Date.now();
    const reply = await app.inject({ method: 'GET', url: '/' });
    expect(reply.statusCode).toBe(503);
    expect(reply.body).toMatch(/cannot reach its database/);
    expect(Date.now() - started).toBeLessThan(6_000);
  });
});

describe('the outage log', () => {
  it('one timestamped line a minute with the number of 503 answers, not one stack trace per request', async () => {
    const opened = await STORE_FACTORIES[0]!.open();
    const state = { mode: 'down' as 'up' | 'down' | 'hung' };
    let now = Date.parse('2026-05-01T10:00:00.000Z');
    const lines: string[] = [];
    const errors: unknown[] = [];
    const token = newToken();
    const app = await buildHqApp({
      store: flakyStore(opened.store, state),
      adminTokenHash: hashSecret(token),
      clock: { now: () => now },
      log: () => undefined,
      logError: (error) => errors.push(error),
      logOutage: (line) => lines.push(line),
    });
    cleanup = async () => {
      await app.close();
      await opened.cleanup();
    };
    const device = { authorization: `Bearer ${newToken()}`, 'lantern-protocol': String(PROTOCOL_VERSION) };
    for (let i = 0; i < 14; i++) expect((await app.inject({ method: 'GET', url: '/v1/sync/pull', headers: device })).statusCode).toBe(503);
    expect(lines).toEqual(['2026-05-01T10:00:00.000Z Database unreachable (ECONNREFUSED 127.0.0.1:5321): answering 503 (1 request since 2026-05-01T10:00:00.000Z).']);
    now += OUTAGE_LOG_PERIOD_MS;
    await app.inject({ method: 'GET', url: '/v1/sync/pull', headers: device });
    expect(lines[1]).toBe('2026-05-01T10:01:00.000Z Database unreachable (ECONNREFUSED 127.0.0.1:5321): answering 503 (14 requests since 2026-05-01T10:00:00.000Z).');
    // Flapping (every other request fails) within the minute stays the same outage: no line per request.
    for (let i = 0; i < 30; i++) {
      now += 1_000;
      state.mode = 'up';
      expect((await app.inject({ method: 'GET', url: '/' })).statusCode).toBe(200);
      state.mode = 'down';
      expect((await app.inject({ method: 'GET', url: '/v1/sync/pull', headers: device })).statusCode).toBe(503);
    }
    expect(lines).toHaveLength(2);
    // Over once requests succeed and none failed for a whole period.
    state.mode = 'up';
    now += OUTAGE_LOG_PERIOD_MS;
    expect((await app.inject({ method: 'GET', url: '/' })).statusCode).toBe(200);
    expect(lines[2]).toBe('2026-05-01T10:02:30.000Z Database reachable again: answering normally (45 requests answered 503 since 2026-05-01T10:00:00.000Z).');
    expect(lines).toHaveLength(3);
    expect(errors).toEqual([]);
  });
});

describe.skipIf(!PG_URL)('PostgreSQL behind a connection that breaks (a TCP proxy closed and reopened)', () => {
  it('the public status page follows the database: 200, 503 while the proxy is down, 200 when it is back', { timeout: 60_000 }, async () => {
    const target = new URL(PG_URL!);
    const sockets = new Set<Socket>();
    const startProxy = async (port: number): Promise<Server> => {
      const server = createServer((client) => {
        const upstream = connect(Number(target.port || 5432), target.hostname);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('error', () => undefined);
          socket.on('close', () => {
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream).pipe(client);
      });
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
      return server;
    };
    let proxy = await startProxy(0);
    const address = proxy.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const url = new URL(PG_URL!);
    url.hostname = '127.0.0.1';
    url.port = String(port);
    const schema = `lantern_status_${process.pid}`;
    const store = await openPostgresStore({ url: url.toString(), schema });
    const app = await buildHqApp({ store, adminTokenHash: hashSecret(newToken()), log: () => undefined, logError: () => undefined, logOutage: () => undefined });
    const stopProxy = async () => {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    };
    cleanup = async () => {
      await app.close();
      await store.close().catch(() => undefined);
      await stopProxy().catch(() => undefined);
      await dropSchema(PG_URL!, schema);
    };
    expect((await app.inject({ method: 'GET', url: '/' })).statusCode).toBe(200);
    await stopProxy();
    const down = await app.inject({ method: 'GET', url: '/' });
    expect(down.statusCode).toBe(503);
    expect(down.body).toMatch(/cannot reach its database/);
    proxy = await startProxy(port);
    let status = 0;
    for (let i = 0; i < 20 && status !== 200; i++) {
      status = (await app.inject({ method: 'GET', url: '/' })).statusCode;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(status).toBe(200);
  });
});
