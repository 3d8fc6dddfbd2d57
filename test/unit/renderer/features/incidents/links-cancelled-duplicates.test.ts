// Reading a cancellation's duplicates: found from either side, also when the cancelling laptop's clock ran days behind.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository, type LanternDb } from '../../../../../renderer/db';
import { readCancelledDuplicates } from '../../../../../renderer/features/incidents/links-cancelled-duplicates';
import { freshDb, must, START_MS, testClock } from '../../db/db-test-kit';

const DAY = 24 * 60 * 60 * 1000;
let db: LanternDb;
afterEach(() => db?.close());

describe('readCancelledDuplicates', () => {
  it('names the survivor on the duplicate and the duplicates on the survivor, by number, and nothing on others', async () => {
    db = freshDb('cancelled-duplicates');
    const here = testClock(START_MS - 3 * DAY);
    const repo = createIncidentRepository(db, here);
    // Recorded first, on a laptop whose clock ran days behind; the better-written report that stays came later.
    const early = must(await repo.record({ title: 'EHR login fails' }));
    here.set(START_MS);
    const survivor = must(await repo.record({ title: 'Ransomware on ward PCs' }));
    const other = must(await repo.record({ title: 'Lift 2 stuck' }));
    const late = must(await repo.record({ title: 'File server unreachable' }));
    const unrelated = must(await repo.record({ title: 'Printer jam' }));
    here.set(START_MS + DAY);
    must(await repo.changeStatus(late.id, 'cancelled', { cancelReason: 'Duplicate', duplicateOf: survivor.id }));
    must(await repo.changeStatus(unrelated.id, 'cancelled', { cancelReason: 'Logged in error' }));
    // Cancelled on a laptop whose clock ran two days behind: stamped before the survivor was recorded.
    must(await createIncidentRepository(db, testClock(START_MS - 2 * DAY)).changeStatus(early.id, 'cancelled', { cancelReason: 'Duplicate', duplicateOf: survivor.id }));

    const ofSurvivor = await readCancelledDuplicates(db, survivor.id);
    expect(ofSurvivor.duplicateOf).toBeNull();
    expect(ofSurvivor.duplicates.map((view) => view.number)).toEqual([late.number, early.number].sort());
    expect((await readCancelledDuplicates(db, early.id)).duplicateOf).toEqual({ id: survivor.id, number: survivor.number, title: 'Ransomware on ward PCs', exercise: false });
    expect(await readCancelledDuplicates(db, other.id)).toEqual({ duplicateOf: null, duplicates: [] });
    expect(await readCancelledDuplicates(db, unrelated.id)).toEqual({ duplicateOf: null, duplicates: [] });
    expect(await readCancelledDuplicates(db, 'not-here')).toEqual({ duplicateOf: null, duplicates: [] });
  });
});
