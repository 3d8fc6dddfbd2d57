// The admin token is read from the store (cached a few seconds): rotating it on one instance ends the old one everywhere.
import { afterEach, describe, expect, it } from 'vitest';
import { buildHqApp } from '../../../server/app';
import { hashSecret, newToken } from '../../../server/auth/secrets';
import { PROTOCOL_VERSION } from '../../../shared/sync/wire';
import { announcePostgresSkip, STORE_FACTORIES, type OpenedStore } from './support/store-factories';

announcePostgresSkip();

describe.each(STORE_FACTORIES)('admin token rotation ($name)', (factory) => {
  let opened: OpenedStore | undefined;
  const apps: Awaited<ReturnType<typeof buildHqApp>>[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
    await opened?.cleanup();
    opened = undefined;
  });

  it('an instance started with a new token ends the old one on every instance within seconds, without a restart', async () => {
    opened = await factory.open();
    let now = 1_000_000;
    const clock = { now: () => now };
    const oldToken = newToken();
    await opened.store.setAdminTokenHash(hashSecret(oldToken));
    const urls: string[] = [];
    for (let i = 0; i < 2; i++) {
      const app = await buildHqApp({ store: opened.store, clock, log: () => undefined, logError: () => undefined });
      apps.push(app);
      urls.push(await app.listen({ port: 0, host: '127.0.0.1' }));
    }
    const status = async (url: string, token: string) =>
      (await fetch(`${url}/v1/admin/devices`, { headers: { Authorization: `Bearer ${token}`, 'Lantern-Protocol': String(PROTOCOL_VERSION) } })).status;
    expect(await status(urls[0]!, oldToken)).toBe(200);
    expect(await status(urls[1]!, oldToken)).toBe(200);

    // Another instance starts with --admin-token-file holding a new token: it stores the new hash.
    const newer = newToken();
    await opened.store.setAdminTokenHash(hashSecret(newer));
    now += 6_000;
    for (const url of urls) {
      expect(await status(url, oldToken)).toBe(401);
      expect(await status(url, newer)).toBe(200);
    }
  });

  it('an app given adminTokenHash stores it, so every instance over the store accepts that token', async () => {
    opened = await factory.open();
    const token = newToken();
    const app = await buildHqApp({ store: opened.store, adminTokenHash: hashSecret(token), log: () => undefined, logError: () => undefined });
    apps.push(app);
    expect((await opened.store.meta()).adminTokenHash).toBe(hashSecret(token));
  });
});
