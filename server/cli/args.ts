// Command-line parsing for `npm run hq`: pure, so every bad input has a tested message (exit code 2).
import { isIP } from 'node:net';
import { deviceIdSchema } from '../../shared/sync/wire';
import { isWildcardOrigin, normalizeOrigin } from '../http/cors';

export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';

/** Where HQ keeps its data: SQLite in a folder, or a PostgreSQL database (optionally one schema of it). */
export type StoreLocation = { kind: 'sqlite'; dataDir: string } | { kind: 'postgres'; url: string; schema: string | undefined };

export interface ServeOptions {
  readonly port: number;
  readonly host: string;
  readonly store: StoreLocation;
  /** From --admin-token or LANTERN_ADMIN_TOKEN. */
  readonly adminToken: string | undefined;
  /** From --admin-token-file: read at start, before anything is opened or generated. */
  readonly adminTokenFile?: string;
  readonly allowOrigins: readonly string[];
  /** From --trust-proxy: the reverse proxies whose X-Forwarded-For HQ believes (absent: none). */
  readonly trustProxy?: readonly string[];
}

/** The environment variables HQ reads (passed in, so parsing stays pure). */
export type HqEnv = Readonly<Record<string, string | undefined>>;
export const ADMIN_TOKEN_ENV = 'LANTERN_ADMIN_TOKEN';
export const DATABASE_URL_ENV = 'LANTERN_DATABASE_URL';

export type ParsedHqArgs =
  | { kind: 'serve'; options: ServeOptions }
  | { kind: 'enroll'; store: StoreLocation; name: string; ttlHours: number | undefined; deviceId?: string }
  | { kind: 'new-epoch'; store: StoreLocation }
  | { kind: 'revoke'; store: StoreLocation; deviceId: string }
  | { kind: 'backup'; store: Extract<StoreLocation, { kind: 'sqlite' }>; to: string; force: boolean }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

export const USAGE = `Lantern HQ: the sync endpoint devices connect to.

Usage:
  npm run hq -- --data DIR [--port N] [--host ADDR] [--admin-token-file F] [--allow-origin URL]...
                [--trust-proxy ADDR[,ADDR]]
  npm run hq -- --database postgres://USER:PASS@HOST/DB [same options]
  npm run hq -- enroll --data DIR --name "Laptop 7" [--ttl-hours H]   print a one-time enrollment code
  npm run hq -- enroll --data DIR --name "Laptop 7" --device ID       a re-enrollment code for a known device
  npm run hq -- new-epoch --data DIR      run once after restoring HQ from a backup
  npm run hq -- revoke --data DIR --device ID   revoke a device in the store, also while HQ is stopped
                                          (after a restore: before starting HQ)
  npm run hq -- backup --data DIR --to FILE [--force]   a consistent copy of the SQLite store, also while
                                          HQ runs (PostgreSQL: pg_dump, see docs/sync-protocol.md)

  --data DIR          folder for the SQLite database (created on first start)
  --database URL      use PostgreSQL instead of SQLite (not together with --data)
  --database-schema S keep HQ's tables in this PostgreSQL schema (default: the role's search_path)
  --port N            port, 0-65535 (default ${DEFAULT_PORT}; 0 picks a free one)
  --host ADDR         address or host name to listen on (default ${DEFAULT_HOST}; 0.0.0.0 for the
                      network, behind a TLS proxy)
  --admin-token-file F  read the admin token (at least 16 characters) from this file
  --admin-token T     the admin token on the command line (visible to other users in "ps"; prefer
                      the file or ${ADMIN_TOKEN_ENV}). Without any of them HQ generates one on first
                      start and prints it once; HQ stores only its hash
  --allow-origin URL  let a browser-mode page at this origin call HQ (repeatable)
  --trust-proxy ADDR[,ADDR]  the IP address(es) of the TLS reverse proxy in front of HQ: requests from
                      them are counted (rate limits) and logged by the client address in their
                      X-Forwarded-For. Without it every client behind the proxy shares one budget
  --name NAME         enroll: who the code is for, e.g. "Laptop 7"
  --device ID         enroll: only this already enrolled device may use the code (to connect it again,
                      e.g. after "Disconnect" or a revocation); codes without it are for new devices only.
                      revoke: the device to revoke
  --ttl-hours H       enroll: hours the code stays valid (default 72)
  --to FILE           backup: the file to write (a new file; --force replaces an existing one)
  -h, --help          show this help

Environment:
  ${ADMIN_TOKEN_ENV}   the admin token, used when neither --admin-token nor --admin-token-file is given
  ${DATABASE_URL_ENV}  a PostgreSQL URL, used when neither --data nor --database is given`;

const HINT = 'Run "npm run hq -- --help" for usage.';
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const POSTGRES_URL = /^postgres(ql)?:\/\//;

interface Raw {
  port?: number;
  host?: string;
  data?: string;
  database?: string;
  schema?: string;
  adminToken?: string;
  adminTokenFile?: string;
  allowOrigins: string[];
  trustProxy?: string[];
  name?: string;
  ttlHours?: number;
  deviceId?: string;
  to?: string;
  force?: boolean;
}

const COMMANDS = ['enroll', 'new-epoch', 'revoke', 'backup', 'serve'] as const;

/** Options that may be given more than once; any other repeated option is a mistake, not "the last one wins". */
const REPEATABLE = new Set(['--allow-origin']);

export function parsePort(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port <= 65535 ? port : undefined;
}

export function parseHqArgs(argv: readonly string[], env: HqEnv = {}): ParsedHqArgs {
  const command = COMMANDS.find((name) => name === argv[0]) ?? 'serve';
  const rest = argv[0] === command ? argv.slice(1) : argv;
  const raw: Raw = { allowOrigins: [] };
  const seen = new Set<string>();

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
    if (flag.startsWith('--') && seen.has(flag) && !REPEATABLE.has(flag)) return error(`${flag} is given more than once; give it once.`);
    seen.add(flag);
    const problem = applyFlag(raw, flag, value, command);
    if (problem === 'help') return { kind: 'help' };
    if (problem) return error(problem);
  }

  const store = storeLocation(raw, env);
  if (typeof store === 'string') return error(store);
  if (command === 'enroll') {
    if (!raw.name) return error('enroll needs --name, e.g. --name "Laptop 7".');
    return { kind: 'enroll', store, name: raw.name, ttlHours: raw.ttlHours, ...(raw.deviceId !== undefined ? { deviceId: raw.deviceId } : {}) };
  }
  if (command === 'new-epoch') return { kind: 'new-epoch', store };
  if (command === 'revoke') {
    if (raw.deviceId === undefined) return error('revoke needs --device ID, the id of the device to revoke (new-epoch and GET /v1/admin/devices list them).');
    return { kind: 'revoke', store, deviceId: raw.deviceId };
  }
  if (command === 'backup') return backupCommand(raw, store);
  if (raw.adminToken !== undefined && raw.adminTokenFile !== undefined) return error('Give the admin token one way: --admin-token or --admin-token-file, not both.');
  let adminToken = raw.adminToken;
  const fromEnv = env[ADMIN_TOKEN_ENV];
  if (adminToken === undefined && raw.adminTokenFile === undefined && fromEnv !== undefined && fromEnv !== '') {
    const problem = adminTokenProblem(fromEnv);
    if (problem) return error(`${ADMIN_TOKEN_ENV} ${problem}`);
    adminToken = fromEnv;
  }
  return {
    kind: 'serve',
    options: {
      port: raw.port ?? DEFAULT_PORT,
      host: raw.host ?? DEFAULT_HOST,
      store,
      adminToken,
      ...(raw.adminTokenFile !== undefined ? { adminTokenFile: raw.adminTokenFile } : {}),
      allowOrigins: raw.allowOrigins,
      ...(raw.trustProxy !== undefined ? { trustProxy: raw.trustProxy } : {}),
    },
  };
}

/** Why this text cannot be the admin token (null when it can); the same rule for the flag, the file and the variable. */
export function adminTokenProblem(text: string): string | null {
  if (text.length < 16 || text.length > 200 || !/^[A-Za-z0-9._~+/=-]+$/.test(text)) {
    return 'needs at least 16 characters (letters, digits and . _ ~ + / = -, at most 200). Leave it out and HQ generates one.';
  }
  return null;
}

/** An IPv4/IPv6 address or a DNS host name (letters, digits, hyphens; dot-separated labels). */
export function isListenHost(text: string): boolean {
  if (isIP(text) !== 0) return true;
  return text.length <= 253 && text.split('.').every((label) => /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(label));
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
      const host = text.replace(/^\[(.*)\]$/, '$1');
      // Checked here, so a typo stops HQ before it opens the store or generates and prints an admin token.
      if (!isListenHost(host)) return `--host must be an IP address or a host name, e.g. ${DEFAULT_HOST}, 0.0.0.0, ::1 or localhost (got "${text}").`;
      raw.host = host;
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
      if (!text || !POSTGRES_URL.test(text)) return '--database needs a PostgreSQL URL, e.g. --database postgres://lantern:secret@127.0.0.1/lantern.';
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
      const text = value() ?? '';
      const problem = adminTokenProblem(text);
      if (problem) return `--admin-token ${problem}`;
      raw.adminToken = text;
      return serveOnly('--admin-token');
    }
    case '--admin-token-file': {
      const text = value()?.trim();
      if (!text) return '--admin-token-file needs a file, e.g. --admin-token-file /etc/lantern/admin-token.';
      raw.adminTokenFile = text;
      return serveOnly('--admin-token-file');
    }
    case '--device': {
      const text = value()?.trim() ?? '';
      if (!deviceIdSchema.safeParse(text).success) return '--device needs the id of an enrolled device (1-100 characters on one line), as GET /v1/admin/devices lists them.';
      raw.deviceId = text;
      return command === 'enroll' || command === 'revoke'
        ? undefined
        : '--device belongs to "enroll" or "revoke": npm run hq -- enroll --data DIR --name "Laptop 7" --device ID, or npm run hq -- revoke --data DIR --device ID.';
    }
    case '--allow-origin': {
      const text = value()?.trim();
      if (text && isWildcardOrigin(text)) {
        return `--allow-origin takes no wildcards (got "${text}"): browsers send their exact origin, so name each one in full, e.g. --allow-origin https://desk.example.org:8443, and repeat the option for more.`;
      }
      const origin = text ? normalizeOrigin(text) : null;
      if (!origin) return `--allow-origin needs an http(s) origin like http://127.0.0.1:5199 (got "${text ?? ''}").`;
      raw.allowOrigins.push(origin);
      return serveOnly('--allow-origin');
    }
    case '--trust-proxy': {
      const text = value() ?? '';
      const addresses = text.split(',').map((part) => part.trim());
      const wrong = addresses.find((address) => isIP(address.replace(/^\[(.*)\]$/, '$1')) === 0);
      if (wrong !== undefined) {
        return `--trust-proxy needs the IP address of your TLS reverse proxy, or several separated by commas, e.g. --trust-proxy 127.0.0.1 or --trust-proxy 10.0.0.5,10.0.0.6 (got ${JSON.stringify(wrong)}${addresses.length > 1 ? ` in "${text}"` : ''}, which is not an IP address).`;
      }
      raw.trustProxy = addresses.map((address) => address.replace(/^\[(.*)\]$/, '$1'));
      return serveOnly('--trust-proxy');
    }
    case '--to': {
      const text = value()?.trim();
      if (!text) return '--to needs a file, e.g. --to /backups/lantern-hq-2026-05-01.sqlite.';
      raw.to = text;
      return command === 'backup' ? undefined : '--to belongs to "backup": npm run hq -- backup --data DIR --to FILE.';
    }
    case '--force':
      raw.force = true;
      return command === 'backup' ? undefined : '--force belongs to "backup" (to replace an existing backup file).';
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

/** --data and --database exclude each other; LANTERN_DATABASE_URL applies only when neither is given. */
function storeLocation(raw: Raw, env: HqEnv): StoreLocation | string {
  if (raw.data && raw.database) return 'Give HQ one store: --data DIR (SQLite) or --database postgres://… (PostgreSQL), not both.';
  if (raw.database) return { kind: 'postgres', url: raw.database, schema: raw.schema };
  const fromEnv = env[DATABASE_URL_ENV];
  if (!raw.data && fromEnv) {
    if (!POSTGRES_URL.test(fromEnv)) return `${DATABASE_URL_ENV} must be a PostgreSQL URL, e.g. postgres://lantern:secret@127.0.0.1/lantern.`;
    return { kind: 'postgres', url: fromEnv, schema: raw.schema };
  }
  if (raw.schema) return '--database-schema only works with --database.';
  if (!raw.data) return 'Tell HQ where to keep its data: --data DIR (SQLite, created on first start) or --database postgres://….';
  return { kind: 'sqlite', dataDir: raw.data };
}

function backupCommand(raw: Raw, store: StoreLocation): ParsedHqArgs {
  if (store.kind === 'postgres') {
    const schema = store.schema ?? 'SCHEMA';
    return error(
      `backup copies a SQLite store. For PostgreSQL use its own tool, e.g. pg_dump --format=custom -n ${schema} --file lantern-hq.dump "$URL" (see "Backup and restore" in docs/sync-protocol.md).`,
    );
  }
  if (!raw.to) return error('backup needs --to FILE, e.g. npm run hq -- backup --data ./hq-data --to /backups/lantern-hq.sqlite.');
  return { kind: 'backup', store, to: raw.to, force: raw.force === true };
}

function error(message: string): ParsedHqArgs {
  return { kind: 'error', message: `${message}\n${HINT}` };
}
