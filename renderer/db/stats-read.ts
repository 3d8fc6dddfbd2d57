// Reads what the statistics need for a period: incidents recorded or resolved in it and the open backlog, in chunks, with progress.
import { Dexie } from 'dexie';
import { formatPath, OPEN_STATUSES, resolveSlaPolicy, type Status, type StatsSubject } from '../../shared/domain';
import type { LanternDb } from './database';
import type { IncidentRow } from './incident-row';
import { loadTimelines } from './sla';
import { readMeta } from './meta';
import { readSlaPolicySet } from './sla-policies';
import { incidentWriteMark } from './write-mark';

/** Rows read per step: a few MB at most (rows carry their search keys), and a progress update each time. */
export const STATS_CHUNK = 500;

/**
 * Index ranges start a minute early: stored instants are ISO strings whose text order can differ from their time order
 * within a second (an instant without milliseconds sorts after those with); the exact test is the summary's.
 */
const MARGIN_MS = 60 * 1000;

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
 * Ids of the incidents that can count from `fromMs` on, read as keys only: recorded since (createdAt index; with no
 * upper bound, as a device clock ahead records in the future and the summary counts such an incident as of now);
 * resolved or closed and updated since (a resolution is never later than the row's last update); and every open one,
 * whenever recorded, for the backlog figures (open and overdue now).
 */
async function candidateIds(db: LanternDb, fromMs: number): Promise<string[]> {
  const from = iso(fromMs - MARGIN_MS);
  const byStatus = (status: Status, since: string | typeof Dexie.minKey) =>
    db.incidents.where('[status+updatedAt]').between([status, since], [status, Dexie.maxKey]).primaryKeys();
  const parts = await Promise.all([
    db.incidents.where('createdAt').aboveOrEqual(from).primaryKeys(),
    byStatus('resolved', from),
    byStatus('closed', from),
    ...OPEN_STATUSES.map((status) => byStatus(status, Dexie.minKey)),
  ]);
  return [...new Set(parts.flat())];
}

function subjectOf(row: IncidentRow, timeline: StatsSubject['timeline'], policy: StatsSubject['policy']): StatsSubject {
  return {
    priority: row.priority,
    impact: row.impact,
    urgency: row.urgency,
    status: row.status,
    major: row.major,
    exercise: row.exercise === true,
    // Two levels ("Facility › HVAC"): the top level alone puts a facility team's whole work in one bar.
    category: row.category.length > 0 ? formatPath(row.category.slice(0, 2)) : null,
    site: row.site.length > 0 ? formatPath(row.site.slice(0, 2)) : null,
    team: row.team,
    updatedAtMs: Date.parse(row.updatedAt),
    timeline,
    policy,
  };
}

/**
 * What changes whenever the figures would: an incident written or pulled (incidentWriteMark), or an SLA policy edited
 * (met and missed are judged against the policies).
 */
export async function statsInputMark(db: LanternDb): Promise<string> {
  const [incidents, policies] = await Promise.all([incidentWriteMark(db), readMeta(db, 'slaPolicyVersion')]);
  return `${incidents}|${policies ?? 0}`;
}

/**
 * The statistics' subjects from `fromMs` on (later ones too: the summary places each). Rows are read in chunks (never all at once: 100,000 rows with their search
 * keys are half a gigabyte) and dropped once summarised into subjects. Throws StatsReadCancelled when `signal` aborts.
 */
export async function readStatsSubjects(db: LanternDb, fromMs: number, options: StatsReadOptions = {}): Promise<StatsSubject[]> {
  const { signal, onProgress } = options;
  const policies = await readSlaPolicySet(db);
  const ids = await candidateIds(db, fromMs);
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
