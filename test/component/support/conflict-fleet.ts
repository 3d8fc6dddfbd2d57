// This device (fake IndexedDB, the real repository and replica) and two other laptops in memory, pulling as the engine does.
import { createIncidentRepository, ensureDevice, openLanternDb } from '../../../renderer/db';
import { createDexieReplica } from '../../../renderer/db/sync-replica';
import { highestStamp, type PulledPage } from '../../../shared/sync/engine';
import type { Operation } from '../../../shared/sync/operation';
import { MemoryReplica } from '../../unit/shared/sync/support/memory-replica';

export const FLEET_START = Date.UTC(2026, 10, 26, 14, 0, 0);
let counter = 0;

/** A fresh database named after the test file; the clock starts at FLEET_START and moves only with `advance`. */
export async function openFleet(name: string) {
  counter += 1;
  const db = openLanternDb(`${name}-${Date.now()}-${counter}`);
  await ensureDevice(db);
  let now = FLEET_START;
  const clock = { nowMs: () => now, offsetMinutes: () => 0 };
  const repo = createIncidentRepository(db, clock);
  const replica = createDexieReplica(db, clock);
  const b = new MemoryReplica('0190a000-0000-7000-8000-00000000000b', () => now);
  const c = new MemoryReplica('0190a000-0000-7000-8000-00000000000c', () => now);
  let pages = 0;
  const page = (ops: readonly Operation[]): PulledPage => ({ epoch: 'e1', cursor: `c${++pages}`, ops, highestStamp: highestStamp(ops), serverTime: now });
  return {
    db,
    repo,
    replica,
    b,
    c,
    page,
    now: () => now,
    advance: (ms: number) => (now += ms),
    pull: (ops: readonly Operation[]) => replica.applyPulledPage(page(ops)),
    own: () => replica.pendingOps(1000),
  };
}
