// `npm run hq -- backup`: a consistent copy of a running SQLite HQ (recent writes in the WAL included), never over a file by accident.
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { parseHqArgs } from '../../../server/cli/args';
import { openSqliteStore } from '../../../server/store/sqlite/sqlite-store';
import { runHqCli } from './support/hq-process';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-hq-backup-'));
  dirs.push(dir);
  return dir;
}

describe('backup arguments', () => {
  it('reads --data, --to and --force', () => {
    expect(parseHqArgs(['backup', '--data', 'd', '--to', 'b.sqlite'])).toEqual({ kind: 'backup', store: { kind: 'sqlite', dataDir: 'd' }, to: 'b.sqlite', force: false });
    expect(parseHqArgs(['backup', '--data', 'd', '--to=b.sqlite', '--force'])).toMatchObject({ kind: 'backup', force: true });
  });

  it('asks for --to, refuses --force elsewhere and PostgreSQL with the pg_dump way instead', () => {
    expect(parseHqArgs(['backup', '--data', 'd'])).toMatchObject({ kind: 'error', message: expect.stringMatching(/backup needs --to FILE/) });
    expect(parseHqArgs(['--data', 'd', '--force'])).toMatchObject({ kind: 'error', message: expect.stringMatching(/--force belongs to "backup"/) });
    expect(parseHqArgs(['backup', '--database', 'postgres://u:p@h/db', '--database-schema', 'lantern', '--to', 'x'])).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/pg_dump .*-n lantern/),
    });
  });
});

describe('backup of a running HQ', () => {
  it('copies what is still only in the WAL, verifies the copy, refuses to overwrite without --force', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const store = openSqliteStore(dir); // stays open, as a running HQ: its recent writes are in the WAL, not the main file
    try {
      const epoch = await store.bumpEpoch();
      await store.setAdminTokenHash('h'.repeat(64));
      expect(statSync(join(dir, 'lantern-hq.sqlite-wal')).size).toBeGreaterThan(0);
      const to = join(tempDir(), 'hq-backup.sqlite');

      const first = await runHqCli(['backup', '--data', dir, '--to', to]);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/Backup written to .*hq-backup\.sqlite.*schema version \d+/s);
      expect(statSync(to).mode & 0o777).toBe(0o600);
      const copy = new Database(to, { readonly: true, fileMustExist: true });
      try {
        expect(copy.prepare('SELECT epoch, admin_token_hash FROM hq_meta').get()).toEqual({ epoch, admin_token_hash: 'h'.repeat(64) });
      } finally {
        copy.close();
      }

      const again = await runHqCli(['backup', '--data', dir, '--to', to]);
      expect(again.code).toBe(2);
      expect(again.stderr).toMatch(/already exists.*--force/);
      const forced = await runHqCli(['backup', '--data', dir, '--to', to, '--force']);
      expect(forced.code).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('a missing store is a usage error and no backup file appears', { timeout: 30_000 }, async () => {
    const to = join(tempDir(), 'b.sqlite');
    const result = await runHqCli(['backup', '--data', join(tempDir(), 'typo'), '--to', to]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/No HQ database at .*check --data/);
    expect(existsSync(to)).toBe(false);
  });

  it('a target that is not an HQ backup path (a folder) is refused with a message', { timeout: 30_000 }, async () => {
    const dir = tempDir();
    await openSqliteStore(dir).close();
    const target = tempDir();
    writeFileSync(join(target, 'x'), 'x');
    const result = await runHqCli(['backup', '--data', dir, '--to', target, '--force']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is a folder/);
  });

  it('a target inside the data folder (e.g. over the live WAL) is refused and the WAL stays as it was', { timeout: 30_000 }, async () => {
    const dir = tempDir();
    const store = openSqliteStore(dir);
    await store.setAdminTokenHash('h'.repeat(64)); // a write, so the WAL exists
    const wal = join(dir, 'lantern-hq.sqlite-wal');
    const before = statSync(wal).size;
    const result = await runHqCli(['backup', '--data', dir, '--to', wal, '--force']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/inside the data folder/);
    expect(statSync(wal).size).toBe(before);
    await store.close();
  });
});
