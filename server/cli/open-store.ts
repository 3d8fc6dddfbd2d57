// Opens the store the command line names: SQLite in a folder or PostgreSQL at a URL.
import { openPostgresStore } from '../store/postgres/postgres-store';
import { openSqliteStore } from '../store/sqlite/sqlite-store';
import type { HqStore } from '../store/types';
import type { StoreLocation } from './args';

export async function openStore(location: StoreLocation): Promise<HqStore> {
  if (location.kind === 'sqlite') return openSqliteStore(location.dataDir);
  return openPostgresStore({ url: location.url, schema: location.schema });
}

export function describeStore(location: StoreLocation): string {
  if (location.kind === 'sqlite') return `SQLite in ${location.dataDir}`;
  const url = new URL(location.url);
  return `PostgreSQL at ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}${location.schema ? ` (schema ${location.schema})` : ''}`;
}
