// Migration 4 fills the new exercise column from incidents already stored, also those whose text PostgreSQL's jsonb cannot hold.
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
import type { HqStore } from '../../../server/store/types';
import { announcePostgresSkip, dropSchema, PG_SKIP_REASON, PG_URL } from './support/store-factories';

announcePostgresSkip();

/** Incidents as a version-3 HQ stored them: state is JSON text, where U+0000 and lone surrogates are \u escapes. */
const STORED = [
  { id: '01900000-0000-7000-8000-000000000001', title: 'Drill \u0000 with \uD800 pasted text', exercise: true },
  { id: '01900000-0000-7000-8000-000000000002', title: 'Real \\u0000 (typed) and \uDFFF', exercise: false },
  { id: '01900000-0000-7000-8000-000000000003', title: 'Real, recorded before the mark existed', exercise: undefined },
  { id: '01900000-0000-7000-8000-000000000004', title: 'Drill\\\u0000 after a backslash', exercise: true },
];
const stateOf = (row: (typeof STORED)[number]) =>
  JSON.stringify({ id: row.id, init: null, fields: { title: row.title, ...(row.exercise === undefined ? {} : { exercise: row.exercise }) }, stamps: {}, updatedAt: null });

async function listed(store: HqStore, exercise: boolean): Promise<string[]> {
  return (await store.listIncidents({ exercise, limit: 10 })).states.map((state) => state.id);
}

describe('migration 4: the exercise column (SQLite)', () => {
  it('is filled from the stored state', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-hq-m4-'));
    try {
      const db = new Database(join(dir, SQLITE_FILE_NAME));
      migrateSqlite(db, SQLITE_MIGRATIONS.filter((m) => m.version <= 3));
      const insert = db.prepare('INSERT INTO incidents (id, state, complete, status, updated_at, last_seq) VALUES (?, ?, 1, NULL, NULL, ?)');
      STORED.forEach((row, index) => insert.run(row.id, stateOf(row), index + 1));
      db.close();
      const store = openSqliteStore(dir);
      expect(await listed(store, true)).toEqual([STORED[0]!.id, STORED[3]!.id]);
      expect(await listed(store, false)).toEqual([STORED[1]!.id, STORED[2]!.id]);
      expect((await store.meta()).cursorKey).toMatch(/^[A-Za-z0-9_-]{40,}$/);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.runIf(PG_URL)('migration 4: the exercise column (PostgreSQL)', () => {
  it('is filled from the stored state, whose text jsonb cannot hold', async () => {
    const url = PG_URL!;
    const schema = `lantern_m4_${process.pid}`;
    const pool = new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema}` });
    try {
      const client = await pool.connect();
      try {
        await client.query(`CREATE SCHEMA ${schema}`);
        await migratePostgres(client, POSTGRES_MIGRATIONS.filter((m) => m.version <= 3));
        for (const [index, row] of STORED.entries()) {
          await client.query('INSERT INTO incidents (id, state, complete, status, updated_at, last_seq) VALUES ($1, $2, TRUE, NULL, NULL, $3)', [row.id, stateOf(row), index + 1]);
        }
        // What made the old filter fail: this text is no jsonb.
        await expect(client.query('SELECT state::jsonb FROM incidents')).rejects.toMatchObject({ code: expect.stringMatching(/^22/) as unknown });
      } finally {
        client.release();
      }
      const store = await openPostgresStore({ url, schema });
      expect(await listed(store, true)).toEqual([STORED[0]!.id, STORED[3]!.id]);
      expect(await listed(store, false)).toEqual([STORED[1]!.id, STORED[2]!.id]);
      expect((await store.meta()).cursorKey).toMatch(/^[A-Za-z0-9_-]{40,}$/);
      await store.close();
    } finally {
      await pool.end();
      await dropSchema(url, schema);
    }
  });
});

if (!PG_URL) describe.skip(`migration 4 on PostgreSQL: ${PG_SKIP_REASON}`, () => it('runs with LANTERN_TEST_PG_URL', () => undefined));
