// Field-level last-writer-wins merge of operations into incident state, identical on every replica and at HQ.
import {
  compareHlc,
  derivePriority,
  DEFAULT_PRIORITY_MATRIX,
  parseHlc,
  SYNCED_FIELDS,
  syncedFieldsSchema,
  type Incident,
  type PriorityMatrix,
  type SyncedFields,
} from '../domain';
import type { Operation } from './operation';

/** What a replica knows about one incident: identity (once its creation arrived), field values and their stamps. */
export interface IncidentState {
  readonly id: string;
  readonly init: NonNullable<Operation['init']> | null;
  readonly fields: Partial<SyncedFields>;
  readonly stamps: Readonly<Record<string, string>>;
  /** Recorded-at time of the newest operation applied (for "updated" sorting). */
  readonly updatedAt: string | null;
}

export interface ConflictSide {
  readonly value: unknown;
  readonly hlc: string;
  readonly deviceId: string;
}

/** Two concurrent changes of one field; the winner is applied, the loser is kept so a person can pick it again. */
export interface Conflict {
  /** Deterministic: the same pair of changes gives the same id on every replica. */
  readonly id: string;
  readonly incidentId: string;
  readonly field: keyof SyncedFields;
  readonly winner: ConflictSide;
  readonly loser: ConflictSide;
}

export interface MergeResult {
  readonly state: IncidentState;
  readonly conflicts: readonly Conflict[];
  /** Fields whose value changed on this replica. */
  readonly changedFields: readonly (keyof SyncedFields)[];
}

export function emptyIncidentState(id: string): IncidentState {
  return { id, init: null, fields: {}, stamps: {}, updatedAt: null };
}

export function mergeOperation(current: IncidentState | undefined, op: Operation): MergeResult {
  const state = current ?? emptyIncidentState(op.incidentId);
  if (state.id !== op.incidentId) throw new Error('mergeOperation: operation belongs to another incident');
  // Copied on the first change only: an operation that sets nothing (a note, most timeline entries) keeps both as they are.
  let fields = state.fields as Record<string, unknown>;
  let stamps = state.stamps as Record<string, string>;
  let copied = false;
  const conflicts: Conflict[] = [];
  const changedFields: (keyof SyncedFields)[] = [];
  const opDevice = op.deviceId;

  // Only the synced fields, as own properties: an operation that skipped validation must not be able to
  // write "__proto__" or any other key into the state.
  for (const key of SYNCED_FIELDS) {
    if (!Object.hasOwn(op.set, key)) continue;
    const value: unknown = op.set[key];
    if (value === undefined) continue;
    const cur = Object.hasOwn(stamps, key) ? stamps[key] : undefined;
    const curValue = fields[key];
    const opWins = cur === undefined || compareHlc(op.hlc, cur) > 0;
    const base = op.base?.[key] ?? null;
    // A creation cannot be concurrent with an edit of the same incident: nobody could edit it before it
    // existed. When edits arrive first (partial state), the creation's older values simply lose.
    const concurrent = op.init === undefined && cur !== undefined && base !== cur && compareHlc(op.hlc, cur) !== 0;
    if (concurrent && !sameValue(value, curValue)) {
      const opSide: ConflictSide = { value, hlc: op.hlc, deviceId: opDevice };
      const curSide: ConflictSide = { value: curValue, hlc: cur, deviceId: parseHlc(cur).node };
      conflicts.push(makeConflict(op.incidentId, key, opWins ? opSide : curSide, opWins ? curSide : opSide));
    }
    if (opWins) {
      if (!sameValue(value, curValue)) changedFields.push(key);
      if (!copied) {
        fields = { ...fields };
        stamps = { ...stamps };
        copied = true;
      }
      fields[key] = value;
      stamps[key] = op.hlc;
    }
  }

  const init = state.init ?? op.init ?? null;
  const recordedAt = op.event.at.utc;
  const updatedAt = state.updatedAt === null || recordedAt > state.updatedAt ? recordedAt : state.updatedAt;
  return {
    state: { id: state.id, init, fields: fields as Partial<SyncedFields>, stamps, updatedAt },
    conflicts,
    changedFields,
  };
}

/** The full incident once its creation and every required field have arrived; null while still partial. */
export function incidentFromState(state: IncidentState, matrix: PriorityMatrix = DEFAULT_PRIORITY_MATRIX): Incident | null {
  if (state.init === null) return null;
  const parsed = syncedFieldsSchema.safeParse(state.fields);
  if (!parsed.success) return null;
  return {
    ...parsed.data,
    ...state.init,
    id: state.id,
    priority: derivePriority(parsed.data.impact, parsed.data.urgency, matrix),
    updatedAt: state.updatedAt ?? state.init.createdAt,
    stamps: { ...state.stamps },
  };
}

export function stateFromIncident(incident: Incident): IncidentState {
  const { id, number, createdAt, createdBy, originDeviceId, stamps, updatedAt, priority: _priority, ...fields } = incident;
  return { id, init: { number, createdAt, createdBy, originDeviceId }, fields, stamps, updatedAt };
}

function makeConflict(incidentId: string, field: keyof SyncedFields, winner: ConflictSide, loser: ConflictSide): Conflict {
  return { id: conflictIdOf(incidentId, field, winner.hlc, loser.hlc), incidentId, field, winner, loser };
}

/** The id every replica derives for a pair of changes (a replica renaming a capped stamp derives it again). */
export function conflictIdOf(incidentId: string, field: keyof SyncedFields, winnerHlc: string, loserHlc: string): string {
  return `${incidentId}:${field}:${loserHlc}:${winnerHlc}`;
}

/** Field values are JSON data (strings, numbers, arrays, small objects); compare them as JSON with sorted keys. */
export function sameValue(a: unknown, b: unknown): boolean {
  // Shortcuts with the same answers: identical values give identical text, and only undefined gives "undefined".
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  return canonicalJson(a) === canonicalJson(b);
}

function canonicalJson(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
