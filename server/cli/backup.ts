// `npm run hq -- backup`: SQLite's online backup of the HQ database into one file, consistent while HQ runs, then verified.
import { chmodSync, closeSync, existsSync, openSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { latestVersion } from '../store/migration';
import { SQLITE_MIGRATIONS } from '../store/sqlite/migrations';
import { SQLITE_FILE_NAME } from '../store/sqlite/sqlite-store';
import { StoreMissingError } from '../store/store-missing';
import { missingStoreMessage } from './open-store';
import { sqliteContents } from './store-check';

/** A mistake in what was asked (exit 2): nothing was written. */
export class BackupRefusedError extends Error {}

export interface BackupResult {
  readonly file: string;
  readonly bytes: number;
  readonly schemaVersion: number;
  readonly devices: number;
  readonly operations: number;
}

/** Pages copied per step: large steps finish before HQ's next write restarts the copy (each step is one read snapshot). */
const PAGES_PER_STEP = 4096;
/** Progress is shown for databases above this many pages (~40 MB). */
const PROGRESS_ABOVE_PAGES = 10_000;

export async function backupSqlite(dataDir: string, to: string, force: boolean, progress: (line: string) => void): Promise<BackupResult> {
  const source = join(dataDir, SQLITE_FILE_NAME);
  if (!existsSync(source)) throw new StoreMissingError(missingStoreMessage({ kind: 'sqlite', dataDir }));
  // An empty or foreign file is no HQ to back up (and copying it would pass for one later).
  if (sqliteContents(source) !== 'hq') throw new StoreMissingError(`${source} is empty or not an HQ database; check --data. Nothing was copied.`);
  const target = resolve(to);
  if (target === resolve(source)) throw new BackupRefusedError('--to names the live database itself; choose a file outside the data folder.');
  if (existsSync(target)) {
    if (statSync(target).isDirectory()) throw new BackupRefusedError(`${target} is a folder; give --to a file name, e.g. ${join(target, 'lantern-hq.sqlite')}.`);
    if (!force) throw new BackupRefusedError(`${target} already exists; choose another --to, or add --force to replace it.`);
  }
  if (!existsSync(dirname(target))) throw new BackupRefusedError(`The folder ${dirname(target)} does not exist; create it first or choose another --to.`);
  // Inside the data folder a copy could replace the live database's WAL or shm (or be taken for them): never there.
  if (realpathSync(dirname(target)) === realpathSync(dataDir)) throw new BackupRefusedError(`--to is inside the data folder ${dataDir}; choose a file outside it.`);
  // Written beside the target, then renamed: an interrupted backup never leaves a half copy under the real name.
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  closeSync(openSync(partial, 'wx', 0o600)); // the copy holds token hashes: HQ's user only, from the first byte
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    let lastShown = -1;
    let previousRemaining = Infinity;
    let step = PAGES_PER_STEP;
    await db.backup(partial, {
      progress: ({ totalPages, remainingPages }) => {
        // HQ wrote meanwhile and the copy started over: copy the rest in one step (one snapshot; WAL readers block no writer).
        if (remainingPages > previousRemaining) step = totalPages;
        previousRemaining = remainingPages;
        if (totalPages > PROGRESS_ABOVE_PAGES) {
          const percent = Math.floor(((totalPages - remainingPages) / totalPages) * 10) * 10;
          if (percent !== lastShown) progress(`Backing up: ${percent}% of ${Math.round((totalPages * 4096) / 1e6)} MB`);
          lastShown = percent;
        }
        return step;
      },
    });
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    db.close();
  }
  try {
    const verified = verifyCopy(partial);
    chmodSync(partial, 0o600);
    renameSync(partial, target);
    return { file: target, bytes: statSync(target).size, ...verified };
  } catch (error) {
    rmSync(partial, { force: true });
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${partial}${suffix}`, { force: true });
    throw error;
  }
}

/** Opens the copy, checks it is an HQ database this HQ can run, and makes it one self-contained file (no WAL). */
function verifyCopy(file: string): Omit<BackupResult, 'file' | 'bytes'> {
  const copy = new Database(file, { fileMustExist: true });
  try {
    const version = (copy.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
    const meta = copy.prepare('SELECT hq_id FROM hq_meta WHERE id = 1').get();
    if (version < 1 || version > latestVersion(SQLITE_MIGRATIONS) || !meta) throw new Error(`The copy in ${file} is not a complete HQ database (schema version ${version}).`);
    const count = (table: string) => (copy.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    const result = { schemaVersion: version, devices: count('devices'), operations: count('operations') };
    // A rollback-journal database is the whole store in this one file; HQ switches it back to WAL when it opens it.
    copy.pragma('journal_mode = DELETE');
    return result;
  } finally {
    copy.close();
  }
}
