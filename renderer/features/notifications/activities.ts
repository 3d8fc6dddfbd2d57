// Turns fresh timeline events (local or synced) and new sync conflicts into activities the scheduler may announce.
import type { LanternDb } from '../../db';
import { type Incident, type NotificationActivity, type TimelineEvent } from '../../../shared/domain';
import { conflictIdOf } from '../../../shared/sync/merge';
import { isConflictSuperseded } from '../../db/conflict-superseded';
import { getDevice } from '../../db/device';
import { conflictsTable, type ConflictRow } from '../../db/sync-rows';
import { fieldLabel } from '../field-words';
import { foldConflicts, isStatusCompanion, type ConflictGroup } from '../sync/conflict-fold';
import { clashTimeMs, involvesDevice } from '../sync/conflict-involvement';
import { sideWords } from '../sync/conflict-words';

export type RecentEvent = TimelineEvent;

/** Older events (a first sync bringing months of history) are not news. */
export const NEWS_WINDOW_MS = 60 * 60_000;

/** The new assignee, whether set as a field or with a status change ("Assign to …"). */
function assigneeOf(event: TimelineEvent): string | null {
  let value: unknown = null;
  if (event.kind === 'fields_changed') value = event.changes.find((c) => c.field === 'assignee')?.to;
  else if (event.kind === 'status_changed') value = event.details['assignee'];
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** The person newly named incident commander (a major incident's role, set as a field); null when none is named. */
function commanderOf(event: TimelineEvent): string | null {
  if (event.kind !== 'fields_changed') return null;
  const value: unknown = event.changes.find((c) => c.field === 'commander')?.to;
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

export async function activitiesFromEvents(db: LanternDb, events: readonly RecentEvent[], nowMs: number): Promise<NotificationActivity[]> {
  const fresh = events.filter((event) => {
    const at = Date.parse(event.at.utc);
    return Number.isFinite(at) && nowMs - at <= NEWS_WINDOW_MS && (event.kind === 'escalated' || assigneeOf(event) !== null || commanderOf(event) !== null);
  });
  if (fresh.length === 0) return [];
  const rows = await db.incidents.bulkGet([...new Set(fresh.map((event) => event.incidentId))]);
  const byId = new Map(rows.filter((row) => row !== undefined).map((row) => [row.id, row]));
  const activities: NotificationActivity[] = [];
  for (const event of fresh) {
    const row = byId.get(event.incidentId);
    const base = { id: event.id, incidentId: event.incidentId, incidentLabel: incidentLabel(row), actor: event.author.name.slice(0, 200), ...urgencyOf(row) };
    if (event.kind === 'escalated') {
      activities.push({ ...base, kind: 'escalation', text: `${event.author.name} escalated it (${event.level}) to ${event.target}.`.slice(0, 1000) });
      continue;
    }
    const assignee = assigneeOf(event);
    if (assignee !== null) {
      activities.push({ ...base, kind: 'assignment', assignee: assignee.slice(0, 200), text: `${event.author.name} assigned it to ${assignee}.`.slice(0, 1000) });
    }
    // Being named commander is handed to the person like an assignment (only they are told); its own id, as one
    // entry could name both.
    const commander = commanderOf(event);
    if (commander !== null) {
      activities.push({
        ...base,
        id: `${event.id}:commander`,
        kind: 'assignment',
        assignee: commander.slice(0, 200),
        text: `${event.author.name} named ${commander} incident commander.`.slice(0, 1000),
      });
    }
  }
  return activities;
}

/** How an alert names its incident; a drill's says so first, so nobody acts on it as if it were real. */
function incidentLabel(row: Pick<Incident, 'number' | 'title' | 'exercise'> | undefined): string | null {
  return row ? `${row.exercise === true ? '[Exercise] ' : ''}${row.number} ${row.title}`.slice(0, 300) : null;
}

/** What lets an alert through do-not-disturb (P1, major): never a drill's. */
function urgencyOf(row: Pick<Incident, 'priority' | 'major' | 'exercise'> | undefined): { priority: Incident['priority'] | null; major: boolean } {
  if (!row || row.exercise === true) return { priority: null, major: false };
  return { priority: row.priority, major: row.major };
}

export interface ConflictNewsContext {
  readonly nowMs: number;
  /** Ids of conflicts recorded while this device pulled HQ's history from the start (conflict-catch-up.ts). */
  readonly history?: ReadonlySet<string>;
}

/**
 * Conflicts a sync just recorded that are news here: one side was written on this device, or the clash is recent (the
 * same window as other events) and did not come with a first sync's history. A status clash is one alert: its companion
 * fields (hold reason, resolution, …) are folded into it, as in Sync settings → Conflicts.
 */
export async function activitiesFromConflicts(db: LanternDb, conflicts: readonly ConflictRow[], context: ConflictNewsContext): Promise<NotificationActivity[]> {
  const open = conflicts.filter((conflict) => conflict.resolvedAt === undefined);
  if (open.length === 0) return [];
  const ownId = (await getDevice(db))?.deviceId ?? null;
  const rows = await db.incidents.bulkGet([...new Set(open.map((conflict) => conflict.incidentId))]);
  const byId = new Map(rows.filter((row) => row !== undefined).map((row) => [row.id, row]));
  // A clash the field has moved past (a device that pulls the history after someone settled it) needs no one.
  const live = open.filter((conflict) => !isConflictSuperseded(conflict, byId.get(conflict.incidentId)?.stamps[conflict.field]));
  const news = live.filter((conflict) => involvesDevice(conflict, ownId) || (context.history?.has(conflict.id) !== true && isRecentClash(conflict, context.nowMs)));
  const groups = await withoutAnnouncedStatus(db, foldConflicts(news));
  return groups.map((group) => {
    const row = byId.get(group.lead.incidentId);
    const text =
      group.lead.field === 'status'
        ? `Two people changed the status at the same time: ${sideWords(group, 'winner')} was kept; ${sideWords(group, 'loser')} was not. Open Sync settings → Conflicts to keep it, or change the status from the incident.`
        : `Two people changed ${fieldLabel(group.lead.field)} at the same time. The newer value was kept; open Sync settings → Conflicts to pick the other one.`;
    return {
      id: `conflict:${group.lead.id}`.slice(0, 200),
      kind: 'conflict' as const,
      incidentId: group.lead.incidentId,
      incidentLabel: incidentLabel(row),
      // Made by sync, not by a person here: never suppressed as "your own action".
      actor: null,
      text: text.slice(0, 1000),
      ...urgencyOf(row),
    };
  });
}

/** The clash happened (its later change was made) within the news window; a stamp ahead of this clock counts as now. */
function isRecentClash(conflict: ConflictRow, nowMs: number): boolean {
  return nowMs - clashTimeMs(conflict) <= NEWS_WINDOW_MS;
}

/**
 * Companion conflicts whose Status conflict came in an earlier batch (or is stored already) were announced with it.
 * The Status conflict's id is derived from the same stamps (merge.ts conflictIdOf), so one lookup tells.
 */
async function withoutAnnouncedStatus(db: LanternDb, groups: readonly ConflictGroup<ConflictRow>[]): Promise<ConflictGroup<ConflictRow>[]> {
  const lone = groups.filter((group) => group.companions.length === 0 && isStatusCompanion(group.lead.field));
  if (lone.length === 0) return [...groups];
  const statusIds = lone.map(({ lead }) => conflictIdOf(lead.incidentId, 'status', lead.winner.hlc, lead.loser.hlc));
  const held = await conflictsTable(db).bulkGet(statusIds);
  const folded = new Set(lone.filter((_, i) => held[i] !== undefined).map((group) => group.lead.id));
  return groups.filter((group) => !folded.has(group.lead.id));
}
