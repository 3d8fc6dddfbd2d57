// A first start that fails leaves no half-made SQLite store behind: the next start is a first start again.
import { existsSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SQLITE_FILE_NAME } from '../store/sqlite/sqlite-store';
import type { StoreLocation } from './args';

export interface NewStoreFiles {
  /** Removes the database (and the folder, if this start made it and it is empty): call only after the store is closed. */
  removeIfStillNew(): void;
}

/** null when the store is not SQLite or its database exists already (then nothing is ever removed). */
export function newSqliteFiles(location: StoreLocation): NewStoreFiles | null {
  if (location.kind !== 'sqlite') return null;
  const dir = location.dataDir;
  const file = join(dir, SQLITE_FILE_NAME);
  if (existsSync(file)) return null;
  const dirIsNew = !existsSync(dir);
  return {
    removeIfStillNew() {
      for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
      if (dirIsNew && existsSync(dir) && readdirSync(dir).length === 0) rmdirSync(dir);
    },
  };
}
