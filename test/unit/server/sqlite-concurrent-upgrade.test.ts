// Two HQ processes opening an older SQLite database at once (a second HQ, or `npm run hq -- enroll/new-epoch`): both
// start, and each migration is applied once (the version is read again under the write lock).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SQLITE_MIGRATIONS } from '../../../server/store/sqlite/migrations';
import { migrateSqlite } from '../../../server/store/sqlite/sqlite-migrate';
import { SQLITE_FILE_NAME } from '../../../server/store/sqlite/sqlite-store';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'lantern-upgrade-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runCli(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('SQLite migration of an existing database by two processes', () => {
  it('both processes start; each migration is applied once', { timeout: 60_000 }, async () => {
    // A database made by the previous release (schema version 1), in WAL mode.
    const file = join(dir, SQLITE_FILE_NAME);
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    migrateSqlite(db, SQLITE_MIGRATIONS.filter((m) => m.version === 1));
    db.prepare("INSERT INTO hq_meta (id, hq_id, epoch, created_at) VALUES (1, 'hq', 'e0', 0)").run();
    // Keep the write lock for a moment (a push committing), so both processes reach their migration together.
    db.exec('BEGIN IMMEDIATE');
    const a = runCli(['new-epoch', '--data', dir]);
    const b = runCli(['new-epoch', '--data', dir]);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    db.exec('COMMIT');
    const results = await Promise.all([a, b]);
    const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all();
    db.close();
    expect(versions).toEqual(SQLITE_MIGRATIONS.map((m) => ({ version: m.version })));
    expect(results.map((r) => r.code), results.map((r) => r.output).join('\n---\n')).toEqual([0, 0]);
  });
});
