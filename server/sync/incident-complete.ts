// Whether HQ holds an incident completely (creation arrived, every required field set), without re-validating each value.
import { SYNCED_FIELDS, syncedFieldsSchema } from '../../shared/domain';
import type { IncidentState } from '../../shared/sync/merge';

/** Fields the full schema needs present (the rest are optional); computed from the schema, so it follows it. */
const REQUIRED_FIELDS = SYNCED_FIELDS.filter((field) => !syncedFieldsSchema.shape[field].safeParse(undefined).success);

/**
 * Same answer as `incidentFromState(state) !== null`, at a fraction of the cost (it ran for every incident a push
 * touched): HQ only ever merges field values of operations that passed `operationSchema`, whose `set` checks each
 * value with the same field schema, so what can still be missing is the creation or a required field.
 */
export function isCompleteAtHq(state: IncidentState): boolean {
  if (state.init === null) return false;
  const fields = state.fields as Record<string, unknown>;
  return REQUIRED_FIELDS.every((field) => fields[field] !== undefined);
}
