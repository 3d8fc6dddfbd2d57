// Opens the store the command line names: SQLite in a folder or PostgreSQL at a URL; only `serve` may create one.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openPostgresStore } from '../store/postgres/postgres-store';
import { openSqliteStore, SQLITE_FILE_NAME } from '../store/sqlite/sqlite-store';
import { StoreMissingError } from '../store/store-missing';
import type { HqStore } from '../store/types';
import type { StoreLocation } from './args';
import { NotAnHqStoreError, postgresContents, sqliteContents } from './store-check';

/** Opens the store, creating it (and migrating it) when it is not there yet: for starting HQ. */
export async function openStore(location: StoreLocation): Promise<HqStore> {
  // A database that holds another program's tables is not made into an HQ (HQ's tables beside theirs, a new admin token).
  const contents = location.kind === 'sqlite' ? sqliteContents(sqliteFile(location)) : await postgresContents(location.url, location.schema);
  if (contents === 'foreign') throw new NotAnHqStoreError(foreignStoreMessage(location));
  // A 0-byte file where HQ's database belongs is a failed restore copy far more often than a wish for a new HQ.
  if (location.kind === 'sqlite' && isZeroBytes(sqliteFile(location))) {
    throw new NotAnHqStoreError(
      `${sqliteFile(location)} is empty (0 bytes): if you restored a backup, the copy failed; restore it again (${RESTORE_DOC}). ` +
        'To start a new HQ here instead, delete the file. Nothing was changed.',
    );
  }
  if (location.kind === 'sqlite') return openSqliteStore(location.dataDir);
  return openPostgresStore({ url: location.url, schema: location.schema });
}

/** Opens a store that exists (enroll, new-epoch, backup); throws StoreMissingError, with what to check, when there is none. */
export async function openExistingStore(location: StoreLocation): Promise<HqStore> {
  if (location.kind === 'sqlite') {
    const file = sqliteFile(location);
    // The file exists but is empty or another program's: opening it would make a new HQ there (new id, epoch, tables).
    if (existsSync(file) && sqliteContents(file) !== 'hq') {
      throw new StoreMissingError(`${file} is empty or not an HQ database; check the restore (${RESTORE_DOC}) or --data. Nothing was changed.`);
    }
  }
  try {
    if (location.kind === 'sqlite') return openSqliteStore(location.dataDir, { mustExist: true });
    return await openPostgresStore({ url: location.url, schema: location.schema, mustExist: true });
  } catch (error) {
    if (error instanceof StoreMissingError) throw new StoreMissingError(missingStoreMessage(location));
    throw error;
  }
}

const RESTORE_DOC = 'see "Backup and restore" in docs/sync-protocol.md';

function sqliteFile(location: Extract<StoreLocation, { kind: 'sqlite' }>): string {
  return join(location.dataDir, SQLITE_FILE_NAME);
}

function foreignStoreMessage(location: StoreLocation): string {
  if (location.kind === 'sqlite') {
    return `${sqliteFile(location)} holds another program's tables, not HQ's; HQ will not add its own beside them. Choose another --data (an empty folder for a new HQ). Nothing was changed.`;
  }
  return `${describeStore(location)} holds another program's tables, not HQ's; HQ will not add its own beside them. Give HQ a schema of its own with --database-schema (e.g. --database-schema lantern). Nothing was changed.`;
}

export function missingStoreMessage(location: StoreLocation): string {
  if (location.kind === 'sqlite') {
    return `No HQ database at ${join(location.dataDir, SQLITE_FILE_NAME)}; check --data (HQ creates its database only when it starts: npm run hq -- --data DIR). Nothing was created.`;
  }
  return `No HQ database at ${describeStore(location)}; check --database and --database-schema (HQ creates its tables only when it starts with them). Nothing was created.`;
}

export function describeStore(location: StoreLocation): string {
  if (location.kind === 'sqlite') return `SQLite in ${location.dataDir}`;
  const url = new URL(location.url);
  return `PostgreSQL at ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}${location.schema ? ` (schema ${location.schema})` : ''}`;
}

function isZeroBytes(file: string): boolean {
  return existsSync(file) && statSync(file).size === 0;
}
