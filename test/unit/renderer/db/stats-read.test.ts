// The statistics reader: which incidents it reads for a period (recorded in it, or resolved or closed in it), in chunks.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository, ensureDevice, type LanternDb } from '../../../../renderer/db';
import { readStatsSubjects, STATS_CHUNK, StatsReadCancelled } from '../../../../renderer/db/stats-read';
import { summarizeIncidents } from '../../../../shared/domain';
import { freshDb, must, START_MS, testClock } from './db-test-kit';

const DAY = 24 * 60 * 60 * 1000;
const open: LanternDb[] = [];
afterEach(() => open.splice(0).forEach((db) => db.close()));

async function device() {
  const db = freshDb('stats');
  open.push(db);
  await ensureDevice(db);
  const clock = testClock(START_MS - 40 * DAY);
  return { db, clock, repo: createIncidentRepository(db, clock) };
}

const resolution = { team: 'Electrical', resolutionCode: 'Fixed', resolutionNotes: 'Replaced the fuse.' };

describe('readStatsSubjects', () => {
  it('reads those recorded in the period and those resolved or closed in it, not older finished ones', async () => {
    const { db, clock, repo } = await device();
    const finishedLongAgo = must(await repo.record({ title: 'Old, finished before the period' }));
    clock.advance(DAY);
    must(await repo.changeStatus(finishedLongAgo.id, 'resolved', resolution));
    const resolvedInPeriod = must(await repo.record({ title: 'Old, resolved in the period' }));
    const closedInPeriod = must(await repo.record({ title: 'Old, resolved and closed in the period' }));
    must(await repo.record({ title: 'Old, still open' }));
    clock.advance(30 * DAY); // START_MS - 9 days
    const from = clock.nowMs();
    must(await repo.changeStatus(resolvedInPeriod.id, 'resolved', resolution));
    must(await repo.changeStatus(closedInPeriod.id, 'resolved', resolution));
    must(await repo.changeStatus(closedInPeriod.id, 'closed'));
    clock.advance(DAY);
    must(await repo.record({ title: 'New in the period', impact: 1, urgency: 1 }));

    const subjects = await readStatsSubjects(db, from);
    const stats = summarizeIncidents(subjects, { fromMs: from, toMs: START_MS, bucketStarts: [from] }, START_MS);
    expect(stats).toMatchObject({ recorded: 1, resolved: 2, stillOpen: 1 });
    expect(stats.byPriority.map((p) => [p.priority, p.recorded, p.resolved])).toEqual([
      [1, 1, 0],
      [4, 0, 2],
    ]);
  });

  it('reports progress chunk by chunk and stops when cancelled', async () => {
    const { db, repo } = await device();
    const rows = Array.from({ length: STATS_CHUNK + 3 }, (_, i) => ({ title: `Incident ${i}` }));
    for (const row of rows) must(await repo.record(row));
    const progress: [number, number][] = [];
    const subjects = await readStatsSubjects(db, START_MS - 50 * DAY, { onProgress: (read, total) => progress.push([read, total]) });
    expect(subjects).toHaveLength(rows.length);
    expect(progress).toEqual([
      [0, rows.length],
      [STATS_CHUNK, rows.length],
      [rows.length, rows.length],
    ]);

    const controller = new AbortController();
    const reading = readStatsSubjects(db, START_MS - 50 * DAY, {
      signal: controller.signal,
      onProgress: (read) => {
        if (read > 0) controller.abort();
      },
    });
    await expect(reading).rejects.toBeInstanceOf(StatsReadCancelled);
  });
});
