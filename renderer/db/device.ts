// This device's identity (id, incident-number prefix) and its counters and clock: created once, on first run.
import { createHlc, makeDevicePrefix, newId } from '../../shared/domain';
import type { LanternDb } from './database';
import { readMeta, writeMeta, type DeviceIdentity } from './meta';

export type { DeviceIdentity } from './meta';

/**
 * Returns this device's identity, creating it (with zeroed counters and a fresh HLC) on first run.
 * Idempotent: IndexedDB runs read-write transactions on the same table one after another, across tabs
 * too, so a second concurrent caller reads the identity the first one wrote instead of making another.
 * Called inside a write transaction that includes `meta`, it joins that transaction.
 */
export function ensureDevice(db: LanternDb): Promise<DeviceIdentity> {
  return db.transaction('rw', db.meta, async () => {
    const existing = await readMeta(db, 'device');
    if (existing) return existing;
    const device: DeviceIdentity = {
      deviceId: newId(),
      devicePrefix: makeDevicePrefix(crypto.getRandomValues(new Uint8Array(4))),
      createdAt: new Date().toISOString(),
    };
    await writeMeta(db, 'device', device);
    await writeMeta(db, 'counters', { nextIncidentCounter: 1, nextDeviceSeq: 1 });
    await writeMeta(db, 'hlc', createHlc(device.deviceId));
    return device;
  });
}

/** This device's identity, or null before the first `ensureDevice`. */
export async function getDevice(db: LanternDb): Promise<DeviceIdentity | null> {
  return (await readMeta(db, 'device')) ?? null;
}
