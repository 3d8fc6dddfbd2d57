// Browser mode: serves the built renderer (out/renderer) on 127.0.0.1 so Lantern runs in any Chromium. Usage: npm run web -- --port 5199
import { realpathSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { USAGE, parseWebArgs } from './web/args';
import { MissingBuildError, startWebServer } from './web/server';

export { startWebServer, MissingBuildError } from './web/server';
export type { RunningWebServer, WebServerOptions } from './web/server';

const DEFAULT_ROOT = fileURLToPath(new URL('../out/renderer/', import.meta.url));
const FORCE_EXIT_AFTER_MS = 5_000;

async function main(argv: readonly string[]): Promise<void> {
  const parsed = parseWebArgs(argv);
  if (parsed.kind === 'help') {
    console.log(USAGE);
    return;
  }
  if (parsed.kind === 'error') {
    console.error(parsed.message);
    process.exitCode = 2;
    return;
  }

  const { port, host, allowRemote, root = DEFAULT_ROOT } = parsed.options;
  const server = await startWebServer({ root, port, host, allowRemote }).catch((error: unknown) => {
    console.error(describeStartFailure(error, port, host));
    process.exitCode = 1;
    return undefined;
  });
  if (!server) return;

  console.log(`Lantern browser mode: ${server.url}  (serving ${root}; Ctrl+C to stop)`);
  if (allowRemote) console.log('Warning: --allow-remote is on; other machines can load the app.');

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(1); // a second Ctrl+C means "now"
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    setTimeout(() => process.exit(1), FORCE_EXIT_AFTER_MS).unref();
    server.close().then(
      () => console.log('Stopped.'),
      (error: unknown) => {
        console.error('Error while stopping:', error);
        process.exitCode = 1;
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function describeStartFailure(error: unknown, port: number, host: string): string {
  if (error instanceof MissingBuildError) return error.message;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') {
    return `Port ${port} is already in use. Stop whatever is using it, or pick another: npm run web -- --port ${port === 65535 ? port - 1 : port + 1}`;
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return `Cannot listen on "${host}": no such address on this machine.`;
  if (code === 'EACCES') return `Not allowed to listen on port ${port}; use a port above 1023.`;
  return `Could not start the server: ${error instanceof Error ? error.message : String(error)}`;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (invokedDirectly) await main(process.argv.slice(2));
