// Error answers: only failures known to pass are 503 with Retry-After (a bug answers 500 internal and is logged), and errors Fastify meets before routing keep the protocol's shape and CORS.
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildHqApp } from '../../../server/app';
import { hashSecret, newToken } from '../../../server/auth/secrets';
import { toHqError } from '../../../server/http/error-handler';
import type { HqStore } from '../../../server/store/types';
import { announcePostgresSkip, STORE_FACTORIES, type StoreFactory } from './support/store-factories';
import { TestHq } from './support/test-hq';

announcePostgresSkip();

const coded = (code: string, message = 'x') => Object.assign(new Error(message), { code });
const zodError = z.object({ title: z.string() }).safeParse({ title: 1 }).error!;

describe('toHqError', () => {
  it.each([
    ['SQLite busy', 503, coded('SQLITE_BUSY')],
    ['SQLite locked', 503, coded('SQLITE_LOCKED_SHAREDCACHE')],
    ['SQLite disk full', 503, coded('SQLITE_FULL')],
    ['PostgreSQL admin shutdown', 503, coded('57P01')],
    ['PostgreSQL connection failure', 503, coded('08006')],
    ['PostgreSQL too many connections', 503, coded('53300')],
    ['a refused connection', 503, coded('ECONNREFUSED')],
    ['a connection dropped (no code)', 503, new Error('Connection terminated unexpectedly')],
    ['the store closing as HQ stops', 503, coded('HQ_STORE_CLOSED', 'The HQ store is closed')],
    ['a plain Error', 500, new Error('boom')],
    ['a ZodError (stored data HQ cannot read)', 500, zodError],
    ['a TypeError (a bug)', 500, new TypeError('x is undefined')],
    ['a PostgreSQL data error', 500, coded('22P05')],
    ['a SQLite constraint', 500, coded('SQLITE_CONSTRAINT_UNIQUE')],
    ['an unknown SQLite error', 500, coded('SQLITE_CORRUPT')],
  ])('%s → %i', (_name, status, error) => {
    const answer = toHqError(error);
    expect(answer.statusCode).toBe(status);
    if (status === 503) {
      expect(answer).toMatchObject({ code: 'unavailable', headers: { 'Retry-After': '5' } });
    } else {
      expect(answer).toMatchObject({ code: 'internal', headers: {} });
      expect(answer.message).not.toMatch(/database|try again later/i);
    }
  });
});

describe.each(STORE_FACTORIES)('error answers over HTTP ($name)', (factory) => {
  let hq: TestHq | undefined;
  afterEach(async () => {
    await hq?.close();
    hq = undefined;
  });

  it('an unexpected error is 500 internal (no Retry-After) and logged; a busy database is 503 with Retry-After', async () => {
    const logged: unknown[] = [];
    let failure: Error = new Error('boom');
    const opened = await factory.open();
    const store: HqStore = Object.create(opened.store) as HqStore;
    Object.assign(store, { stats: () => Promise.reject(failure) });
    const adminToken = newToken();
    const app = await buildHqApp({ store, adminTokenHash: hashSecret(adminToken), logError: (error) => logged.push(error) });
    // The status page reads the figures only for the admin.
    const admin = { authorization: `Bearer ${adminToken}` };
    try {
      const broken = await app.inject({ method: 'GET', url: '/', headers: admin });
      expect(broken.statusCode).toBe(500);
      expect(broken.json()).toEqual({ error: 'internal', message: expect.stringMatching(/unexpected error.*log/) as unknown });
      expect(broken.headers['retry-after']).toBeUndefined();
      expect(logged).toEqual([failure]);

      failure = zodError;
      expect((await app.inject({ method: 'GET', url: '/', headers: admin })).statusCode).toBe(500);

      failure = coded('SQLITE_BUSY', 'database is locked');
      // The status page stays plain text for a person or a monitor (test/unit/server/status-database-unreachable.test.ts).
      const busy = await app.inject({ method: 'GET', url: '/', headers: admin });
      expect(busy.statusCode).toBe(503);
      expect(busy.body).toMatch(/^Lantern HQ is running but cannot reach its database\./);
      expect(busy.headers['retry-after']).toBe('5');
    } finally {
      await app.close();
      await opened.cleanup();
    }
  });

  it('a broken %-escape in the path is 400 invalid-request in the protocol shape, with CORS for an allowed origin', async () => {
    const origin = 'http://127.0.0.1:5199';
    hq = await TestHq.start(factory as StoreFactory, { allowOrigins: [origin] });
    const reply = await hq.request('/v1/admin/devices/%ZZ/revoke', { method: 'POST', token: hq.adminToken, body: {}, headers: { Origin: origin } });
    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    expect(reply.json).toEqual({ error: 'invalid-request', message: expect.stringMatching(/broken %-escape.*Check the address/) as unknown });
    expect(reply.headers.get('access-control-allow-origin')).toBe(origin);
    const other = await hq.request('/v1/files/%G0', { token: hq.adminToken, headers: { Origin: 'http://evil.example' } });
    expect(other.status).toBe(400);
    expect(other.json).toMatchObject({ error: 'invalid-request' });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
