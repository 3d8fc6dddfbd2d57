// Reads what the statistics need for a period: incidents recorded in it or resolved in it, in chunks, with progress.
import { Dexie } from 'dexie';
import { resolveSlaPolicy, type StatsSubject } from '../../shared/domain';
import type { LanternDb } from './database';
import type { IncidentRow } from './incident-row';
import { loadTimelines } from './sla';
import { readSlaPolicySet } from './sla-policies';

/** Rows read per step: a few MB at most (rows carry their search keys), and a progress update each time. */
export const STATS_CHUNK = 500;

/**
 * Index ranges are widened by a day each side: stored instants are ISO strings whose text order can differ from their
 * time order at a boundary (an instant without milliseconds sorts after those with); the exact test is the summary's.
 */
const MARGIN_MS = 24 * 60 * 60 * 1000;

export interface StatsReadOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (read: number, total: number) => void;
}

export class StatsReadCancelled extends Error {
  constructor() {
    super('Reading the statistics was cancelled.');
    this.name = 'StatsReadCancelled';
  }
}

function iso(ms: number): string {
  return new Date(Math.max(0, ms)).toISOString();
}

/**
 * Ids of the incidents that can count in [fromMs, toMs): recorded in it (createdAt index), or resolved or closed
 * and updated since it began (a resolution is never later than the row's last update), read as keys only.
 */
async function candidateIds(db: LanternDb, fromMs: number, toMs: number): Promise<string[]> {
  const from = iso(fromMs - MARGIN_MS);
  const [recorded, resolved, closed] = await Promise.all([
    db.incidents.where('createdAt').between(from, iso(toMs + MARGIN_MS), true, false).primaryKeys(),
    db.incidents.where('[status+updatedAt]').between(['resolved', from], ['resolved', Dexie.maxKey]).primaryKeys(),
    db.incidents.where('[status+updatedAt]').between(['closed', from], ['closed', Dexie.maxKey]).primaryKeys(),
  ]);
  return [...new Set([...recorded, ...resolved, ...closed])];
}

function subjectOf(row: IncidentRow, timeline: StatsSubject['timeline'], policy: StatsSubject['policy']): StatsSubject {
  return {
    priority: row.priority,
    status: row.status,
    major: row.major,
    exercise: row.exercise === true,
    category: row.category[0] ?? null,
    timeline,
    policy,
  };
}

/**
 * The statistics' subjects for the period. Rows are read in chunks (never all at once: 100,000 rows with their search
 * keys are half a gigabyte) and dropped once summarised into subjects. Throws StatsReadCancelled when `signal` aborts.
 */
export async function readStatsSubjects(db: LanternDb, fromMs: number, toMs: number, options: StatsReadOptions = {}): Promise<StatsSubject[]> {
  const { signal, onProgress } = options;
  const policies = await readSlaPolicySet(db);
  const ids = await candidateIds(db, fromMs, toMs);
  const subjects: StatsSubject[] = [];
  onProgress?.(0, ids.length);
  for (let start = 0; start < ids.length; start += STATS_CHUNK) {
    if (signal?.aborted) throw new StatsReadCancelled();
    const rows = (await db.incidents.bulkGet(ids.slice(start, start + STATS_CHUNK))).filter((row): row is IncidentRow => row !== undefined);
    // Rows carry their SLA changes; a row from before they did has its timeline read (loadTimelines does both).
    const timelines = await loadTimelines(db, rows);
    for (const row of rows) {
      const timeline = timelines.get(row.id);
      if (timeline) subjects.push(subjectOf(row, timeline, resolveSlaPolicy(row, policies)));
    }
    onProgress?.(Math.min(ids.length, start + STATS_CHUNK), ids.length);
  }
  if (signal?.aborted) throw new StatsReadCancelled();
  return subjects;
}
