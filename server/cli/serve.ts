// `npm run hq`: opens the store, listens, then sets up the admin token (so a failed start stores none), and stops cleanly on SIGINT/SIGTERM.
import { buildHqApp } from '../app';
import { readAdminTokenFile, setUpAdminToken } from './admin-token';
import type { ServeOptions } from './args';
import { describeStore, openStore } from './open-store';
import { newSqliteFiles } from './new-store-files';

const FORCE_EXIT_AFTER_MS = 10_000;

export async function serve(options: ServeOptions): Promise<void> {
  // Read before anything is opened: a bad file stops HQ without touching the store or generating a token.
  const givenToken = options.adminTokenFile !== undefined ? readAdminTokenFile(options.adminTokenFile) : options.adminToken;
  const created = newSqliteFiles(options.store);
  const store = await openStore(options.store);
  let app;
  try {
    app = await buildHqApp({ store, allowOrigins: options.allowOrigins, ...(options.trustProxy ? { trustProxy: options.trustProxy } : {}) });
    await app.listen({ port: options.port, host: options.host });
    // Only once HQ listens: a start that fails (port in use) must not replace the stored token, nor store a new one
    // whose only copy went to the output of a start the operator is about to retry.
    const admin = await setUpAdminToken(store, givenToken);
    // One log line when the stored token changes (never the token); other instances drop the old one within 5 s.
    if (admin.change === 'replaced') console.log(`${new Date().toISOString()} The given admin token replaces the stored one; the old one stops working on every instance within 5 s.`);
    if (admin.change === 'set') console.log(`${new Date().toISOString()} The given admin token is set (HQ stores only its hash).`);
    if (admin.generated) {
      console.log(`Admin token (shown once; HQ keeps only its hash, so store it safely now):\n  ${admin.generated}`);
    }
  } catch (error) {
    await app?.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    created?.removeIfStillNew();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  console.log(`Lantern HQ listening on http://${host}:${port} (${describeStore(options.store)}; Ctrl+C to stop)`);
  if (options.trustProxy) {
    console.log(`Trusting X-Forwarded-For from ${options.trustProxy.join(', ')} only: rate limits and the log use each client's own address.`);
  }
  if (options.host !== '127.0.0.1' && options.host !== 'localhost' && options.host !== '::1') {
    console.log('Note: HQ speaks plain HTTP; put it behind a TLS reverse proxy before devices connect over a network.');
    if (!options.trustProxy) console.log('Behind a proxy, start HQ with --trust-proxy <proxy address>, so one client cannot use up every client\'s rate limit.');
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(1); // a second Ctrl+C means "now"
    stopping = true;
    console.log(`${signal}: finishing requests in progress, then stopping…`);
    setTimeout(() => process.exit(1), FORCE_EXIT_AFTER_MS).unref();
    app
      .close()
      .then(() => store.close())
      .then(
        () => console.log('Lantern HQ stopped.'),
        (error: unknown) => {
          console.error('Error while stopping:', error);
          process.exitCode = 1;
        },
      );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
