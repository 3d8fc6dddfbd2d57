// Checklist ticks through sync: two Dexie devices tick and untick the same steps offline, then converge through HQ without a conflict.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { getTimeline } from '../../../../renderer/db';
import { recordCapture } from '../../../../renderer/db/attachments-record';
import { createChecklistRepository } from '../../../../renderer/db/checklist';
import type { LanternDb } from '../../../../renderer/db/database';
import { readOpenConflicts } from '../../../../renderer/db/sync-state';
import { deriveChecklist } from '../../../../shared/domain';
import { FakeHq } from '../../shared/sync/support/fake-hq';
import { must, START_MS, testClock } from './db-test-kit';
import { syncedDexieDevice } from './synced-dexie-device';

const open: LanternDb[] = [];
afterEach(() => open.splice(0).forEach((d) => d.close()));

async function device(hq: FakeHq, label: string, clock = testClock()) {
  const synced = await syncedDexieDevice(hq, label, clock);
  open.push(synced.db);
  return { ...synced, checklist: createChecklistRepository(synced.db, clock) };
}

describe('checklist ticks through HQ', () => {
  it('concurrent offline ticks merge: both devices (and every entry) end the same, with no conflict', async () => {
    const hq = new FakeHq({ now: () => START_MS });
    const a = await device(hq, 'tick-a');
    const b = await device(hq, 'tick-b', testClock(START_MS + 5_000));
    const incident = must(await recordCapture(a.db, a.clock, { title: 'Network outage: Block D' }, { checklistTemplateId: 'network-outage' }));
    await a.engine.syncOnce();
    await b.engine.syncOnce();
    expect(deriveChecklist(await getTimeline(b.db, incident.id)).total).toBe(8);

    // Offline: both tick the same step; A also ticks another that B unticks later (B's clock is ahead, so B's entry is later).
    must(await a.checklist.tick(incident.id, 'immediate-1', true));
    must(await a.checklist.tick(incident.id, 'immediate-2', true));
    b.clock.advance(60_000);
    must(await b.checklist.tick(incident.id, 'immediate-1', true));
    must(await b.checklist.tick(incident.id, 'immediate-2', true));
    must(await b.checklist.tick(incident.id, 'immediate-2', false));

    await a.engine.syncOnce();
    await b.engine.syncOnce();
    await a.engine.syncOnce();

    const [onA, onB] = await Promise.all([getTimeline(a.db, incident.id), getTimeline(b.db, incident.id)]);
    expect(onA.map((event) => event.id)).toEqual(onB.map((event) => event.id));
    expect(onA.filter((event) => event.kind === 'checklist_ticked')).toHaveLength(5);
    const [checklistA, checklistB] = [deriveChecklist(onA), deriveChecklist(onB)];
    expect(checklistA).toEqual(checklistB);
    const immediate = checklistA.phases[0]!.items;
    expect(immediate.map((item) => [item.id, item.ticked])).toEqual([
      ['immediate-1', true],
      ['immediate-2', false],
      ['immediate-3', false],
      ['immediate-4', false],
    ]);
    expect(await readOpenConflicts(a.db)).toEqual([]);
    expect(await readOpenConflicts(b.db)).toEqual([]);
  });
});
