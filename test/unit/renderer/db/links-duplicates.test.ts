// findPossibleDuplicates: open incidents on the same site + category within the window, read through [siteKey+updatedAt].
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository, type IncidentRepository } from '../../../../renderer/db';
import type { LanternDb } from '../../../../renderer/db/database';
import { findPossibleDuplicates } from '../../../../renderer/db/duplicates';
import { zonedTimeFromEpoch } from '../../../../shared/domain';
import { freshDb, testClock } from './db-test-kit';

let db: LanternDb;
let repo: IncidentRepository;
afterEach(() => db?.close());

const SITE = ['Main campus', 'Block A'];
const CATEGORY = ['Facility', 'HVAC'];
const HOUR = 60 * 60 * 1000;

describe('findPossibleDuplicates', () => {
  it('finds open matches within 2 h of occurredAt and leaves out other sites, categories, times and closed ones', async () => {
    db = freshDb('duplicates');
    const clock = testClock();
    repo = createIncidentRepository(db, clock);
    const now = clock.nowMs();
    const record = async (title: string, occurredMs: number, site = SITE, category = CATEGORY) => {
      const result = await repo.record({ title, site, category, occurredAt: zonedTimeFromEpoch(occurredMs, 0) });
      if (!result.ok) throw new Error(result.error.message);
      return result.value;
    };
    const near = await record('Chiller alarm', now - HOUR);
    await record('Chiller alarm long ago', now - 5 * HOUR);
    await record('Other block', now, ['Main campus', 'Block B']);
    await record('Other category', now, SITE, ['IT', 'Network']);
    const cancelled = await record('Cancelled one', now);
    expect((await repo.changeStatus(cancelled.id, 'cancelled', { cancelReason: 'Recorded twice' })).ok).toBe(true);

    const found = await findPossibleDuplicates(db, { siteKey: 'Main campus › Block A', categoryKey: 'Facility › HVAC', occurredMs: now });
    expect(found.map((incident) => incident.id)).toEqual([near.id]);
    expect(await findPossibleDuplicates(db, { siteKey: '', categoryKey: 'Facility › HVAC', occurredMs: now })).toEqual([]);
    expect(await findPossibleDuplicates(db, { siteKey: 'Main campus › Block A', categoryKey: 'Facility › HVAC', occurredMs: Number.NaN })).toEqual([]);
  });
});
