// Writes one pulled page's operations into the local tables (call inside the page's transaction).
import type { TimelineEvent } from '../../shared/domain';
import { incidentIdsOf, planPage } from '../../shared/sync/engine';
import { incidentFromState, stateFromIncident, type IncidentState } from '../../shared/sync/merge';
import type { Operation } from '../../shared/sync/operation';
import type { LanternDb } from './database';
import { eventText, fromIncidentRow, toIncidentRow } from './incident-row';
import { mergeWords, wordsOf } from './search-words';
import { conflictsTable, partialStatesTable } from './sync-rows';

/**
 * Merges `ops` into the stored incidents (field-level LWW), adds timeline events not held yet, records new
 * conflicts. Incidents whose creation has not arrived stay in syncPartial until it does.
 */
export async function writePageOps(db: LanternDb, ops: readonly Operation[], nowMs: number): Promise<void> {
  if (ops.length === 0) return;
  const ids = incidentIdsOf(ops);
  const partials = partialStatesTable(db);
  const [rows, partialRows] = await Promise.all([db.incidents.bulkGet(ids), partials.bulkGet(ids)]);
  const loaded = new Map<string, IncidentState | undefined>();
  ids.forEach((id, i) => {
    const row = rows[i];
    loaded.set(id, row ? stateFromIncident(fromIncidentRow(row)) : partialRows[i]);
  });
  const plan = planPage(ops, loaded);

  const newEvents = await eventsNotHeld(db, plan.events);
  if (newEvents.length > 0) await db.timeline.bulkAdd(newEvents);

  const wordsByIncident = new Map<string, Set<string>>();
  for (const event of newEvents) {
    const text = eventText(event);
    if (text) wordsByIncident.set(event.incidentId, wordsOf(text, wordsByIncident.get(event.incidentId)));
  }
  for (const [i, id] of ids.entries()) {
    const state = plan.states.get(id);
    if (!state) continue;
    const incident = incidentFromState(state);
    if (incident) {
      await db.incidents.put(toIncidentRow(incident, mergeWords(rows[i]?.noteWords, wordsByIncident.get(id))));
      if (partialRows[i]) await partials.delete(id);
    } else {
      await partials.put(state);
    }
  }

  if (plan.conflicts.length > 0) {
    const conflicts = conflictsTable(db);
    const held = await conflicts.bulkGet(plan.conflicts.map((c) => c.id));
    const detectedAt = new Date(nowMs).toISOString();
    const fresh = new Map(plan.conflicts.filter((_, i) => held[i] === undefined).map((c) => [c.id, { ...c, detectedAt }]));
    if (fresh.size > 0) await conflicts.bulkPut([...fresh.values()]);
  }
}

/** Events of the page whose id the timeline does not hold yet, each once. */
async function eventsNotHeld(db: LanternDb, events: readonly TimelineEvent[]): Promise<TimelineEvent[]> {
  const held = await db.timeline.bulkGet(events.map((e) => e.id));
  const seen = new Set<string>();
  const out: TimelineEvent[] = [];
  events.forEach((event, i) => {
    if (held[i] !== undefined || seen.has(event.id)) return;
    seen.add(event.id);
    out.push(event);
  });
  return out;
}
