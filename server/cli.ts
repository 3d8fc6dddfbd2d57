// Lantern HQ command line: start HQ (`npm run hq -- --data DIR`), print an enrollment code, or start a new epoch.
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { issueEnrollmentCode, UnknownDeviceError } from './auth/enrollment';
import { parseHqArgs, USAGE, type StoreLocation } from './cli/args';
import { openStore } from './cli/open-store';
import { serve } from './cli/serve';
import type { HqStore } from './store/types';

export async function main(argv: readonly string[]): Promise<void> {
  const parsed = parseHqArgs(argv, process.env);
  switch (parsed.kind) {
    case 'help':
      console.log(USAGE);
      return;
    case 'error':
      console.error(parsed.message);
      process.exitCode = 2;
      return;
    case 'enroll':
      await withStore(parsed.store, async (store) => {
        const { code, expiresAt } = await issueEnrollmentCode(store, { name: parsed.name, deviceId: parsed.deviceId, ttlHours: parsed.ttlHours }, Date.now());
        const forWhom = parsed.deviceId === undefined ? `"${parsed.name}" (a new device)` : `re-enrolling device ${parsed.deviceId} ("${parsed.name}")`;
        console.log(`Enrollment code for ${forWhom} (one use, valid until ${expiresAt}):\n  ${code}`);
      });
      return;
    case 'new-epoch':
      await withStore(parsed.store, async (store) => {
        const epoch = await store.bumpEpoch();
        console.log(`New epoch ${epoch}: devices will re-send what HQ may have lost and pull everything again.`);
      });
      return;
    case 'serve':
      await serve(parsed.options);
      return;
  }
}

async function withStore(location: StoreLocation, work: (store: HqStore) => Promise<void>): Promise<void> {
  const store = await openStore(location);
  try {
    await work(store);
  } finally {
    await store.close();
  }
}

function describeFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') return 'That port is already in use. Stop whatever is using it, or pick another with --port.';
  if (code === 'EACCES') return 'Not allowed to listen on that port; use a port above 1023.';
  if (code === 'EADDRNOTAVAIL') return 'No such address on this machine; check --host.';
  if (error instanceof UnknownDeviceError) return error.message;
  if (code === 'ECONNREFUSED') return 'Cannot reach the PostgreSQL server; check --database and that PostgreSQL is running.';
  return `Lantern HQ could not start: ${error instanceof Error ? error.message : String(error)}`;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (invokedDirectly) {
  await main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(describeFailure(error));
    process.exitCode = 1;
  });
}
