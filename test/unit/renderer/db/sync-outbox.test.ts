// Outbox helpers of sync: a new epoch turns every resolved row back into pending.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository, ensureDevice } from '../../../../renderer/db';
import type { LanternDb } from '../../../../renderer/db/database';
import { markResolvedRowsPending } from '../../../../renderer/db/sync-outbox';
import { syncOutbox, type SyncOutboxRow } from '../../../../renderer/db/sync-rows';
import { freshDb, testClock } from './db-test-kit';

let db: LanternDb;
afterEach(() => db?.close());

describe('markResolvedRowsPending', () => {
  it('turns acknowledged, rejected and sent rows back into pending and leaves the rest of each row as it was', async () => {
    db = freshDb('outbox');
    const repo = createIncidentRepository(db, testClock());
    await ensureDevice(db);
    for (let i = 0; i < 6; i++) {
      const saved = await repo.record({ title: `Pump ${i}` });
      if (!saved.ok) throw new Error(saved.error.message);
    }
    const states: SyncOutboxRow['state'][] = ['acknowledged', 'pending', 'rejected', 'sent', 'pending', 'acknowledged'];
    const before = await syncOutbox(db).toArray();
    await syncOutbox(db).bulkPut(before.map((row, i) => ({ ...row, state: states[i]! })));
    await db.transaction('rw', [db.outbox], () => markResolvedRowsPending(db));
    const after = await syncOutbox(db).toArray();
    expect(after.map((row) => row.state)).toEqual(states.map(() => 'pending'));
    expect(after).toEqual(before);
  });
});
