// SLA clocks for the list: timelines of the rows on screen read in one indexed query, cached per incident + updatedAt.
import { Dexie } from 'dexie';
import {
  computeIncidentSla,
  OPEN_STATUSES,
  resolveSlaPolicy,
  SEED_SLA_POLICY_SET,
  slaTimelineFromEvents,
  targetFor,
  type Incident,
  type SlaChange,
  type SlaClock,
  type SlaClocks,
  type SlaPolicy,
  type SlaPolicySet,
  type SlaPriorityNow,
  type SlaSubject,
  type SlaTimeline,
  type Status,
} from '../../shared/domain';
import type { LanternDb } from './database';
import type { IncidentRow } from './incident-row';
import { rowSlaOf } from './row-sla';
import { readSlaPolicySet } from './sla-policies';

/** What an incident's clocks are computed from: its status timeline and the policy that applies to it. */
export interface SlaInputs extends SlaTimeline {
  readonly policy: SlaPolicy;
}

/** Cache bound: well above the rows the list keeps live (pages of 200 near the viewport); the oldest entries go first. */
const CACHE_LIMIT = 6000;

type SlaKey = Pick<Incident, 'id' | 'createdAt' | 'updatedAt'>;
/** What loadSlaTimelines needs to also pick each incident's policy. */
type SlaLoadKey = SlaKey & SlaSubject;
interface Cached {
  readonly updatedAt: string;
  readonly timeline: SlaTimeline;
}

const caches = new WeakMap<LanternDb, Map<string, Cached>>();

function cacheOf(db: LanternDb): Map<string, Cached> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  return cache;
}

/** Derived once per changes array, so a row's timeline keeps its identity across renders. */
const rowTimelines = new WeakMap<readonly SlaChange[], SlaTimeline>();

/**
 * The timeline from the incident's own row (schema v8 rows carry their SLA changes): no read, and always what the
 * row's place in the SLA order was computed from, also after a pulled change that did not move updatedAt.
 */
function rowTimeline(incident: SlaKey): SlaTimeline | undefined {
  const changes = rowSlaOf(incident)?.slaChanges;
  if (!changes) return undefined;
  let timeline = rowTimelines.get(changes);
  if (!timeline) {
    timeline = { createdAtMs: Date.parse(incident.createdAt), changes };
    rowTimelines.set(changes, timeline);
  }
  return timeline;
}

/** The row's timeline, else the cached one when still current (every command bumps updatedAt, so a changed incident misses). */
export function cachedSlaTimeline(db: LanternDb, incident: SlaKey): SlaTimeline | undefined {
  const own = rowTimeline(incident);
  if (own) return own;
  const hit = cacheOf(db).get(incident.id);
  return hit && hit.updatedAt === incident.updatedAt ? hit.timeline : undefined;
}

/** The inputs of one incident: the cached timeline is policy-free, so a policy edit never invalidates the cache. */
export function slaInputsOf(timeline: SlaTimeline, incident: SlaSubject, policies: SlaPolicySet): SlaInputs {
  return { createdAtMs: timeline.createdAtMs, changes: timeline.changes, policy: resolveSlaPolicy(incident, policies) };
}

/**
 * SLA inputs of these incidents: cache hits, plus one `incidentId` index read for all misses together, with the
 * policy of each (read here, so a live query around this call also re-runs when the policies change).
 */
export async function loadSlaTimelines(db: LanternDb, incidents: readonly SlaLoadKey[]): Promise<Map<string, SlaInputs>> {
  const policies = await readSlaPolicySet(db);
  const timelines = await loadTimelines(db, incidents);
  const out = new Map<string, SlaInputs>();
  for (const incident of incidents) {
    const timeline = timelines.get(incident.id);
    if (timeline) out.set(incident.id, slaInputsOf(timeline, incident, policies));
  }
  return out;
}

/** The timelines only (rows' own, cache hits, plus one read for the misses), for callers that pick policies themselves. */
export async function loadTimelines(db: LanternDb, incidents: readonly SlaKey[]): Promise<Map<string, SlaTimeline>> {
  const cache = cacheOf(db);
  const out = new Map<string, SlaTimeline>();
  const missing: SlaKey[] = [];
  for (const incident of incidents) {
    const hit = cachedSlaTimeline(db, incident);
    if (hit) out.set(incident.id, hit);
    else missing.push(incident);
  }
  if (missing.length === 0) return out;
  const events = await db.timeline.where('incidentId').anyOf(missing.map((i) => i.id)).toArray();
  const byIncident = new Map<string, typeof events>();
  for (const event of events) {
    const list = byIncident.get(event.incidentId);
    if (list) list.push(event);
    else byIncident.set(event.incidentId, [event]);
  }
  for (const incident of missing) {
    const timeline = slaTimelineFromEvents(incident.createdAt, byIncident.get(incident.id) ?? []);
    cache.delete(incident.id);
    cache.set(incident.id, { updatedAt: incident.updatedAt, timeline });
    out.set(incident.id, timeline);
  }
  // Maps iterate in insertion order: drop the oldest entries past the bound.
  for (const key of cache.keys()) {
    if (cache.size <= CACHE_LIMIT) break;
    cache.delete(key);
  }
  return out;
}

/**
 * Both clocks of an incident under the policy that applies to it (carried by its inputs). An incident whose clocks
 * ended is judged as of its last change at least: each view holds its own "now", refreshed once a minute, and one held
 * from before the resolution would cut the elapsed time short and call a missed target "Met" (the list beside a detail
 * saying "Missed", for up to a minute, or for days after a sleep). Once the clocks have stopped, any time after every
 * change gives the same verdict, so the common case stays one computation.
 */
export function slaClocksOf(inputs: SlaInputs, priority: SlaPriorityNow, nowMs: number): SlaClocks {
  const clocks = computeIncidentSla(inputs, priority, inputs.policy, nowMs);
  if (clocks.resolve.state !== 'stopped') return clocks;
  let latest = nowMs;
  for (const change of inputs.changes) if (change.atMs > latest) latest = change.atMs;
  return latest === nowMs ? clocks : computeIncidentSla(inputs, priority, inputs.policy, latest);
}

/** Breaching soon: at or past the second warning (75 %) on the time to resolve, or on a time to own still running (nobody owns it yet). */
export function isBreachingSoon(clocks: SlaClocks): boolean {
  const late = (clock: SlaClock) => clock.threshold === 'warn75' || clock.threshold === 'breached';
  return late(clocks.resolve) || (clocks.response.state === 'running' && late(clocks.response));
}

/**
 * Wall-clock age bounds a clock's elapsed time (on-hold time and calendars only subtract), so an incident younger than
 * its policy's second warning (75 % by default) of its shortest running target cannot be breaching soon; its timeline
 * is never read.
 * Pass the stored policy set (readSlaPolicySet): without it every incident is judged by the seed default (gold).
 */
export function oldEnough(row: IncidentRow, nowMs: number, policies: SlaPolicySet = SEED_SLA_POLICY_SET): boolean {
  const age = nowMs - Date.parse(row.createdAt);
  if (!Number.isFinite(age)) return true;
  // A priority that changed may have breached under a stricter target than today's (the breach stays): not judged by age.
  if (row.slaChanges?.some((change) => change.levels !== undefined)) return true;
  const policy = resolveSlaPolicy(row, policies);
  const target = targetFor(policy, row.priority);
  // The time to own has the shorter target; it runs only while nobody owns the incident (status new).
  const minutes = row.status === 'new' ? Math.min(target.responseMinutes, target.resolveMinutes) : target.resolveMinutes;
  return age * 100 >= minutes * 60_000 * policy.warnPercents[1];
}

const WALK_PAGE = 500;

/**
 * The first `take` open incidents (newest update first, per open status, merged) that are breaching soon at `nowMs`.
 * "Breaching soon" is a threshold (75 % of the target), which on a business calendar is not a fixed distance before the
 * due instant that [slaGroup+slaKey] orders by, so this is bounded instead: it walks the [status+updatedAt] index, skips rows that fail
 * the other filters or are too young (no timeline read), and reads timelines a page of candidates at a time until
 * `take` hits. Pages continue from the last key (not offsets), so a deep walk stays linear.
 */
export async function findBreachingSoon(
  db: LanternDb,
  statuses: readonly Status[] | undefined,
  matches: (row: IncidentRow) => boolean,
  take: number,
  nowMs: number,
): Promise<IncidentRow[]> {
  const open = statuses && statuses.length > 0 ? OPEN_STATUSES.filter((s) => statuses.includes(s)) : OPEN_STATUSES;
  const policies = await readSlaPolicySet(db);
  const perStatus = await Promise.all(open.map((status) => walkStatus(db, status, matches, take, nowMs, policies)));
  return perStatus.flat().sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.id < b.id ? 1 : -1)).slice(0, take);
}

async function walkStatus(
  db: LanternDb,
  status: Status,
  matches: (row: IncidentRow) => boolean,
  take: number,
  nowMs: number,
  policies: SlaPolicySet,
): Promise<IncidentRow[]> {
  const hits: IncidentRow[] = [];
  let upper: string | typeof Dexie.maxKey = Dexie.maxKey;
  // Rows at the boundary updatedAt already seen (ties continue inclusively and skip these).
  let seenAtUpper = new Set<string>();
  for (;;) {
    const skip = seenAtUpper;
    const rows = await db.incidents
      .where('[status+updatedAt]')
      .between([status, Dexie.minKey], [status, upper], true, true)
      .reverse()
      .filter((row) => !skip.has(row.id) && oldEnough(row, nowMs, policies) && matches(row))
      .limit(WALK_PAGE)
      .toArray();
    if (rows.length === 0) return hits;
    const timelines = await loadSlaTimelines(db, rows);
    for (const row of rows) {
      const timeline = timelines.get(row.id);
      if (timeline && isBreachingSoon(slaClocksOf(timeline, row, nowMs))) hits.push(row);
      if (hits.length >= take) return hits;
    }
    if (rows.length < WALK_PAGE) return hits;
    const last = rows[rows.length - 1]!.updatedAt;
    seenAtUpper = new Set(rows.filter((row) => row.updatedAt === last).map((row) => row.id));
    if (upper === last) for (const id of skip) seenAtUpper.add(id);
    upper = last;
  }
}
