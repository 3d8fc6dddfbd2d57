// Knows when this device is pulling HQ's history from the start (first sync, new epoch): conflicts it records then are history.
import Dexie, { type Transaction } from 'dexie';
import type { LanternDb } from '../../db';
import { readMeta } from '../../db/meta';

export interface CatchUpTracker {
  /** True from a pull that starts over from HQ's beginning until the next successful sync run ends. */
  catchingUp(): boolean;
  stop(): void;
}

interface MetaLike {
  key: string;
  value?: unknown;
}

function cursorIsNull(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { cursor?: unknown }).cursor === null;
}

/**
 * The engine starts a pull from the beginning by storing the sync point with no cursor (resetForNewEpoch, also on
 * first contact), and the host stores lastSyncSuccessAt when a run succeeds (remembered-last-sync.ts). Everything
 * pulled in between is the fleet's history as far as this device is concerned. Conflict rows are written inside the
 * page transactions, before the run's success is stored, so a conflict's hook always sees the right answer.
 */
export function trackCatchUp(db: LanternDb): CatchUpTracker {
  let catching = false;
  let heard = false;
  const set = (value: boolean) => {
    heard = true;
    catching = value;
  };
  const onWrite = (key: unknown, next: MetaLike | undefined, transaction: Transaction) => {
    if (key === 'lastSyncSuccessAt') set(false);
    // Only once the reset is stored: a reset that fails leaves the old cursor, and the pulls go on from it.
    else if (key === 'syncPoint' && cursorIsNull(next?.value)) transaction.on('complete', () => set(true));
  };
  const onCreate = (key: unknown, row: MetaLike, transaction: Transaction) => onWrite(key, row, transaction);
  const onUpdate = (mods: object, key: unknown, row: MetaLike, transaction: Transaction) => {
    // The hook gets the old row and the modified key paths; the row as it will be stored is put together here.
    const next = Dexie.deepClone(row);
    for (const [path, value] of Object.entries(mods)) Dexie.setByKeyPath(next, path, value);
    onWrite(key, next, transaction);
  };
  db.meta.hook('creating', onCreate);
  db.meta.hook('updating', onUpdate);
  // After a restart in the middle of a first sync: the stored point says so (no cursor yet, or no run ever finished).
  void Promise.all([readMeta(db, 'syncPoint'), readMeta(db, 'lastSyncSuccessAt')])
    .then(([point, success]) => {
      if (!heard && point !== undefined) catching = point.cursor === null || success === undefined;
    })
    .catch((error: unknown) => console.warn('Lantern notifications: could not read the sync point', error));
  return {
    catchingUp: () => catching,
    stop() {
      db.meta.hook('creating').unsubscribe(onCreate);
      db.meta.hook('updating').unsubscribe(onUpdate);
    },
  };
}
