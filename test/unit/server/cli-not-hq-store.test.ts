// The CLI refuses a database that is not HQ's (empty, another program's, damaged) and says what to do; nothing in it changes.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { runHqCli } from './support/hq-process';
import { dropSchema, PG_URL } from './support/store-factories';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-hq-not-hq-'));
  dirs.push(dir);
  return dir;
}

function runAs(args: readonly string[], user: { uid?: number; gid?: number }): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'], ...user });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

function tables(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((row) => row.name);
  } finally {
    db.close();
  }
}

describe('SQLite files that are not an HQ database', () => {
  it('an empty (0-byte) file: new-epoch, enroll and revoke refuse with exit 2 and leave it empty', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const file = join(dir, 'lantern-hq.sqlite');
    writeFileSync(file, '');
    for (const args of [['new-epoch'], ['enroll', '--name', 'Laptop 7'], ['revoke', '--device', 'laptop-7']]) {
      const result = await runHqCli([...args, '--data', dir]);
      expect(result.code, args[0]).toBe(2);
      expect(result.stderr).toContain(`${file} is empty or not an HQ database; check the restore`);
      expect(result.stdout).not.toMatch(/New epoch|Enrollment code/);
      expect(statSync(file).size).toBe(0);
      expect(readdirSync(dir)).toEqual(['lantern-hq.sqlite']);
    }
    // Starting HQ on it would make a new HQ (id, epoch, admin token) out of a failed restore copy: refused too.
    const serve = await runHqCli(['--data', dir, '--port', '0']);
    expect(serve.code).toBe(1);
    expect(serve.stderr).toContain(`${file} is empty (0 bytes): if you restored a backup, the copy failed`);
    expect(serve.stdout).not.toMatch(/Admin token|listening/);
    expect(statSync(file).size).toBe(0);
    // Nor is it backed up as if it were an HQ.
    const backup = await runHqCli(['backup', '--data', dir, '--to', join(tempDir(), 'copy.sqlite')]);
    expect(backup.code).toBe(2);
    expect(backup.stderr).toContain(`${file} is empty or not an HQ database`);
  });

  it('another program\'s database: new-epoch refuses (exit 2), starting HQ refuses (exit 1, no admin token); its tables stay alone', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const file = join(dir, 'lantern-hq.sqlite');
    const db = new Database(file);
    db.exec("CREATE TABLE patients (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO patients (name) VALUES ('x')");
    db.close();
    const before = readFileSync(file);

    const epoch = await runHqCli(['new-epoch', '--data', dir]);
    expect(epoch.code).toBe(2);
    expect(epoch.stderr).toMatch(/is empty or not an HQ database/);
    const backup = await runHqCli(['backup', '--data', dir, '--to', join(tempDir(), 'copy.sqlite')]);
    expect(backup.code).toBe(2);
    expect(backup.stderr).toMatch(/is empty or not an HQ database; check --data\. Nothing was copied\./);

    const serve = await runHqCli(['--data', dir, '--port', '0']);
    expect(serve.code).toBe(1);
    expect(serve.stderr).toContain(`${file} holds another program's tables, not HQ's`);
    expect(serve.stderr).toMatch(/Choose another --data/);
    expect(serve.stdout).not.toMatch(/Admin token|listening/);
    expect(tables(file)).toEqual(['patients']);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('a damaged file: the message names it and suggests restoring a backup (exit 1)', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const file = join(dir, 'lantern-hq.sqlite');
    writeFileSync(file, 'this is not a database at all, only text');
    for (const args of [['new-epoch', '--data', dir], ['--data', dir, '--port', '0']]) {
      const result = await runHqCli(args);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`${file} is damaged or not a database`);
      expect(result.stderr).toMatch(/Restore it from a backup/);
      expect(result.stdout).not.toMatch(/Admin token/);
    }
    expect(readFileSync(file, 'utf8')).toBe('this is not a database at all, only text');
  });

  it('a data folder HQ may not create: named as a permission problem on that path, not as a port problem', { timeout: 30_000 }, async () => {
    const dir = tempDir();
    const locked = join(dir, 'ro');
    mkdirSync(locked, { mode: 0o555 });
    chmodSync(dir, 0o755);
    const data = join(locked, 'hq');
    // Root may write anywhere: as root, run HQ as "nobody" (as an operator's service user would be).
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const result = await runAs(['--data', data, '--port', '0'], asUser);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`HQ may not write to ${data} (permission denied): give the HQ user write access, or choose another --data.`);
    expect(result.stderr).not.toMatch(/port/);
    expect(readdirSync(locked)).toEqual([]);
  });
});

describe.skipIf(!PG_URL)('PostgreSQL', () => {
  const url = PG_URL ?? '';
  const schema = `lantern_foreign_${process.pid}`;
  afterAll(async () => {
    await dropSchema(url, schema);
  });

  it('a schema holding another program\'s tables: starting HQ refuses (exit 1) and adds nothing to it', { timeout: 60_000 }, async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA ${schema}`);
      await client.query(`CREATE TABLE ${schema}.patients (id INTEGER PRIMARY KEY)`);
      const result = await runHqCli(['--database', url, '--database-schema', schema, '--port', '0']);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/holds another program's tables, not HQ's.*--database-schema/);
      expect(result.stdout).not.toMatch(/Admin token/);
      const { rows } = await client.query<{ tablename: string }>('SELECT tablename FROM pg_tables WHERE schemaname = $1', [schema]);
      expect(rows.map((row) => row.tablename)).toEqual(['patients']);
    } finally {
      await client.end();
    }
  });

  it('a wrong password and an unknown database are said in plain words naming --database', { timeout: 60_000 }, async () => {
    const wrong = new URL(url);
    wrong.password = 'not-the-password';
    const password = await runHqCli(['--database', wrong.toString(), '--port', '0']);
    expect(password.code).toBe(1);
    expect(password.stderr).toMatch(/refused the password of user "[^"]+"; check the user name and password in --database/);
    expect(password.stderr).not.toContain('not-the-password');

    const missing = new URL(url);
    missing.pathname = '/no_such_lantern_db';
    const database = await runHqCli(['--database', missing.toString(), '--port', '0']);
    expect(database.code).toBe(1);
    expect(database.stderr).toMatch(/no database "no_such_lantern_db"; check the name/);
  });
});
