// Before the CLI opens a store (which creates and migrates HQ's tables): is this really HQ's database, or an empty or foreign one?
import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';

/** A database that is not HQ's: nothing was changed in it. The message names it and says what to do. */
export class NotAnHqStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotAnHqStoreError';
  }
}

/** HQ's own bookkeeping table; a store whose only table is this one is a first start that failed half-way. */
const HQ_MARK_TABLE = 'hq_meta';
const MIGRATIONS_TABLE = 'schema_migrations';

export type StoreContents = 'hq' | 'empty' | 'foreign';

/** What the SQLite file holds, read without changing anything; 'empty' also when there is no file. Throws SQLite's error for a damaged file. */
export function sqliteContents(file: string): StoreContents {
  if (!existsSync(file) || statSync(file).size === 0) return 'empty';
  // Read-write (nothing is written): a read-only connection to a WAL database would leave -wal and -shm files behind.
  const db = new Database(file, { fileMustExist: true });
  try {
    const rows = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    return classify(rows.map((row) => row.name));
  } finally {
    db.close();
  }
}

/** The same for PostgreSQL, in the schema HQ would use (the given one, or the role's search_path): one short connection. */
export async function postgresContents(url: string, schema: string | undefined): Promise<StoreContents> {
  const client = new pg.Client({ connectionString: url, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  // A connection error after connect (the server going away) must not crash the command; the query then fails.
  client.on('error', () => undefined);
  await client.connect();
  try {
    // current_schema() is null when the named schema does not exist yet: nothing there.
    const { rows } = await client.query<{ name: string }>('SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()');
    return classify(rows.map((row) => row.name));
  } finally {
    await client.end().catch(() => undefined);
  }
}

function classify(tables: readonly string[]): StoreContents {
  if (tables.includes(HQ_MARK_TABLE)) return 'hq';
  return tables.every((name) => name === MIGRATIONS_TABLE) ? 'empty' : 'foreign';
}
