// The stores the protocol suite runs against: SQLite in a temp dir always; PostgreSQL when LANTERN_TEST_PG_URL is set.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openPostgresStore } from '../../../../server/store/postgres/postgres-store';
import { openSqliteStore } from '../../../../server/store/sqlite/sqlite-store';
import type { HqStore } from '../../../../server/store/types';

export interface OpenedStore {
  readonly store: HqStore;
  readonly cleanup: () => Promise<void>;
}

export interface StoreFactory {
  readonly name: 'sqlite' | 'postgres';
  open(): Promise<OpenedStore>;
}

export const PG_URL = process.env.LANTERN_TEST_PG_URL;
export const PG_SKIP_REASON = 'LANTERN_TEST_PG_URL is not set, so the PostgreSQL store is not tested here (.ci/run sets it; locally: see .ci/run for the setup)';

const sqlite: StoreFactory = {
  name: 'sqlite',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-hq-test-'));
    const store = openSqliteStore(dir);
    return {
      store,
      cleanup: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

/** Each opened store gets its own schema, dropped afterwards, so test files can run in parallel on one database. */
function postgres(url: string): StoreFactory {
  return {
    name: 'postgres',
    async open() {
      const schema = `lantern_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
      const store = await openPostgresStore({ url, schema, maxConnections: 8 });
      return {
        store,
        cleanup: async () => {
          await store.close();
          await dropSchema(url, schema);
        },
      };
    },
  };
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

export const STORE_FACTORIES: readonly StoreFactory[] = PG_URL ? [sqlite, postgres(PG_URL)] : [sqlite];

let warned = false;
/** Says out loud, once per test file, that PostgreSQL is skipped. */
export function announcePostgresSkip(): void {
  if (PG_URL || warned) return;
  warned = true;
  console.warn(`[server tests] PostgreSQL skipped: ${PG_SKIP_REASON}`);
}
