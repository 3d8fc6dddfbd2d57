// Writes one pulled page's operations into the local tables with bulk requests (call inside the page's transaction).
import { Dexie, type Table } from 'dexie';
import type { TimelineEvent } from '../../shared/domain';
import { conflictsFound, incidentIdsOf, planPage, stateChanged } from '../../shared/sync/engine';
import { isAutomaticEntry, replacesAutomaticCopy } from '../../shared/sync/automatic-entries';
import { incidentFromState, stateFromIncident, type Conflict, type IncidentState } from '../../shared/sync/merge';
import type { Operation } from '../../shared/sync/operation';
import { linkPulledFiles } from './attachments-pulled';
import type { LanternDb } from './database';
import { eventText, fromIncidentRow, toIncidentRow, type IncidentRow } from './incident-row';
import { mergeWords, wordsOf } from './search-words';
import { policySetInForce } from './sla-policies';
import { withSlaChanges } from './sla-order';
import { conflictsTable, partialStatesTable, type ConflictRow } from './sync-rows';

/** What a page changed on this device (for tests and for anyone who wants to react to a sync without table hooks). */
export interface AppliedPage {
  /** Incidents whose stored state the page rewrote (complete rows and partial states). */
  readonly incidentIds: readonly string[];
  /** Timeline events this device did not hold before, in page order. */
  readonly addedEvents: readonly TimelineEvent[];
  /** Conflicts this device learned of with this page. */
  readonly newConflicts: readonly ConflictRow[];
  /** Files this device learned of with this page (stored without bytes: at HQ, not on this device). */
  readonly newFiles: readonly string[];
}

const NOTHING: AppliedPage = { incidentIds: [], addedEvents: [], newConflicts: [], newFiles: [] };

/**
 * Call inside a transaction holding incidents, timeline, meta, slaPolicies, conflicts, syncPartial and attachments.
 * Merges `ops` into the stored incidents (field-level LWW), adds timeline events not held yet, records new
 * conflicts, links the files the operations name (attachments-pulled.ts). Incidents whose creation has not
 * arrived stay in syncPartial until it does.
 *
 * Every table is read once and written once for the whole page: each IndexedDB request is a round trip to
 * the browser's storage process, so a request per incident (the old way) was most of a pull's time.
 * The event adds do not depend on what is stored, so they are issued right behind the reads, and the incident
 * rows are built and put as soon as the reads answer, while the browser is still storing the events: the rows
 * do not depend on which events were new (only the conflicts do, settled once the adds answer). Storing the
 * rows and their index entries is most of a page's time, so neither side waits for the other to finish first
 * (IndexedDB answers a transaction's requests in the order they were made, so the reads still come back first).
 */
export async function writePageOps(db: LanternDb, ops: readonly Operation[], nowMs: number): Promise<AppliedPage> {
  if (ops.length === 0) return NOTHING;
  const ids = incidentIdsOf(ops);
  const partials = partialStatesTable(db);
  const reading = Promise.all([db.incidents.bulkGet(ids), partialsOf(partials, ids), policySetInForce(db)]);
  // planPage's events are the operations' events in page order, so the adds need no plan.
  // Independent of the incidents too: a file is linked even while its incident waits in syncPartial.
  // Awaited after the rows are put; caught here so a failed read (the page aborts) leaves no unhandled rejection.
  const adding = Promise.all([addEventsNotHeld(db, ops.map((op) => op.event)), linkPulledFiles(db, ops, nowMs)]);
  adding.catch(() => undefined);
  const [rows, partialRows, policies] = await reading;
  const loaded = new Map<string, IncidentState | undefined>();
  ids.forEach((id, i) => {
    const row = rows[i];
    loaded.set(id, row ? stateFromIncident(fromIncidentRow(row)) : partialRows[i]);
  });
  // The states and events do not depend on which operations were merged before; the conflicts do (conflictsFound below).
  const plan = planPage(ops, loaded);

  // Words of every event of the page, held or not: those of a held event are in the row's noteWords already.
  // Likewise the events themselves, for the SLA changes (withSlaChanges keeps each change once).
  const wordsByIncident = new Map<string, Set<string>>();
  const eventsByIncident = new Map<string, TimelineEvent[]>();
  for (const event of plan.events) {
    const text = eventText(event);
    if (text) wordsByIncident.set(event.incidentId, wordsOf(text, wordsByIncident.get(event.incidentId)));
    const list = eventsByIncident.get(event.incidentId);
    if (list) list.push(event);
    else eventsByIncident.set(event.incidentId, [event]);
  }

  // An incident completed by this page may hold events from earlier pages (kept while it was partial, when no
  // row existed to carry their words): read those once so its notes are searchable from the start. The read
  // may also see this page's events (added above, same transaction): their words are in the set already.
  const completing = ids.filter((id, i) => {
    const state = plan.states.get(id);
    return partialRows[i] !== undefined && state !== undefined && incidentFromState(state) !== null;
  });
  // Their held entries are read only once this page's adds have settled: an add that finds an automatic entry already
  // held swaps in the winning copy (keepWinningAutomaticCopies), and a read sent before that swap would give the row the
  // losing copy's SLA change as well. Rare (an incident completed by this page), so the common path does not wait.
  if (completing.length > 0) await adding;
  for (const [id, held] of await heldEventsOf(db, completing)) {
    const words = new Set<string>();
    for (const event of held) wordsOf(eventText(event), words);
    if (words.size > 0) wordsByIncident.set(id, mergeInto(wordsByIncident.get(id), words));
    eventsByIncident.set(id, [...held, ...(eventsByIncident.get(id) ?? [])]);
  }

  const incidentRows: IncidentRow[] = [];
  const partialPuts: IncidentState[] = [];
  const partialDeletes: string[] = [];
  const written: string[] = [];
  ids.forEach((id, i) => {
    const state = plan.states.get(id);
    const words = wordsByIncident.get(id);
    const incident = state ? incidentFromState(state) : undefined;
    const held = rows[i]?.slaChanges;
    const slaChanges = incident ? withSlaChanges(held, incident.createdAt, eventsByIncident.get(id) ?? []) : undefined;
    // Operations this device already merged (its own coming back, a repeated page) change nothing: no write.
    // A status change that lost the merge still counts for the clocks (they follow the timeline), hence the SLA check.
    const addsSla = slaChanges !== undefined && slaChanges.length !== (held?.length ?? -1);
    if (!state || (!stateChanged(loaded.get(id), state) && !addsWords(rows[i]?.noteWords, words) && !addsSla)) return;
    written.push(id);
    if (incident && slaChanges) {
      incidentRows.push(toIncidentRow(incident, mergeWords(rows[i]?.noteWords, words), { changes: slaChanges, policies }));
      if (partialRows[i]) partialDeletes.push(id);
    } else {
      partialPuts.push(state);
    }
  });
  const writing = Promise.all([
    incidentRows.length > 0 ? db.incidents.bulkPut(incidentRows) : undefined,
    partialPuts.length > 0 ? partials.bulkPut(partialPuts) : undefined,
    partialDeletes.length > 0 ? partials.bulkDelete(partialDeletes) : undefined,
  ]);
  writing.catch(() => undefined);
  // The adds say which operations this device had merged before: those find no conflicts (see planPage).
  const [addedEvents, newFiles] = await adding;
  const added = new Set(addedEvents.map((event) => event.id));
  const [newConflicts] = await Promise.all([addNewConflicts(db, conflictsFound(plan, (eventId) => !added.has(eventId)), nowMs), writing]);
  return { incidentIds: written, addedEvents, newConflicts, newFiles };
}

/** The timeline entries already stored for each of `ids` (one read per incident, all issued at once). */
async function heldEventsOf(db: LanternDb, ids: readonly string[]): Promise<Map<string, TimelineEvent[]>> {
  const timeline = db.table<TimelineEvent, string>('timeline');
  const held = await Promise.all(ids.map((id) => timeline.where('[incidentId+hlc]').between([id, Dexie.minKey], [id, Dexie.maxKey]).toArray()));
  return new Map(ids.map((id, i) => [id, held[i]!]));
}

function mergeInto(into: Set<string> | undefined, words: ReadonlySet<string>): Set<string> {
  const out = into ?? new Set<string>();
  for (const word of words) out.add(word);
  return out;
}

/** Whether `words` holds a word the row does not index yet (a partial state holds none). */
function addsWords(held: readonly string[] | undefined, words: ReadonlySet<string> | undefined): boolean {
  if (!words) return false;
  const have = new Set(held);
  for (const word of words) if (!have.has(word)) return true;
  return false;
}

/** Partial states of `ids`; most devices hold none, and then one count replaces a read per incident. */
async function partialsOf(partials: Table<IncidentState, string>, ids: readonly string[]): Promise<(IncidentState | undefined)[]> {
  if ((await partials.count()) === 0) return ids.map(() => undefined);
  return partials.bulkGet([...ids]);
}

/**
 * Adds the page's events (each id once) without reading first: an event this device already holds fails
 * its add with ConstraintError, which is the "held" answer, and the rest of the page goes on. Any other
 * failure aborts the page. An automatic entry held in another copy gives way to a copy with a higher stamp
 * (see shared/sync/automatic-entries.ts); it still counts as held.
 */
async function addEventsNotHeld(db: LanternDb, events: readonly TimelineEvent[]): Promise<TimelineEvent[]> {
  const byId = new Map<string, TimelineEvent>();
  for (const event of events) {
    const seen = byId.get(event.id);
    if (!seen || replacesAutomaticCopy(seen, event)) byId.set(event.id, event);
  }
  const unique = [...byId.values()];
  if (unique.length === 0) return [];
  try {
    await db.timeline.bulkAdd(unique);
    return unique;
  } catch (error) {
    if (!(error instanceof Dexie.BulkError)) throw error;
    const failed = error.failuresByPos;
    if (Object.values(failed).some((failure) => failure.name !== 'ConstraintError')) throw error;
    await keepWinningAutomaticCopies(db, unique.filter((event, i) => failed[i] !== undefined && isAutomaticEntry(event)));
    return unique.filter((_, i) => failed[i] === undefined);
  }
}

async function keepWinningAutomaticCopies(db: LanternDb, pulled: readonly TimelineEvent[]): Promise<void> {
  if (pulled.length === 0) return;
  const held = await db.timeline.bulkGet(pulled.map((event) => event.id));
  const winners = pulled.filter((event, i) => held[i] !== undefined && replacesAutomaticCopy(held[i]!, event));
  if (winners.length > 0) await db.timeline.bulkPut(winners);
}

/** Stores the page's conflicts this device has not recorded yet (the same pair of changes keeps its first detectedAt). */
async function addNewConflicts(db: LanternDb, conflicts: readonly Conflict[], nowMs: number): Promise<ConflictRow[]> {
  if (conflicts.length === 0) return [];
  const table = conflictsTable(db);
  const held = await table.bulkGet(conflicts.map((c) => c.id));
  const detectedAt = new Date(nowMs).toISOString();
  const fresh = new Map(conflicts.filter((_, i) => held[i] === undefined).map((c) => [c.id, { ...c, detectedAt }]));
  const rows = [...fresh.values()];
  if (rows.length > 0) await table.bulkAdd(rows);
  return rows;
}
