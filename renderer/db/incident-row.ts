// How an incident is stored: the domain record plus index-only fields, derived in ONE place for every write.
import { formatPath, type Incident } from '../../shared/domain';

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
}

export type IncidentRow = Incident & IncidentIndexFields;

/** The only way an incident becomes a row: every write goes through here so index fields never go stale. */
export function toIncidentRow(incident: Incident): IncidentRow {
  return {
    ...incident,
    // The list sorts by updatedAt as a string; only the canonical toISOString form sorts like time
    // ("…00Z" would sort after "…00.500Z"), so rows from elsewhere (sync, imports) are normalized here.
    updatedAt: canonicalIso(incident.updatedAt),
    categoryKey: formatPath(incident.category),
    siteKey: formatPath(incident.site),
    majorFlag: incident.major ? 1 : 0,
    assigneeKey: incident.assignee ?? '',
    teamKey: incident.team ?? '',
  };
}

export function fromIncidentRow(row: IncidentRow): Incident {
  const { categoryKey: _category, siteKey: _site, majorFlag: _major, assigneeKey: _assignee, teamKey: _team, ...incident } = row;
  return incident;
}

function canonicalIso(value: string): string {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}
