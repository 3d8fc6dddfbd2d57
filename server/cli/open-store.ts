// Opens the store the command line names: SQLite in a folder or PostgreSQL at a URL; only `serve` may create one.
import { join } from 'node:path';
import { openPostgresStore } from '../store/postgres/postgres-store';
import { openSqliteStore, SQLITE_FILE_NAME } from '../store/sqlite/sqlite-store';
import { StoreMissingError } from '../store/store-missing';
import type { HqStore } from '../store/types';
import type { StoreLocation } from './args';

/** Opens the store, creating it (and migrating it) when it is not there yet: for starting HQ. */
export async function openStore(location: StoreLocation): Promise<HqStore> {
  if (location.kind === 'sqlite') return openSqliteStore(location.dataDir);
  return openPostgresStore({ url: location.url, schema: location.schema });
}

/** Opens a store that exists (enroll, new-epoch, backup); throws StoreMissingError, with what to check, when there is none. */
export async function openExistingStore(location: StoreLocation): Promise<HqStore> {
  try {
    if (location.kind === 'sqlite') return openSqliteStore(location.dataDir, { mustExist: true });
    return await openPostgresStore({ url: location.url, schema: location.schema, mustExist: true });
  } catch (error) {
    if (error instanceof StoreMissingError) throw new StoreMissingError(missingStoreMessage(location));
    throw error;
  }
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
