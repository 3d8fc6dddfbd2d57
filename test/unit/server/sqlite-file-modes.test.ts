// The SQLite store's folder and files (database, WAL, shm) are readable by HQ's user only, also when made under umask 022.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore, SQLITE_FILE_NAME } from '../../../server/store/sqlite/sqlite-store';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('SQLite store file modes', () => {
  it('a new store: folder 0700, database, WAL and shm 0600', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'lantern-hq-modes-'));
    dirs.push(parent);
    const previous = process.umask(0o022);
    try {
      const dir = join(parent, 'hq');
      const store = openSqliteStore(dir);
      await store.setAdminTokenHash('h'.repeat(64)); // a write, so the WAL exists
      const file = join(dir, SQLITE_FILE_NAME);
      expect([modeOf(dir), modeOf(file), modeOf(`${file}-wal`), modeOf(`${file}-shm`)]).toEqual([0o700, 0o600, 0o600, 0o600]);
      await store.close();
    } finally {
      process.umask(previous);
    }
  });

  it('an existing store left world-readable is tightened when it is opened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-hq-modes-'));
    dirs.push(dir);
    const file = join(dir, SQLITE_FILE_NAME);
    const first = openSqliteStore(dir);
    await first.setAdminTokenHash('h'.repeat(64));
    await first.close();
    chmodSync(dir, 0o755);
    chmodSync(file, 0o644);
    const warnings: string[] = [];
    const store = openSqliteStore(dir, { warn: (line) => warnings.push(line) });
    await store.setAdminTokenHash('i'.repeat(64));
    expect([modeOf(dir), modeOf(file), modeOf(`${file}-wal`)]).toEqual([0o700, 0o600, 0o600]);
    expect(warnings.join('\n')).toMatch(/readable by other users.*now 0600/s);
    await store.close();
    mkdirSync(join(dir, 'unrelated'), { mode: 0o755 });
    expect(modeOf(join(dir, 'unrelated'))).toBe(0o755); // only HQ's own files are touched
  });

  it('a --data folder holding other files (a home folder) keeps its mode, with a warning; the database files are tightened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-hq-modes-'));
    dirs.push(dir);
    chmodSync(dir, 0o755);
    mkdirSync(join(dir, 'Documents'));
    const warnings: string[] = [];
    const store = openSqliteStore(dir, { warn: (line) => warnings.push(line) });
    await store.setAdminTokenHash('h'.repeat(64));
    expect(modeOf(dir)).toBe(0o755);
    expect(modeOf(join(dir, SQLITE_FILE_NAME))).toBe(0o600);
    expect(warnings.join('\n')).toMatch(/holds other files.*left it as it is/s);
    await store.close();
  });
});
