// The status page answers the admin too within its bound when the database hangs (the token check reads the store first).
import { describe, expect, it } from 'vitest';
import { buildHqApp } from '../../../server/app';
import { hashSecret, newToken } from '../../../server/auth/secrets';
import { STATUS_STORE_TIMEOUT_MS } from '../../../server/http/store-timeout';
import type { HqStore } from '../../../server/store/types';
import { STORE_FACTORIES } from './support/store-factories';

describe('status page with a hung database', () => {
  it('answers the admin 503 in plain text within the bound, as it answers anyone', { timeout: 20_000 }, async () => {
    const opened = await STORE_FACTORIES[0]!.open();
    const hung = { now: false };
    // The store as it is, except that its reads never answer once it hangs (a frozen PostgreSQL).
    const store = Object.create(opened.store) as HqStore;
    const gate = <T>(read: () => Promise<T>) => (hung.now ? new Promise<T>(() => undefined) : read());
    Object.assign(store, { meta: () => gate(() => opened.store.meta()), stats: () => gate(() => opened.store.stats()) });
    const token = newToken();
    const app = await buildHqApp({ store, adminTokenHash: hashSecret(token), log: () => undefined, logError: () => undefined, logOutage: () => undefined });
    try {
      hung.now = true;
      const started = Date.now();
      const answer = await Promise.race([
        app.inject({ method: 'GET', url: '/', headers: { authorization: `Bearer ${token}` } }),
        new Promise<null>((resolve) => setTimeout(() => resolve(null), STATUS_STORE_TIMEOUT_MS + 5_000)),
      ]);
      expect(answer, 'no answer within the bound').not.toBeNull();
      expect(answer!.statusCode).toBe(503);
      expect(answer!.body).toContain('cannot reach its database');
      expect(Date.now() - started).toBeLessThan(STATUS_STORE_TIMEOUT_MS + 2_000);
    } finally {
      await app.close();
      await opened.cleanup();
    }
  });
});
