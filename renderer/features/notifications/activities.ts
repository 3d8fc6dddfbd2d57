// Turns fresh timeline events (local or synced) into activities the scheduler may announce: assignments (and a named commander), escalations.
import type { LanternDb } from '../../db';
import { FIELD_LABELS, type Incident, type NotificationActivity, type TimelineEvent } from '../../../shared/domain';
import { isConflictSuperseded } from '../../db/conflict-superseded';
import type { ConflictRow } from '../../db/sync-rows';

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

/** Conflicts a sync just recorded: a person may want to pick the other value (Sync settings → Conflicts). */
export async function activitiesFromConflicts(db: LanternDb, conflicts: readonly ConflictRow[]): Promise<NotificationActivity[]> {
  const open = conflicts.filter((conflict) => conflict.resolvedAt === undefined);
  if (open.length === 0) return [];
  const rows = await db.incidents.bulkGet([...new Set(open.map((conflict) => conflict.incidentId))]);
  const byId = new Map(rows.filter((row) => row !== undefined).map((row) => [row.id, row]));
  // A clash the field has moved past (a device that pulls the history after someone settled it) needs no one.
  const live = open.filter((conflict) => !isConflictSuperseded(conflict, byId.get(conflict.incidentId)?.stamps[conflict.field]));
  return live.map((conflict) => {
    const row = byId.get(conflict.incidentId);
    const field = FIELD_LABELS[conflict.field] ?? conflict.field;
    return {
      id: `conflict:${conflict.id}`.slice(0, 200),
      kind: 'conflict' as const,
      incidentId: conflict.incidentId,
      incidentLabel: incidentLabel(row),
      // Made by sync, not by a person here: never suppressed as "your own action".
      actor: null,
      text: `Two people changed ${field} at the same time. The newer value was kept; open Sync settings → Conflicts to pick the other one.`,
      ...urgencyOf(row),
    };
  });
}
