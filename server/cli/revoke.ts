// `npm run hq -- revoke --device ID`: revokes a device in the store directly, so after a restore it is done before HQ starts.
import type { DeviceRecord, HqStore } from '../store/types';

export type RevokeResult = { kind: 'revoked' | 'already-revoked'; device: DeviceRecord } | { kind: 'unknown' };

export async function revokeInStore(store: HqStore, deviceId: string, now: number): Promise<RevokeResult> {
  // Read first: revoking an already revoked device keeps its first revocation time, and the operator should hear so.
  const before = await store.device(deviceId);
  if (!before) return { kind: 'unknown' };
  if (before.revokedAt !== null) return { kind: 'already-revoked', device: before };
  const device = await store.revokeDevice(deviceId, now);
  return device ? { kind: 'revoked', device } : { kind: 'unknown' };
}

export function revokeMessage(result: Exclude<RevokeResult, { kind: 'unknown' }>): string {
  const { device } = result;
  const when = new Date(device.revokedAt ?? 0).toISOString();
  const what = result.kind === 'revoked' ? `Device ${device.id} (${JSON.stringify(device.name)}) is revoked` : `Device ${device.id} (${JSON.stringify(device.name)}) was already revoked`;
  return `${what} (since ${when}): HQ refuses its syncs. It can sync again only with a re-enrollment code for it (enroll --device ${device.id}).`;
}

export function unknownRevokeMessage(deviceId: string): string {
  return `HQ has no device with the id "${deviceId}" in this store; nothing was changed. Check the id against the list new-epoch prints (or GET /v1/admin/devices).`;
}
