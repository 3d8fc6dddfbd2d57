// How an incident is stored: the domain record plus index-only fields, derived in ONE place for every write.
import { formatPath, type Incident, SEED_SLA_POLICY_SET, type SlaChange, type SlaPolicySet, type TimelineEvent } from '../../shared/domain';
import { mergeWords, searchKeysOf, wordsOf } from './search-words';
import { keepRowSla } from './row-sla';
import { slaOrderOf, withSlaChanges, type RowSlaInputs, type RowSlaOrder } from './sla-order';

/**
 * IndexedDB cannot index booleans or null and cannot sort by an array, so every field we filter on
 * gets a scalar twin here. These fields are storage details: callers always get a plain Incident back.
 */
export interface IncidentIndexFields {
  /** Category path joined with ' › ' ('' when none). */
  categoryKey: string;
  /** Site path joined with ' › ' ('' when none). */
  siteKey: string;
  majorFlag: 0 | 1;
  /** Assignee, or '' for unassigned (null is not a valid IndexedDB key). */
  assigneeKey: string;
  /** Team, or '' for none. */
  teamKey: string;
  /**
   * Multi-entry full-text index (schema v6; v2–v5 held the bare words in searchWords): each word of title,
   * description and notes with the update time appended (search-words.ts), so a word's newest hits are one range.
   */
  searchKeys: string[];
  /** Words of the timeline's free text (notes, communications, corrections), kept so edits can rebuild searchKeys without reading the timeline. */
  noteWords: string[];
  /**
   * Schema v8: the changes the SLA clocks depend on (status changes, first owner), kept so every write can place the
   * resolve clock without reading the timeline. Absent only on rows written before v8's upgrade ran.
   */
  slaChanges?: SlaChange[];
  /**
   * Index [slaGroup+slaKey] (v8), the list's SLA sort by the clock its cell shows (time to own while unowned, since v9;
   * then time to resolve): group 0 while it runs (key: its due instant), 1 while it is paused (key: ms left; both under
   * the policies in force), 2 when it is stopped (key: updatedAt).
   * Every row is in the index, so the sorted list holds every incident. Absent only before v8's upgrade ran.
   */
  slaGroup?: RowSlaOrder['slaGroup'];
  slaKey?: RowSlaOrder['slaKey'];
}

export type IncidentRow = Incident & IncidentIndexFields;

/** A row's SLA inputs when none are known: no changes yet, the seed policies (what a fresh database holds). */
const NO_SLA_HISTORY: RowSlaInputs = { changes: [], policies: SEED_SLA_POLICY_SET };

/**
 * The only way an incident becomes a row: every write goes through here so index fields never go stale. The app's
 * writers pass `sla` (incidentRowAfter, sync apply, the v8 upgrade); the default serves older upgrades, which v8's
 * rewrites, and test fixtures of incidents that have no history.
 */
export function toIncidentRow(incident: Incident, noteWords: readonly string[] = [], sla: RowSlaInputs = NO_SLA_HISTORY): IncidentRow {
  const words = wordsOf(incident.description, wordsOf(incident.title));
  // The NIST record's text is searched too (an indicator, an address, a hash is what people look up), after the
  // notes' words: a long pasted list of indicators must not push the notes out of the per-incident word budget.
  // Built only when one is filled: every save and every pulled operation comes through here.
  let recordWords: Set<string> | undefined;
  for (const text of [incident.nextSteps, incident.indicators, incident.impactAssessment, incident.contacts]) if (text) recordWords = wordsOf(text, recordWords);
  const updatedAt = canonicalIso(incident.updatedAt);
  return {
    ...incident,
    // The list sorts by updatedAt as a string; only the canonical toISOString form sorts like time
    // ("…00Z" would sort after "…00.500Z"), so rows from elsewhere (sync, imports) are normalized here.
    updatedAt,
    categoryKey: formatPath(incident.category),
    siteKey: formatPath(incident.site),
    majorFlag: incident.major ? 1 : 0,
    assigneeKey: incident.assignee ?? '',
    teamKey: incident.team ?? '',
    searchKeys: searchKeysOf(mergeWords(words, noteWords, recordWords), updatedAt),
    noteWords: [...noteWords],
    ...slaFields(incident, sla, updatedAt),
  };
}

function slaFields(incident: Incident, sla: RowSlaInputs, updatedAt: string): { slaChanges: SlaChange[] } & RowSlaOrder {
  return { slaChanges: [...sla.changes], ...slaOrderOf(incident, sla, updatedAt) };
}

/**
 * The row to store after `event` changed `incident`: keeps the note words already indexed and adds the
 * event's own text. Every writer (local commands, sync apply) should use this so search stays complete.
 */
export function incidentRowAfter(previous: IncidentRow | undefined, incident: Incident, event: TimelineEvent | undefined, policies: SlaPolicySet): IncidentRow {
  const changes = withSlaChanges(previous?.slaChanges, incident.createdAt, event ? [event] : []);
  return toIncidentRow(incident, mergeWords(previous?.noteWords, event ? [...wordsOf(eventText(event))] : []), { changes, policies });
}

/** The free text of a timeline entry that search should find ('' for entries without any). */
export function eventText(event: TimelineEvent): string {
  switch (event.kind) {
    case 'note':
    case 'correction':
      return event.text;
    case 'communication':
      return [event.subject ?? '', event.message, event.actionTaken ?? ''].join('\n');
    case 'communication_reply':
      return [event.text, event.actionTaken ?? ''].join('\n');
    case 'checklist_added':
      return event.steps.map((step) => step.text).join('\n');
    case 'review':
      return [event.whatHappened, event.whatWorked, event.whatToChange, event.rootCause, event.problemRef].join('\n');
    case 'system_status':
      return event.systems.map((line) => `${line.system} ${line.reason}`).join('\n');
    case 'custody':
      return [event.item, event.location, event.notes].join('\n');
    default:
      return '';
  }
}

/** The plain incident of a row; its SLA fields stay reachable through rowSlaOf (list order, clocks). */
export function fromIncidentRow(row: IncidentRow): Incident {
  const {
    categoryKey: _category, siteKey: _site, majorFlag: _major, assigneeKey: _assignee, teamKey: _team,
    searchKeys: _search, noteWords: _notes, slaChanges: _sla, slaGroup: _group, slaKey: _key, ...incident
  } = row;
  keepRowSla(incident, row);
  return incident;
}

function canonicalIso(value: string): string {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}
