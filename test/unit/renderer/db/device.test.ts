// Device identity: created once (even under concurrent first runs, even from two connections) and persisted.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ensureDevice, getDevice, LanternDb } from '../../../../renderer/db';
import { isDevicePrefix, isUuidV7 } from '../../../../shared/domain';
import { freshDb } from './db-test-kit';

describe('ensureDevice', () => {
  it('creates a UUIDv7 device id, a device prefix, counters at 1 and a fresh HLC', async () => {
    const db = freshDb('device');
    expect(await getDevice(db)).toBeNull();
    const device = await ensureDevice(db);
    expect(isUuidV7(device.deviceId)).toBe(true);
    expect(isDevicePrefix(device.devicePrefix)).toBe(true);
    expect(await getDevice(db)).toEqual(device);
    expect((await db.meta.get('counters'))?.value).toEqual({ nextIncidentCounter: 1, nextDeviceSeq: 1 });
    expect((await db.meta.get('hlc'))?.value).toEqual({ wallMs: 0, counter: 0, node: device.deviceId });
    db.close();
  });

  it('creates exactly one identity when called concurrently, on one connection or two (two tabs)', async () => {
    const db = freshDb('device-race');
    const results = await Promise.all([ensureDevice(db), ensureDevice(db), ensureDevice(db)]);
    expect(new Set(results.map((d) => d.deviceId)).size).toBe(1);

    const name = `${db.name}-tabs`;
    const tabA = new LanternDb(name);
    const tabB = new LanternDb(name);
    const [a, b] = await Promise.all([ensureDevice(tabA), ensureDevice(tabB)]);
    expect(a).toEqual(b);
    expect(await tabA.meta.count()).toBe(3);
    for (const handle of [db, tabA, tabB]) handle.close();
  });

  it('survives closing and reopening the database', async () => {
    const db = freshDb('device-reopen');
    const device = await ensureDevice(db);
    db.close();
    const reopened = new LanternDb(db.name);
    expect(await getDevice(reopened)).toEqual(device);
    expect(await ensureDevice(reopened)).toEqual(device);
    reopened.close();
  });
});
