// Migration 7 keeps a size per file reference: a file whose size a first (hostile) claim fixed becomes uploadable again.
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
import { announcePostgresSkip, dropSchema, PG_URL } from './support/store-factories';

announcePostgresSkip();

const BLOCKED = 'a'.repeat(64);
const DONE = 'b'.repeat(64);
const HOSTILE_SIZE = 9e15;

/** What a version-6 HQ held after the attack: the blocked file's size is the hostile claim's, for every reference. */
const OPS = [
  // Device D claimed the file (push `files`, nothing in its body) with a made-up size, first.
  { seq: 1, opId: 'op-d', device: 'dev-d', body: { opId: 'op-d', event: { text: 'innocuous' } } },
  // Device A's operation attaches the real file; its text holds an escape PostgreSQL's jsonb cannot hold.
  { seq: 2, opId: 'op-a', device: 'dev-a', body: { opId: 'op-a', event: { text: 'pasted \u0000 text' }, attachments: [{ sha256: BLOCKED, name: 'consent.pdf', type: 'application/pdf', size: 24 }] } },
  { seq: 3, opId: 'op-c', device: 'dev-a', body: { opId: 'op-c', event: { text: 'photo' }, attachments: [{ sha256: DONE, name: 'p.jpg', type: 'image/jpeg', size: 10 }] } },
];
const FILES = [
  { sha256: BLOCKED, size: HOSTILE_SIZE, complete: false },
  { sha256: DONE, size: 10, complete: true },
];
const REFS = [
  { sha256: BLOCKED, opId: 'op-d' },
  { sha256: BLOCKED, opId: 'op-a' },
  { sha256: DONE, opId: 'op-c' },
];

const EXPECTED_REFS = [
  { sha256: BLOCKED, op_id: 'op-a', size: 24 },
  { sha256: BLOCKED, op_id: 'op-d', size: HOSTILE_SIZE },
  { sha256: DONE, op_id: 'op-c', size: 10 },
];

/** After the migration the real upload is taken at A's size: the first chunk is stored, not refused. */
async function expectUploadable(store: HqStore): Promise<void> {
  expect(await store.missingFiles(10)).toEqual([
    { sha256: BLOCKED, size: 24, received: 0, complete: false, opIds: ['op-a'] },
    { sha256: BLOCKED, size: HOSTILE_SIZE, received: 0, complete: false, opIds: ['op-d'] },
  ]);
  const outcome = await store.putFileChunk({ sha256: BLOCKED, deviceId: 'dev-a', size: 24, offset: 0, bytes: new Uint8Array(4), now: 2 });
  expect(outcome).toMatchObject({ kind: 'stored', file: { size: 24, received: 4, complete: false } });
  expect(await store.file(DONE)).toEqual({ sha256: DONE, size: 10, received: 10, complete: true });
}

describe('migration 7: file size per reference (SQLite)', () => {
  it('each reference takes its operation’s attachment size, else the size HQ held; an incomplete file’s size is no longer fixed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-hq-m7-'));
    try {
      const before = new Database(join(dir, SQLITE_FILE_NAME));
      migrateSqlite(before, SQLITE_MIGRATIONS.filter((m) => m.version <= 6));
      const insertOp = before.prepare('INSERT INTO operations (server_seq, op_id, device_id, device_seq, incident_id, hlc, body, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1)');
      for (const op of OPS) insertOp.run(op.seq, op.opId, op.device, op.seq, 'incident-1', `h${op.seq}`, JSON.stringify(op.body));
      for (const file of FILES) before.prepare('INSERT INTO files (sha256, size, received, complete, created_at) VALUES (?, ?, ?, ?, 1)').run(file.sha256, file.size, file.complete ? file.size : 0, file.complete ? 1 : 0);
      for (const ref of REFS) before.prepare('INSERT INTO file_refs (sha256, op_id) VALUES (?, ?)').run(ref.sha256, ref.opId);
      before.close();

      const store = openSqliteStore(dir);
      try {
        await expectUploadable(store);
      } finally {
        await store.close();
      }
      const after = new Database(join(dir, SQLITE_FILE_NAME), { readonly: true });
      expect(after.prepare('SELECT sha256, op_id, size FROM file_refs ORDER BY sha256, op_id').all()).toEqual(EXPECTED_REFS);
      expect(after.prepare('SELECT sha256, size FROM files ORDER BY sha256').all()).toEqual([
        { sha256: BLOCKED, size: null },
        { sha256: DONE, size: 10 },
      ]);
      after.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.runIf(PG_URL)('migration 7: file size per reference (PostgreSQL)', () => {
  it('each reference takes its operation’s attachment size, else the size HQ held, also beside text jsonb cannot hold', async () => {
    const url = PG_URL!;
    const schema = `lantern_m7_${process.pid}`;
    const pool = new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema}` });
    try {
      const client = await pool.connect();
      try {
        await client.query(`CREATE SCHEMA ${schema}`);
        await migratePostgres(client, POSTGRES_MIGRATIONS.filter((m) => m.version <= 6));
        for (const op of OPS) {
          await client.query('INSERT INTO operations (server_seq, op_id, device_id, device_seq, incident_id, hlc, body, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 1)', [
            op.seq,
            op.opId,
            op.device,
            op.seq,
            'incident-1',
            `h${op.seq}`,
            JSON.stringify(op.body),
          ]);
        }
        for (const file of FILES) {
          await client.query('INSERT INTO files (sha256, size, received, complete, created_at) VALUES ($1, $2, $3, $4, 1)', [file.sha256, file.size, file.complete ? file.size : 0, file.complete]);
        }
        for (const ref of REFS) await client.query('INSERT INTO file_refs (sha256, op_id) VALUES ($1, $2)', [ref.sha256, ref.opId]);
      } finally {
        client.release();
      }
      const store = await openPostgresStore({ url, schema });
      try {
        await expectUploadable(store);
      } finally {
        await store.close();
      }
      const refs = await pool.query<{ sha256: string; op_id: string; size: string }>('SELECT sha256, op_id, size FROM file_refs ORDER BY sha256, op_id');
      expect(refs.rows.map((row) => ({ ...row, size: Number(row.size) }))).toEqual(EXPECTED_REFS);
      const files = await pool.query<{ sha256: string; size: string | null }>('SELECT sha256, size FROM files ORDER BY sha256');
      expect(files.rows.map((row) => ({ sha256: row.sha256, size: row.size === null ? null : Number(row.size) }))).toEqual([
        { sha256: BLOCKED, size: null },
        { sha256: DONE, size: 10 },
      ]);
    } finally {
      await pool.end();
      await dropSchema(url, schema);
    }
  });
});
