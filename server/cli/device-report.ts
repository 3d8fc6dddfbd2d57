// The device list new-epoch prints: after a restore, revocations made since the backup are gone and must be redone.
import type { DevicePosition, DeviceRecord, HqStore } from '../store/types';

const iso = (ms: number | null) => (ms === null ? 'never' : new Date(ms).toISOString());

export function deviceLine(device: DeviceRecord): string {
  const state = device.revokedAt === null ? 'active' : `revoked ${iso(device.revokedAt)}`;
  return `  ${device.id}  "${device.name}"  ${state}  last seen ${iso(device.lastSeenAt)}`;
}

/** Every device, in enrollment order, one line each, and what the operator must check. */
export async function deviceReport(store: HqStore): Promise<string> {
  const lines: string[] = [];
  let after: DevicePosition | undefined;
  for (;;) {
    const page = await store.listDevices({ after, limit: 500 });
    lines.push(...page.devices.map(deviceLine));
    const last = page.devices.at(-1);
    if (!page.hasMore || !last) break;
    after = { enrolledAt: last.enrolledAt, id: last.id };
  }
  if (lines.length === 0) return 'No devices are enrolled in this store.';
  return [
    `Devices in this store (${lines.length}):`,
    ...lines,
    'If this store was restored from a backup: a device revoked after the backup was taken shows as active here.',
    'Revoke it again now: curl -X POST -H "Authorization: Bearer $ADMIN_TOKEN" http://HQ/v1/admin/devices/ID/revoke',
  ].join('\n');
}
