// Migration 5 marks the automatic timeline entries already stored, so only they can give way to a higher-stamped copy.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { POSTGRES_MIGRATIONS } from '../../../server/store/postgres/migrations';
import { migratePostgres } from '../../../server/store/postgres/pg-migrate';
import { openPostgresStore } from '../../../server/store/postgres/postgres-store';
import { SQLITE_MIGRATIONS } from '../../../server/store/sqlite/migrations';
import { migrateSqlite } from '../../../server/store/sqlite/sqlite-migrate';
import { openSqliteStore, SQLITE_FILE_NAME } from '../../../server/store/sqlite/sqlite-store';
import { announcePostgresSkip, dropSchema, PG_URL } from './support/store-factories';

announcePostgresSkip();

/** Entries as a version-4 HQ stored them; only the first is Lantern's own (no position), the third holds a \u0000 escape. */
const STORED = [
  { id: 'e1', author: { name: 'Lantern (automatic)' }, automatic: true },
  { id: 'e2', author: { name: 'Lantern (automatic)', position: 'Duty manager' }, automatic: false },
  { id: 'e3', author: { name: 'Ana Ruiz' }, text: 'pasted \u0000 text', automatic: false },
];
const bodyOf = (row: (typeof STORED)[number]) => JSON.stringify({ id: row.id, kind: 'note', author: row.author, text: row.text ?? 'x' });

describe('migration 5: the automatic column (SQLite)', () => {
  it('marks only entries by Lantern itself', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-hq-m5-'));
    try {
      const before = new Database(join(dir, SQLITE_FILE_NAME));
      migrateSqlite(before, SQLITE_MIGRATIONS.filter((m) => m.version <= 4));
      const insert = before.prepare('INSERT INTO timeline_events (id, incident_id, hlc, server_seq, body) VALUES (?, ?, ?, ?, ?)');
      STORED.forEach((row, index) => insert.run(row.id, 'incident-1', `h${index}`, index + 1, bodyOf(row)));
      before.close();
      await (openSqliteStore(dir)).close();
      const after = new Database(join(dir, SQLITE_FILE_NAME), { readonly: true });
      expect(after.prepare('SELECT id, automatic FROM timeline_events ORDER BY id').all()).toEqual(STORED.map((row) => ({ id: row.id, automatic: row.automatic ? 1 : 0 })));
      after.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.runIf(PG_URL)('migration 5: the automatic column (PostgreSQL)', () => {
  it('marks only entries by Lantern itself, also beside text jsonb cannot hold', async () => {
    const url = PG_URL!;
    const schema = `lantern_m5_${process.pid}`;
    const pool = new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema}` });
    try {
      const client = await pool.connect();
      try {
        await client.query(`CREATE SCHEMA ${schema}`);
        await migratePostgres(client, POSTGRES_MIGRATIONS.filter((m) => m.version <= 4));
        for (const [index, row] of STORED.entries()) {
          await client.query('INSERT INTO timeline_events (id, incident_id, hlc, server_seq, body) VALUES ($1, $2, $3, $4, $5)', [row.id, 'incident-1', `h${index}`, index + 1, bodyOf(row)]);
        }
      } finally {
        client.release();
      }
      await (await openPostgresStore({ url, schema })).close();
      const { rows } = await pool.query('SELECT id, automatic FROM timeline_events ORDER BY id');
      expect(rows).toEqual(STORED.map((row) => ({ id: row.id, automatic: row.automatic })));
    } finally {
      await pool.end();
      await dropSchema(url, schema);
    }
  });
});
