// The device list new-epoch prints: after a restore, revocations made since the backup are gone and must be redone.
import type { DevicePosition, DeviceRecord, HqStore } from '../store/types';
import type { StoreLocation } from './args';

const iso = (ms: number | null) => (ms === null ? 'never' : new Date(ms).toISOString());

export function deviceLine(device: DeviceRecord): string {
  const state = device.revokedAt === null ? 'active' : `revoked ${iso(device.revokedAt)}`;
  return `  ${device.id}  "${device.name}"  ${state}  last seen ${iso(device.lastSeenAt)}`;
}

/** Every device, in enrollment order, one line each, and what the operator must check. */
export async function deviceReport(store: HqStore, location: StoreLocation): Promise<string> {
  const lines: string[] = [];
  let after: DevicePosition | undefined;
  for (;;) {
    const page = await store.listDevices({ after, limit: 500 });
    lines.push(...page.devices.map(deviceLine));
    const last = page.devices.at(-1);
    if (!page.hasMore || !last) break;
    after = { enrolledAt: last.enrolledAt, id: last.id };
  }
  const enrolledSince = `A device enrolled after the backup was taken is not in this store: issue it a code for a new device (without --device): npm run hq -- enroll ${storeArgs(location)} --name NAME`;
  if (lines.length === 0) return ['No devices are enrolled in this store.', enrolledSince].join('\n');
  return [
    `Devices in this store (${lines.length}):`,
    ...lines,
    'If this store was restored from a backup: a device revoked after the backup was taken shows as active here.',
    `Revoke it again now, before HQ starts: npm run hq -- revoke ${storeArgs(location)} --device ID`,
    enrolledSince,
  ].join('\n');
}

/** The store options to repeat in a printed command (a PostgreSQL URL without its password). */
export function storeArgs(location: StoreLocation): string {
  if (location.kind === 'sqlite') return `--data ${shellWord(location.dataDir)}`;
  const url = new URL(location.url);
  if (url.password) url.password = 'PASSWORD';
  return `--database ${shellWord(url.toString())}${location.schema ? ` --database-schema ${location.schema}` : ''}`;
}

function shellWord(text: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
}
