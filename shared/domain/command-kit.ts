// Building blocks the domain commands share: field-change application, validation, event base and error mapping.
import type { CommandContext, CommandResult, IncidentChange } from './commands';
import { type Incident, incidentSchema, type SyncedField, type SyncedFields, syncedFieldsSchema } from './incident';
import type { TransitionError } from './lifecycle';
import { isHlcStamp } from './hlc';
import { findUnstorableText, UNSTORABLE_TEXT_MESSAGE } from './limits';
import { derivePriority, DEFAULT_PRIORITY_MATRIX, priorityMatrixSchema } from './priority';
import { type FieldChange, type TimelineEvent, timelineEventSchema } from './timeline';

export function applyFieldChanges(
  incident: Incident,
  set: Partial<SyncedFields>,
  ctx: CommandContext,
  makeEvent: (changes: FieldChange[]) => Omit<TimelineEvent, keyof ReturnType<typeof eventBase>>,
  alwaysRecord = false,
  /** Fields of `set` written (stamped) even when their value stays: they must win or lose a merge together. */
  alwaysWrite: readonly SyncedField[] = [],
  /**
   * Stamps the person's device held when they began the change (an editor opened before a sync changed the field):
   * used as the base of those fields instead of the current stamp, so the merge sees the change as concurrent.
   */
  baseOverride: FieldBases = {},
): CommandResult {
  const merged = { ...pickSynced(incident), ...set };
  const parsed = syncedFieldsSchema.safeParse(merged);
  if (!parsed.success) return invalidInput(parsed.error.issues[0]);
  const matrixProblem = checkMatrix(ctx);
  if (matrixProblem) return matrixProblem;
  const changes: FieldChange[] = [];
  const effective: Partial<SyncedFields> = {};
  for (const key of Object.keys(set) as SyncedField[]) {
    // Optional fields (slaPolicyId) are absent on incidents recorded before them: absent reads as null.
    const before = incident[key] ?? null;
    const after = parsed.data[key] ?? null;
    const changed = !sameValue(before, after);
    if (changed) changes.push({ field: key, from: before, to: after });
    if (changed || alwaysWrite.includes(key)) (effective as Record<string, unknown>)[key] = after;
  }
  if (changes.length === 0 && !alwaysRecord) return { ok: false, error: { code: 'no-change', message: 'Nothing changed.' } };
  const stamps = { ...incident.stamps };
  const base: Partial<Record<SyncedField, string | null>> = {};
  for (const key of Object.keys(effective) as SyncedField[]) {
    base[key] = Object.hasOwn(baseOverride, key) ? (baseOverride[key] ?? null) : (incident.stamps[key] ?? null);
    stamps[key] = ctx.hlc;
  }
  const next: Incident = {
    ...incident,
    ...parsed.data,
    priority: derivePriority(parsed.data.impact, parsed.data.urgency, ctx.priorityMatrix ?? DEFAULT_PRIORITY_MATRIX),
    updatedAt: touchedAt(incident, ctx),
    stamps,
  };
  const event = { ...eventBase(incident.id, ctx), ...makeEvent(changes) } as TimelineEvent;
  // Text is checked only where this change writes a new value: a companion rewritten as it was (closing keeps the
  // resolution) may hold text an older Lantern stored, and must not block the step.
  const written = Object.fromEntries(changes.map((change) => [change.field, change.to]));
  return validated(next, event, { incidentId: incident.id, set: effective, base, event }, written);
}

/** Per field, the stamp a change replaced (null: none): the `base` of an IncidentChange. */
export type FieldBases = Partial<Record<SyncedField, string | null>>;

/**
 * Why given base stamps cannot be used (undefined: fine): each must name a field the change sets and be an HLC stamp
 * or null. They arrive from an editor, so they are checked like any other input before reaching the outbox.
 */
export function baseProblem(bases: unknown, set: Partial<SyncedFields>): CommandResult | undefined {
  if (typeof bases !== 'object' || bases === null || Array.isArray(bases)) return invalidInput({ path: ['base'], message: 'The base stamps are not valid.' });
  for (const [key, stamp] of Object.entries(bases)) {
    if (!Object.hasOwn(set, key)) return invalidInput({ path: ['base'], message: `A base stamp names "${key.slice(0, 40)}", which this change does not set.` });
    if (stamp !== null && (typeof stamp !== 'string' || stamp.length > 200 || !isHlcStamp(stamp))) {
      return invalidInput({ path: ['base'], message: `The base stamp of "${key.slice(0, 40)}" is not a valid stamp.` });
    }
  }
  return undefined;
}

/**
 * Last gate before a command result leaves the domain: the incident and the event must match their
 * schemas (an oversized note, a bad context author or stamp, a 1 MB reason in the details). Nothing is
 * returned half-valid, so nothing invalid reaches the database or the outbox.
 */
/**
 * The incident's new "updated" time: never earlier than before. Sync merges keep the latest time they
 * have seen, so a device with a slow clock must do the same or it would show another time than HQ.
 */
export function touchedAt(incident: Incident, ctx: CommandContext): string {
  return Date.parse(incident.updatedAt) > Date.parse(ctx.now.utc) ? incident.updatedAt : ctx.now.utc;
}

export function validated(incident: Incident, event: TimelineEvent, change: IncidentChange, written: Partial<SyncedFields> = change.set): CommandResult {
  // Only what this command writes anew (`written`, by default all of `set`): an incident that already holds such text
  // (from an older Lantern) can still be worked, and a field change's old value ("from") is not the person's input.
  // Checked here, not in the schemas, because devices validate pulled operations with those schemas: text HQ stored
  // before this check must still pull everywhere.
  const unstorable = findUnstorableText(written) ?? findUnstorableText(event, (path) => path.length === 3 && path[0] === 'changes' && path[2] === 'from');
  if (unstorable) return invalidInput({ path: unstorable, message: UNSTORABLE_TEXT_MESSAGE });
  const eventCheck = timelineEventSchema.safeParse(event);
  if (!eventCheck.success) return invalidInput(eventCheck.error.issues[0]);
  const incidentCheck = incidentSchema.safeParse(incident);
  if (!incidentCheck.success) return invalidInput(incidentCheck.error.issues[0]);
  return { ok: true, value: { incident, event, change } };
}

/** Structural equality for synced field values (JSON-like); key order does not matter. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  if (aKeys.length !== bKeys.length) return false;
  return aKeys.every((key) => Object.hasOwn(b, key) && sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** A custom priority matrix comes from settings; a damaged one is reported, not turned into an exception. */
export function checkMatrix(ctx: CommandContext): CommandResult | undefined {
  if (ctx.priorityMatrix === undefined || priorityMatrixSchema.safeParse(ctx.priorityMatrix).success) return undefined;
  return { ok: false, error: { code: 'invalid-input', field: 'priority', message: 'The priority matrix in the settings is damaged; it needs 3 × 3 priorities from 1 to 5.' } };
}

export function pickSynced(incident: Incident): SyncedFields {
  const { id: _id, number: _n, priority: _p, createdAt: _c, updatedAt: _u, createdBy: _b, originDeviceId: _o, stamps: _s, ...fields } = incident;
  return fields;
}

export function eventBase(incidentId: string, ctx: CommandContext) {
  const base = { id: ctx.newId(), incidentId, at: ctx.now, hlc: ctx.hlc, deviceId: ctx.deviceId, author: ctx.author };
  // Only when there is something to say: entries of a checked clock stay as they always were (and need no newer version).
  return ctx.clock ? { ...base, clock: ctx.clock } : base;
}

export function emptyToNull(value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') return value; // not a string: let the schema refuse it with a message
  const trimmed = value.trim();
  return trimmed.length > 0 ? trimmed : null;
}

export function invalidInput(issue: { path: PropertyKey[]; message: string } | undefined): CommandResult {
  // Status-change details are keyed by the form field ("reopenReason"), which is the useful name to report.
  const key = issue?.path[0] === 'details' && issue.path[1] !== undefined ? issue.path[1] : issue?.path[0];
  const field = key !== undefined ? String(key) : undefined;
  return { ok: false, error: { code: 'invalid-input', ...(field ? { field } : {}), message: issue?.message ?? 'The input is not valid.' } };
}

export function transitionFailure(error: TransitionError): CommandResult {
  return { ok: false, error: { code: error.code, ...(error.field ? { field: error.field } : {}), message: error.message } };
}
