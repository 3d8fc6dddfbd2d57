// Store lifecycle: migrations recorded and applied once, identity kept across restarts, a newer schema refused.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../../server/store/postgres/postgres-store';
import { openSqliteStore, SQLITE_FILE_NAME } from '../../../server/store/sqlite/sqlite-store';
import { announcePostgresSkip, dropSchema, PG_SKIP_REASON, PG_URL } from './support/store-factories';

announcePostgresSkip();
const dir = mkdtempSync(join(tmpdir(), 'lantern-hq-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SQLite store lifecycle', () => {
  it('creates the database on first open, keeps hqId/epoch/admin hash on reopen, and uses WAL', async () => {
    const first = openSqliteStore(dir);
    await first.setAdminTokenHash('h');
    const meta = await first.meta();
    await first.close();
    const again = openSqliteStore(dir);
    expect(await again.meta()).toEqual({ ...meta, adminTokenHash: 'h' });
    await again.close();
    const db = new Database(join(dir, SQLITE_FILE_NAME));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT version, name FROM schema_migrations').all()).toEqual([
      { version: 1, name: 'initial schema' },
      { version: 2, name: 'device-bound enrollment codes, partial uploads per device' },
      { version: 3, name: 'change feed of the read API' },
      { version: 4, name: 'exercise column, pull-cursor signing key' },
      { version: 5, name: 'automatic timeline entries' },
      { version: 6, name: 'last retry-later answer per device' },
      { version: 7, name: 'file size per reference' },
    ]);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, ?, 0)').run('from the future');
    db.close();
    expect(() => openSqliteStore(dir)).toThrow(/schema version 99.*Update Lantern HQ/);
  });
});

describe.runIf(PG_URL)('PostgreSQL store lifecycle', () => {
  it('migrates once even when two HQ instances start at the same time, and refuses a newer schema', async () => {
    const url = PG_URL!;
    const schema = `lantern_mig_${process.pid}`;
    try {
      const [a, b] = await Promise.all([openPostgresStore({ url, schema }), openPostgresStore({ url, schema })]);
      expect(await a.meta()).toEqual(await b.meta());
      await Promise.all([a.close(), b.close()]);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      expect((await client.query(`SELECT version FROM ${schema}.schema_migrations ORDER BY version`)).rows).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }, { version: 4 }, { version: 5 }, { version: 6 }, { version: 7 }]);
      await client.query(`INSERT INTO ${schema}.schema_migrations (version, name, applied_at) VALUES (99, 'future', 0)`);
      await client.end();
      await expect(openPostgresStore({ url, schema })).rejects.toThrow(/schema version 99/);
    } finally {
      await dropSchema(url, schema);
    }
  });
});

if (!PG_URL) describe.skip(`PostgreSQL store lifecycle: ${PG_SKIP_REASON}`, () => it('runs with LANTERN_TEST_PG_URL', () => undefined));
