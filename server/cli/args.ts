// Command-line parsing for `npm run hq`: pure, so every bad input has a tested message (exit code 2).
import { normalizeOrigin } from '../http/cors';

export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';

/** Where HQ keeps its data: SQLite in a folder, or a PostgreSQL database (optionally one schema of it). */
export type StoreLocation = { kind: 'sqlite'; dataDir: string } | { kind: 'postgres'; url: string; schema: string | undefined };

export interface ServeOptions {
  readonly port: number;
  readonly host: string;
  readonly store: StoreLocation;
  readonly adminToken: string | undefined;
  readonly allowOrigins: readonly string[];
}

export type ParsedHqArgs =
  | { kind: 'serve'; options: ServeOptions }
  | { kind: 'enroll'; store: StoreLocation; name: string; ttlHours: number | undefined }
  | { kind: 'new-epoch'; store: StoreLocation }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

export const USAGE = `Lantern HQ: the sync endpoint devices connect to.

Usage:
  npm run hq -- --data DIR [--port N] [--host ADDR] [--admin-token T] [--allow-origin URL]...
  npm run hq -- --database postgres://USER:PASS@HOST/DB [same options]
  npm run hq -- enroll --data DIR --name "Laptop 7" [--ttl-hours H]   print a one-time enrollment code
  npm run hq -- new-epoch --data DIR      run once after restoring HQ from a backup

  --data DIR          folder for the SQLite database (created on first start)
  --database URL      use PostgreSQL instead of SQLite
  --database-schema S keep HQ's tables in this PostgreSQL schema (default: the role's search_path)
  --port N            port, 0-65535 (default ${DEFAULT_PORT}; 0 picks a free one)
  --host ADDR         address to listen on (default ${DEFAULT_HOST}; 0.0.0.0 for the network,
                      behind a TLS proxy)
  --admin-token T     admin token (at least 16 characters); without it HQ generates one on first
                      start and prints it once; HQ stores only its hash
  --allow-origin URL  let a browser-mode page at this origin call HQ (repeatable)
  --name NAME         enroll: who the code is for, e.g. "Laptop 7"
  --ttl-hours H       enroll: hours the code stays valid (default 72)
  -h, --help          show this help`;

const HINT = 'Run "npm run hq -- --help" for usage.';
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

interface Raw {
  port?: number;
  host?: string;
  data?: string;
  database?: string;
  schema?: string;
  adminToken?: string;
  allowOrigins: string[];
  name?: string;
  ttlHours?: number;
}

export function parsePort(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port <= 65535 ? port : undefined;
}

export function parseHqArgs(argv: readonly string[]): ParsedHqArgs {
  const command = argv[0] === 'enroll' || argv[0] === 'new-epoch' || argv[0] === 'serve' ? argv[0] : 'serve';
  const rest = argv[0] === command ? argv.slice(1) : argv;
  const raw: Raw = { allowOrigins: [] };

  for (let i = 0; i < rest.length; i++) {
    const token = rest[i] ?? '';
    const eq = token.startsWith('--') ? token.indexOf('=') : -1;
    const flag = eq > 0 ? token.slice(0, eq) : token;
    const inline = eq > 0 ? token.slice(eq + 1) : undefined;
    const value = (): string | undefined => {
      if (inline !== undefined) return inline;
      const next = rest[i + 1];
      if (next === undefined || next.startsWith('--')) return undefined;
      i++;
      return next;
    };
    const problem = applyFlag(raw, flag, value, command);
    if (problem === 'help') return { kind: 'help' };
    if (problem) return error(problem);
  }

  const store = storeLocation(raw);
  if (typeof store === 'string') return error(store);
  if (command === 'enroll') {
    if (!raw.name) return error('enroll needs --name, e.g. --name "Laptop 7".');
    return { kind: 'enroll', store, name: raw.name, ttlHours: raw.ttlHours };
  }
  if (command === 'new-epoch') return { kind: 'new-epoch', store };
  return {
    kind: 'serve',
    options: { port: raw.port ?? DEFAULT_PORT, host: raw.host ?? DEFAULT_HOST, store, adminToken: raw.adminToken, allowOrigins: raw.allowOrigins },
  };
}

/** Applies one flag; returns an error message, 'help', or undefined when fine. */
function applyFlag(raw: Raw, flag: string, value: () => string | undefined, command: string): string | 'help' | undefined {
  const serveOnly = (name: string) => (command === 'serve' ? undefined : `${name} is an option for starting HQ, not for "${command}".`);
  switch (flag) {
    case '-h':
    case '--help':
      return 'help';
    case '--port': {
      const text = value();
      if (text === undefined) return `--port needs a number, e.g. --port ${DEFAULT_PORT}.`;
      const port = parsePort(text.trim());
      if (port === undefined) return `--port must be a whole number from 0 to 65535 (got "${text}"). Try --port ${DEFAULT_PORT}.`;
      raw.port = port;
      return serveOnly('--port');
    }
    case '--host': {
      const text = value()?.trim();
      if (!text) return `--host needs an address, e.g. --host ${DEFAULT_HOST}.`;
      raw.host = text.replace(/^\[(.*)\]$/, '$1');
      return serveOnly('--host');
    }
    case '--data': {
      const text = value()?.trim();
      if (!text) return '--data needs a folder, e.g. --data ./hq-data.';
      raw.data = text;
      return undefined;
    }
    case '--database': {
      const text = value()?.trim();
      if (!text || !/^postgres(ql)?:\/\//.test(text)) return '--database needs a PostgreSQL URL, e.g. --database postgres://lantern:secret@127.0.0.1/lantern.';
      raw.database = text;
      return undefined;
    }
    case '--database-schema': {
      const text = value()?.trim();
      if (!text || !SCHEMA_NAME.test(text)) return '--database-schema needs a lower-case name of letters, digits and _, e.g. --database-schema lantern.';
      raw.schema = text;
      return undefined;
    }
    case '--admin-token': {
      const text = value();
      if (!text || text.length < 16 || !/^[A-Za-z0-9._~+/=-]+$/.test(text) || text.length > 200) {
        return '--admin-token needs at least 16 characters (letters, digits and . _ ~ + / = -). Leave it out and HQ generates one.';
      }
      raw.adminToken = text;
      return serveOnly('--admin-token');
    }
    case '--allow-origin': {
      const text = value()?.trim();
      const origin = text ? normalizeOrigin(text) : null;
      if (!origin) return `--allow-origin needs an http(s) origin like http://127.0.0.1:5199 (got "${text ?? ''}").`;
      raw.allowOrigins.push(origin);
      return serveOnly('--allow-origin');
    }
    case '--name': {
      const text = value()?.trim();
      if (!text || text.length > 120) return '--name needs a name of 1-120 characters, e.g. --name "Laptop 7".';
      raw.name = text;
      return command === 'enroll' ? undefined : '--name belongs to "enroll": npm run hq -- enroll --data DIR --name "Laptop 7".';
    }
    case '--ttl-hours': {
      const text = value()?.trim() ?? '';
      const hours = /^\d{1,3}$/.test(text) ? Number(text) : NaN;
      if (!(hours >= 1 && hours <= 720)) return `--ttl-hours must be a whole number of hours from 1 to 720 (got "${text}").`;
      raw.ttlHours = hours;
      return command === 'enroll' ? undefined : '--ttl-hours belongs to "enroll".';
    }
    default:
      return flag.startsWith('-') ? `Unknown option "${flag}".` : `Unexpected argument "${flag}".`;
  }
}

function storeLocation(raw: Raw): StoreLocation | string {
  if (raw.database) return { kind: 'postgres', url: raw.database, schema: raw.schema };
  if (raw.schema) return '--database-schema only works with --database.';
  if (!raw.data) return 'Tell HQ where to keep its data: --data DIR (SQLite, created on first start) or --database postgres://….';
  return { kind: 'sqlite', dataDir: raw.data };
}

function error(message: string): ParsedHqArgs {
  return { kind: 'error', message: `${message}\n${HINT}` };
}
