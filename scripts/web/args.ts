// Command-line parsing for browser mode (scripts/web.ts): pure, so every bad input has a tested message.

export const DEFAULT_PORT = 5199;
export const DEFAULT_HOST = '127.0.0.1';

/** root is undefined when the user did not pass --root (the CLI then serves out/renderer). */
export type WebOptions = { port: number; host: string; allowRemote: boolean; root: string | undefined };

export type ParsedWebArgs =
  | { kind: 'run'; options: WebOptions }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

export const USAGE = `Serve the built Lantern renderer for a browser (browser mode).

Usage: npm run web -- [--port N] [--host HOST] [--allow-remote] [--root DIR]

  --port N         port to listen on, 1-65535 (default ${DEFAULT_PORT})
  --host HOST      address to listen on (default ${DEFAULT_HOST}); only loopback
                   addresses (127.x.x.x, ::1, localhost) unless --allow-remote
  --allow-remote   allow a non-loopback --host, e.g. 0.0.0.0 (anyone on the network can load the app)
  --root DIR       folder to serve (default out/renderer)
  -h, --help       show this help

Build the app first: npx electron-vite build`;

const HINT = 'Run "npm run web -- --help" for usage.';

/** True for addresses that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  const octets = host.split('.');
  return (
    octets.length === 4 &&
    octets[0] === '127' &&
    octets.every((octet) => /^\d{1,3}$/.test(octet) && Number(octet) <= 255)
  );
}

/** Parses a port the user typed; undefined if it is not a whole number from 1 to 65535. */
export function parsePort(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : undefined;
}

/** Parses the arguments after `npm run web --`. */
export function parseWebArgs(argv: readonly string[]): ParsedWebArgs {
  let port = DEFAULT_PORT;
  let host = DEFAULT_HOST;
  let allowRemote = false;
  let root: string | undefined;

  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] ?? '';
    const [flag, inlineValue] = token.startsWith('--') && token.includes('=') ? splitOnce(token) : [token, undefined];

    const takeValue = (): string | undefined => {
      if (inlineValue !== undefined) return inlineValue;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) return undefined;
      i++;
      return next;
    };

    switch (flag) {
      case '-h':
      case '--help':
        return { kind: 'help' };
      case '--allow-remote':
        if (inlineValue !== undefined) return error(`--allow-remote takes no value (got "${token}").`);
        allowRemote = true;
        break;
      case '--port': {
        const value = takeValue();
        if (value === undefined) return error(`--port needs a number, e.g. --port ${DEFAULT_PORT}.`);
        const parsed = parsePort(value.trim());
        if (parsed === undefined) {
          return error(`--port must be a whole number from 1 to 65535 (got "${value}"). Try --port ${DEFAULT_PORT}.`);
        }
        port = parsed;
        break;
      }
      case '--host': {
        const value = takeValue()?.trim();
        if (!value) return error(`--host needs an address, e.g. --host ${DEFAULT_HOST}.`);
        host = value.replace(/^\[(.*)\]$/, '$1'); // accept [::1] as well as ::1
        break;
      }
      case '--root': {
        const value = takeValue();
        if (!value) return error('--root needs a folder, e.g. --root out/renderer.');
        root = value;
        break;
      }
      default:
        return error(token.startsWith('-') ? `Unknown option "${token}".` : `Unexpected argument "${token}".`);
    }
  }

  if (!allowRemote && !isLoopbackHost(host)) {
    return error(
      `Refusing to listen on "${host}": it is not a loopback address, so other machines could open the app. ` +
        'Use --host 127.0.0.1, or add --allow-remote if that is really what you want.',
    );
  }
  return { kind: 'run', options: { port, host, allowRemote, root } };
}

function splitOnce(token: string): [string, string] {
  const at = token.indexOf('=');
  return [token.slice(0, at), token.slice(at + 1)];
}

function error(message: string): ParsedWebArgs {
  return { kind: 'error', message: `${message}\n${HINT}` };
}
