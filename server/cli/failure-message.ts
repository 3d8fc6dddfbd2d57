// What the command line prints when HQ cannot start or a command fails: plain words that say what to fix, never a driver's raw text alone.
import { join } from 'node:path';
import { UnknownDeviceError } from '../auth/enrollment';
import { SQLITE_FILE_NAME } from '../store/sqlite/sqlite-store';
import type { StoreLocation } from './args';
import { NotAnHqStoreError } from './store-check';

interface ErrorFields {
  readonly code?: unknown;
  readonly syscall?: unknown;
  readonly path?: unknown;
  readonly hostname?: unknown;
  readonly message?: unknown;
}

const RESTORE_HINT = 'see "Backup and restore" in docs/sync-protocol.md';

export function describeFailure(error: unknown, location?: StoreLocation): string {
  const fields = (typeof error === 'object' && error !== null ? error : {}) as ErrorFields;
  const code = typeof fields.code === 'string' ? fields.code : undefined;
  const message = typeof fields.message === 'string' ? fields.message : String(error);
  if (error instanceof NotAnHqStoreError) return error.message;
  if (error instanceof UnknownDeviceError) return unknownDeviceMessage(error.deviceId);
  if (fields.syscall === 'listen') {
    if (code === 'EADDRINUSE') return 'That port is already in use. Stop whatever is using it, or pick another with --port.';
    if (code === 'EACCES') return 'Not allowed to listen on that port; use a port above 1023.';
    if (code === 'EADDRNOTAVAIL') return 'No such address on this machine; check --host.';
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'SQLITE_READONLY') {
    const path = typeof fields.path === 'string' ? fields.path : sqliteFile(location) ?? 'its data folder';
    const why = code === 'EROFS' ? 'the file system is read-only' : 'permission denied';
    return `HQ may not write to ${path} (${why}): give the HQ user write access, or choose another --data.`;
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    const file = sqliteFile(location) ?? 'The SQLite file';
    return `${file} is damaged or not a database (${message}). Restore it from a backup (${RESTORE_HINT}), or choose another --data.`;
  }
  if (code === 'SQLITE_CANTOPEN') {
    const file = sqliteFile(location) ?? 'the SQLite file';
    return `HQ cannot open ${file}: check that the folder exists and that the HQ user may read and write it.`;
  }
  if (location?.kind === 'postgres') {
    const words = postgresFailure(code, message, location.url);
    if (words) return words;
  }
  return `Lantern HQ could not start: ${message}`;
}

export function unknownDeviceMessage(deviceId: string): string {
  return (
    `HQ has no device with the id "${deviceId}". Check the id (GET /v1/admin/devices lists them; so does new-epoch). ` +
    'After a restore, a device enrolled since the backup was taken is not in the store: issue it a code for a new device (leave out --device).'
  );
}

function sqliteFile(location: StoreLocation | undefined): string | undefined {
  return location?.kind === 'sqlite' ? join(location.dataDir, SQLITE_FILE_NAME) : undefined;
}

/** The start failures of a PostgreSQL connection an operator fixes in --database, in plain words (null: not one of them). */
function postgresFailure(code: string | undefined, message: string, url: string): string | null {
  const parts = urlParts(url);
  if (code === 'ECONNREFUSED') return 'Cannot reach the PostgreSQL server; check --database and that PostgreSQL is running.';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `Cannot find the PostgreSQL host "${parts.host}"; check the host name in --database (postgres://USER:PASS@HOST/DB).`;
  if (code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return `The PostgreSQL host "${parts.host}" does not answer; check the host and port in --database, and that a firewall lets HQ through.`;
  }
  if (code === '28P01') return `PostgreSQL refused the password of user "${parts.user}"; check the user name and password in --database (postgres://USER:PASS@HOST/DB).`;
  if (code === '28000') {
    if (parts.user === '') return 'The --database URL names no user; give one: postgres://USER:PASS@HOST/DB.';
    return `PostgreSQL does not let user "${parts.user}" connect to "${parts.database}"; check the user name in --database, and that the server allows it (pg_hba.conf).`;
  }
  if (code === '3D000') return `PostgreSQL has no database "${parts.database}"; check the name after the host in --database, or create it (createdb ${parts.database || 'NAME'}).`;
  if (code === '42501') return `PostgreSQL does not let user "${parts.user}" create HQ's tables there; grant it CREATE on the database or schema, or choose another --database-schema.`;
  if (/\bSSL\b|\bTLS\b|certificate/i.test(message) || (code !== undefined && /^ERR_TLS|CERT|^ERR_SSL/.test(code))) {
    return `The secure (SSL/TLS) connection to PostgreSQL failed: ${message}. Check sslmode in --database: ?sslmode=disable for a server without TLS, ?sslmode=require or verify-full for one with it.`;
  }
  return null;
}

function urlParts(url: string): { user: string; host: string; database: string } {
  try {
    const parsed = new URL(url);
    return { user: decodeURIComponent(parsed.username), host: parsed.hostname, database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) };
  } catch {
    return { user: '', host: '', database: '' };
  }
}
