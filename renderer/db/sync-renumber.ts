// A device restored from an older copy of its disk: its pending operations move to numbers HQ does not hold yet.
import { newId } from '../../shared/domain';
import type { LanternDb } from './database';
import { readMeta, writeMeta } from './meta';
import { readOutboxMarks } from './sync-outbox';
import { syncOutbox, type SyncOutboxRow } from './sync-rows';

/**
 * HQ holds other operations under this device's numbers up to `hqLastSeq` (the copy the device was restored from
 * predates them; HQ refused the new ones as "seq-reused"). In ONE transaction, every pending operation gets a number
 * above both `hqLastSeq` and every number this device holds, in the same order, and a new opId (HQ remembers the
 * refused ones by id); the device's counter moves past them. The device's own lost operations come back with the
 * next pull, like any other device's. Returns how many operations moved.
 */
export async function renumberPendingRows(db: LanternDb, hqLastSeq: number): Promise<number> {
  const outbox = syncOutbox(db);
  return db.transaction('rw', [outbox, db.meta], async () => {
    const marks = await readOutboxMarks(db);
    const pending = (await outbox.where(':id').above(marks.acknowledgedThrough).toArray()).filter((row) => row.state === 'pending');
    if (pending.length === 0 || pending[0]!.deviceSeq > hqLastSeq) return 0;
    const highestHeld = (await outbox.orderBy(':id').lastKey()) ?? 0;
    const first = Math.max(hqLastSeq, typeof highestHeld === 'number' ? highestHeld : 0) + 1;
    // Under its new number an operation has not been handed to HQ yet: no sentAt (older versions stamped rows).
    const moved: SyncOutboxRow[] = pending.map(({ sentAt: _sent, ...row }, i) => ({ ...row, deviceSeq: first + i, opId: newId() }));
    await outbox.bulkDelete(pending.map((row) => row.deviceSeq));
    await outbox.bulkAdd(moved);
    const counters = await readMeta(db, 'counters');
    if (counters) await writeMeta(db, 'counters', { ...counters, nextDeviceSeq: Math.max(counters.nextDeviceSeq, first + moved.length) });
    return moved.length;
  });
}
