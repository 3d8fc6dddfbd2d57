// Lantern HQ command line: start HQ (`npm run hq -- --data DIR`), print an enrollment code, start a new epoch, revoke a device, back up.
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { issueEnrollmentCode } from './auth/enrollment';
import { parseHqArgs, USAGE, type ParsedHqArgs, type StoreLocation } from './cli/args';
import { backupSqlite, BackupRefusedError } from './cli/backup';
import { deviceReport } from './cli/device-report';
import { describeFailure } from './cli/failure-message';
import { openExistingStore } from './cli/open-store';
import { revokeInStore, revokeMessage, unknownRevokeMessage } from './cli/revoke';
import { serve } from './cli/serve';
import { StoreMissingError } from './store/store-missing';
import type { HqStore } from './store/types';

export async function main(argv: readonly string[]): Promise<void> {
  const parsed = parseHqArgs(argv, process.env);
  try {
    await run(parsed);
  } catch (error) {
    // Said here, where the store is known: a failure names the file or the --database part to fix.
    console.error(describeFailure(error, 'store' in parsed ? parsed.store : parsed.kind === 'serve' ? parsed.options.store : undefined));
    process.exitCode = 1;
  }
}

async function run(parsed: ParsedHqArgs): Promise<void> {
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
        console.log(await deviceReport(store, parsed.store));
      });
      return;
    case 'revoke':
      await withStore(parsed.store, async (store) => {
        const result = await revokeInStore(store, parsed.deviceId, Date.now());
        if (result.kind === 'unknown') {
          console.error(unknownRevokeMessage(parsed.deviceId));
          process.exitCode = 2;
          return;
        }
        console.log(revokeMessage(result));
      });
      return;
    case 'backup':
      await runBackup(parsed.store.dataDir, parsed.to, parsed.force);
      return;
    case 'serve':
      await serve(parsed.options);
      return;
  }
}

/** Runs a command on an existing store; a missing one (a typo in --data) is a usage error: exit 2, nothing created. */
async function withStore(location: StoreLocation, work: (store: HqStore) => Promise<void>): Promise<void> {
  let store: HqStore;
  try {
    store = await openExistingStore(location);
  } catch (error) {
    if (!(error instanceof StoreMissingError)) throw error;
    console.error(error.message);
    process.exitCode = 2;
    return;
  }
  try {
    await work(store);
  } finally {
    await store.close();
  }
}

async function runBackup(dataDir: string, to: string, force: boolean): Promise<void> {
  try {
    const done = await backupSqlite(dataDir, to, force, (line) => console.error(line));
    const mb = (done.bytes / 1e6).toFixed(1);
    console.log(
      `Backup written to ${done.file} (${mb} MB; schema version ${done.schemaVersion}, ${done.devices} devices, ${done.operations} operations).\n` +
        'To restore: stop HQ, move lantern-hq.sqlite-wal and lantern-hq.sqlite-shm out of the data folder (an old WAL would be replayed onto the copy), copy this file to lantern-hq.sqlite there, then follow the restore checklist in docs/sync-protocol.md.',
    );
  } catch (error) {
    if (!(error instanceof StoreMissingError) && !(error instanceof BackupRefusedError)) throw error;
    console.error(error.message);
    process.exitCode = 2;
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (invokedDirectly) {
  await main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(describeFailure(error));
    process.exitCode = 1;
  });
}
