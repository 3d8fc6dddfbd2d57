// Starts HQ in-process (buildHqApp on 127.0.0.1:0) over a fresh SQLite folder or PostgreSQL schema, with enrollment helpers.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildHqApp } from '../../../server/app';
import { hashEnrollmentCode, hashSecret, newEnrollmentCode, newToken } from '../../../server/auth/secrets';
import { openPostgresStore } from '../../../server/store/postgres/postgres-store';
import { openSqliteStore } from '../../../server/store/sqlite/sqlite-store';
import type { HqStore } from '../../../server/store/types';
import { newBenchSchema } from './pg-bench-schema';


export interface HqInstance {
  url: string;
  store: HqStore;
  /** A one-time enrollment code, as the admin API or `npm run hq -- enroll` issues it. */
  issueCode(name: string): Promise<string>;
  /** Enrolls `deviceId` (code issued and redeemed in the store, as POST /v1/enroll does); returns the device token. */
  enroll(deviceId: string): Promise<string>;
  close(): Promise<void>;
}

async function openStore(kind: 'sqlite' | 'postgres'): Promise<{ store: HqStore; cleanup: () => Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = await mkdtemp(join(tmpdir(), 'lantern-bench-hq-'));
    const store = openSqliteStore(dir);
    return { store, cleanup: () => rm(dir, { recursive: true, force: true }) };
  }
  const { url, schema, drop } = newBenchSchema();
  const store = await openPostgresStore({ url, schema });
  return { store, cleanup: drop };
}

export async function startHq(kind: 'sqlite' | 'postgres', allowOrigins: readonly string[] = []): Promise<HqInstance> {
  const { store, cleanup } = await openStore(kind);
  const app = await buildHqApp({ store, adminTokenHash: hashSecret(newToken()), allowOrigins, logError: (error) => console.error('HQ error during bench:', error) });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const issueCode = async (name: string) => {
    const code = newEnrollmentCode();
    await store.createEnrollment({ codeHash: hashEnrollmentCode(code), name, createdAt: Date.now(), expiresAt: Date.now() + 3_600_000, forDeviceId: null });
    return code;
  };
  return {
    url,
    store,
    issueCode,
    async enroll(deviceId) {
      const code = await issueCode(`Bench ${deviceId}`);
      const token = newToken();
      const outcome = await store.redeemEnrollment({ codeHash: hashEnrollmentCode(code), deviceId, deviceName: `Bench ${deviceId}`, tokenHash: hashSecret(token), now: Date.now() });
      if (outcome !== 'enrolled') throw new Error(`enrollment of ${deviceId} failed: ${outcome}`);
      return token;
    },
    async close() {
      await app.close();
      await store.close();
      await cleanup();
    },
  };
}
