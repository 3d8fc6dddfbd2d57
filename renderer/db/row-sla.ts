// What a plain Incident read from a stored row still needs of it: its place in the SLA order and its SLA changes.
import type { SlaChange } from '../../shared/domain';

/** The row's SLA fields (incident-row.ts); absent on incidents that never were a row (tests, drafts). */
export interface RowSla {
  slaGroup?: number;
  slaKey?: number | string;
  slaChanges?: readonly SlaChange[];
}

/**
 * fromIncidentRow hands out plain incidents (index fields stripped), but the list's page keys are SLA places and the
 * SLA clocks are computed from the row's changes. Both are kept beside each incident object, by identity.
 */
const kept = new WeakMap<object, RowSla>();

export function keepRowSla(incident: object, row: RowSla): void {
  kept.set(incident, { slaGroup: row.slaGroup, slaKey: row.slaKey, slaChanges: row.slaChanges });
}

/** The SLA fields of a row, or of the row an incident was read from. */
export function rowSlaOf(incident: object): RowSla | undefined {
  const own = incident as RowSla;
  return own.slaGroup !== undefined || own.slaChanges !== undefined ? own : kept.get(incident);
}
