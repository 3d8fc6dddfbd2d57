// A token that changes whenever an incident is written on this device or pulled from HQ (for "changed since" checks).
import type { LanternDb } from './database';
import { readMeta } from './meta';

/**
 * What changes whenever an incident is written: this device's operation counter (every local change, automatic ones
 * too, commits with its outbox operation) and the sync point (every pulled page stores its cursor with its rows).
 * Read inside a live query, it also tells a screen showing figures that they are out of date.
 */
export async function incidentWriteMark(db: LanternDb): Promise<string> {
  const [counters, syncPoint] = await Promise.all([readMeta(db, 'counters'), readMeta(db, 'syncPoint')]);
  return JSON.stringify([counters?.nextDeviceSeq ?? null, syncPoint?.cursor ?? null, syncPoint?.epoch ?? null]);
}
