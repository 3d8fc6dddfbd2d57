// Domain commands: turn one user intent into the next incident state, its timeline event and the change to sync.
import type { Author } from './author';
import type { ClockMark } from './clock-mark';
import { formatIncidentNumber } from './ids';
import { type Incident, type SyncedField, type SyncedFields, syncedFieldsSchema } from './incident';
import { checkTransition, DEFAULT_TRANSITION_REFERENCE, isBlank, type TransitionInput, type TransitionReference } from './lifecycle';
import { derivePriority, DEFAULT_PRIORITY_MATRIX, type PriorityMatrix } from './priority';
import { STATUS_LABELS, type Status } from './status';
import type { TimelineEvent } from './timeline';
import { formatUtcOffset, type ZonedTime, zonedTimeSchema } from './zoned-time';
import { applyFieldChanges, baseProblem, checkMatrix, emptyToNull, eventBase, invalidInput, sameValue, touchedAt, transitionFailure, validated, type FieldBases } from './command-kit';

/** Everything a command needs from the outside world, passed in so commands stay pure. */
export interface CommandContext {
  deviceId: string;
  author: Author;
  /** Recorded-at time from the device clock. */
  now: ZonedTime;
  /** A fresh HLC stamp for this change (the caller ticks the clock). */
  hlc: string;
  newId: () => string;
  priorityMatrix?: PriorityMatrix;
  /** How far `now` can be trusted (absent: the clock was checked against HQ and right); carried by the event. */
  clock?: ClockMark;
}

/** What sync needs to replay this change anywhere: field values to set (stamped with the change's HLC) and the event. */
export interface IncidentChange {
  incidentId: string;
  set: Partial<SyncedFields>;
  /**
   * For each field in `set`, the stamp it had on this device when the person made the change (null: none).
   * A replica whose current stamp differs knows the change was concurrent with another: a conflict.
   */
  base?: Partial<Record<SyncedField, string | null>>;
  /** Immutable identity, only on creation. */
  init?: Pick<Incident, 'number' | 'createdAt' | 'createdBy' | 'originDeviceId'>;
  event: TimelineEvent;
}

export interface CommandOutcome {
  incident: Incident;
  event: TimelineEvent;
  change: IncidentChange;
}

export type CommandResult = { ok: true; value: CommandOutcome } | { ok: false; error: CommandError };

export interface CommandError {
  code: 'invalid-input' | 'not-allowed' | 'missing-field' | 'invalid-value' | 'no-change' | 'read-only';
  field?: string;
  message: string;
}

export interface NewIncidentInput {
  title: string;
  description?: string;
  category?: string[];
  site?: string[];
  impact?: 1 | 2 | 3;
  urgency?: 1 | 2 | 3;
  major?: boolean;
  reporter?: string | null;
  occurredAt?: ZonedTime;
  detectedAt?: ZonedTime | null;
  /** When it was reported (a phone call before anyone reached the laptop); absent: now, the moment it is recorded. */
  reportedAt?: ZonedTime;
  tags?: string[];
  /** Recorded during a drill (the device's drill mode), not a real incident. */
  exercise?: boolean;
}

export function recordIncident(input: NewIncidentInput, counter: number, devicePrefix: string, ctx: CommandContext): CommandResult {
  const fields: SyncedFields = {
    title: input.title,
    description: input.description ?? '',
    category: input.category ?? [],
    site: input.site ?? [],
    impact: input.impact ?? 3,
    urgency: input.urgency ?? 3,
    major: input.major ?? false,
    status: 'new',
    holdReason: null,
    assignee: null,
    team: null,
    reporter: emptyToNull(input.reporter),
    occurredAt: input.occurredAt ?? ctx.now,
    detectedAt: input.detectedAt ?? null,
    reportedAt: input.reportedAt ?? ctx.now,
    resolutionCode: null,
    resolutionNotes: null,
    cancelReason: null,
    duplicateOf: null,
    tags: input.tags ?? [],
    // Explicit on new incidents (stamped like every field); absent only on incidents recorded before it existed.
    slaPolicyId: null,
    updateEveryMinutes: null,
    // Only drills carry the mark: a real incident's operation then stays one every Lantern version can take.
    ...(input.exercise === true ? { exercise: true } : {}),
  };
  const parsed = syncedFieldsSchema.safeParse(fields);
  if (!parsed.success) return invalidInput(parsed.error.issues[0]);
  // Only a reported-at the person gave is checked: the clock's own "now" may sit a tolerated minute or two before an
  // occurred-at typed from a watch that runs fast.
  const reportedProblem = input.reportedAt === undefined ? undefined : reportedAtRefusal(parsed.data.reportedAt, parsed.data.occurredAt, ctx.now, 'reportedAt');
  if (reportedProblem) return reportedProblem;
  const matrixProblem = checkMatrix(ctx);
  if (matrixProblem) return matrixProblem;
  let number: string;
  try {
    number = formatIncidentNumber(devicePrefix, counter);
  } catch (error) {
    return { ok: false, error: { code: 'invalid-input', field: 'number', message: (error as Error).message } };
  }
  const id = ctx.newId();
  const init = { number, createdAt: ctx.now.utc, createdBy: ctx.author, originDeviceId: ctx.deviceId };
  const stamps = Object.fromEntries(Object.keys(parsed.data).map((f) => [f, ctx.hlc]));
  const incident: Incident = {
    ...parsed.data,
    ...init,
    id,
    priority: derivePriority(parsed.data.impact, parsed.data.urgency, ctx.priorityMatrix ?? DEFAULT_PRIORITY_MATRIX),
    updatedAt: ctx.now.utc,
    stamps,
  };
  const event: TimelineEvent = { ...eventBase(id, ctx), kind: 'created', title: parsed.data.title };
  return validated(incident, event, { incidentId: id, set: parsed.data, init, event });
}

/** Fields a person may edit directly; status and its companions only move through changeStatus. */
export const DIRECTLY_EDITABLE_FIELDS = [
  'title', 'description', 'category', 'site', 'impact', 'urgency', 'major', 'reporter', 'occurredAt', 'detectedAt', 'reportedAt', 'tags', 'assignee', 'team', 'slaPolicyId',
  'updateEveryMinutes', 'exercise', 'indicators', 'impactAssessment', 'contacts', 'nextSteps', 'commander',
] as const satisfies readonly SyncedField[];
export type EditableFields = Pick<SyncedFields, (typeof DIRECTLY_EDITABLE_FIELDS)[number]>;

/**
 * `base`: for fields whose editor was opened before their value changed underneath (a sync, another window), the
 * stamps the device held then; the change is then recorded as concurrent with that other change (a conflict), not as
 * made after seeing it. Absent: the current stamps, as for any change made on what the device shows.
 */
export function editIncident(incident: Incident, edits: Partial<EditableFields>, ctx: CommandContext, base?: FieldBases): CommandResult {
  // The exercise mark is how reports tell drills from real incidents, and drills are usually closed when they end:
  // it stays correctable on a closed or cancelled incident, where every other field is read-only.
  const onlyExercise = Object.keys(edits).length > 0 && Object.keys(edits).every((key) => key === 'exercise');
  if ((incident.status === 'closed' || incident.status === 'cancelled') && !onlyExercise) {
    return { ok: false, error: { code: 'read-only', message: `This incident is ${incident.status}; its fields can no longer be changed. Add a note instead.` } };
  }
  const allowed = new Set<string>(DIRECTLY_EDITABLE_FIELDS);
  const unknownField = Object.keys(edits).find((key) => !allowed.has(key));
  if (unknownField) return { ok: false, error: { code: 'invalid-input', field: unknownField, message: `"${unknownField.slice(0, 40)}" cannot be edited directly.` } };
  // A form that sends `{ title: undefined }` means "title untouched", not "erase the title".
  const present = Object.fromEntries(Object.entries(edits).filter(([, value]) => value !== undefined)) as Partial<SyncedFields>;
  // A name of spaces names nobody: the commander is then cleared, not set to blanks that read as someone on a briefing.
  if (typeof present.commander === 'string') present.commander = present.commander.trim() === '' ? null : present.commander.trim();
  const ownerLeft = (key: 'team' | 'assignee') => (Object.hasOwn(present, key) ? present[key] : incident[key]);
  if (OWNED_STATUSES.has(incident.status) && isBlank(ownerLeft('team')) && isBlank(ownerLeft('assignee'))) {
    const field = Object.hasOwn(present, 'assignee') ? 'assignee' : 'team';
    return {
      ok: false,
      error: {
        code: 'invalid-value',
        field,
        message: `An incident that is ${STATUS_LABELS[incident.status].toLowerCase()} needs an owner: choose another team or person instead of clearing both. To stop work on it, put it on hold.`,
      },
    };
  }
  const timeProblem = reportedOrderOfEdit(incident, present, ctx);
  if (timeProblem) return timeProblem;
  const badBase = base === undefined ? undefined : baseProblem(base, present);
  if (badBase) return badBase;
  return applyFieldChanges(incident, present, ctx, (changes) => ({ kind: 'fields_changed', changes }), false, [], base);
}

/** How far ahead of the device clock a time a person gives may be: the clocks of two devices (or a watch) differ by minutes. */
export const CLOCK_TOLERANCE_MS = 5 * 60_000;

/** An edit that moves the reported-at, or the occurred-at it must not precede, is checked like a reported-at at capture. */
function reportedOrderOfEdit(incident: Incident, present: Partial<SyncedFields>, ctx: CommandContext): CommandResult | undefined {
  const moved = (key: 'reportedAt' | 'occurredAt') => present[key] !== undefined && !sameValue(present[key], incident[key]);
  if (moved('reportedAt')) return reportedAtRefusal(present.reportedAt ?? incident.reportedAt, present.occurredAt ?? incident.occurredAt, ctx.now, 'reportedAt');
  // Only the order: the occurred-at's own plausibility is the record schema's, and its future check the form's.
  if (moved('occurredAt')) return reportedAtRefusal(incident.reportedAt, present.occurredAt ?? incident.occurredAt, ctx.now, 'occurredAt');
  return undefined;
}

/**
 * Why a reported-at cannot stand (undefined: fine), at the field being edited: later than the clock allows, or before
 * the occurred-at (nothing is reported before it happens). Before the detected-at is fine: someone may report what the
 * organisation only then detects. Times the schema refuses (no real date, implausible year) get its message instead.
 */
function reportedAtRefusal(reportedAt: ZonedTime, occurredAt: ZonedTime, now: ZonedTime, edited: 'reportedAt' | 'occurredAt'): CommandResult | undefined {
  if (![reportedAt, occurredAt, now].every((time) => zonedTimeSchema.safeParse(time).success)) return undefined;
  const reportedMs = Date.parse(reportedAt.utc);
  const occurredMs = Date.parse(occurredAt.utc);
  const refuse = (field: string, message: string): CommandResult => ({ ok: false, error: { code: 'invalid-value', field, message } });
  if (edited === 'reportedAt' && reportedMs - Date.parse(now.utc) > CLOCK_TOLERANCE_MS) {
    return refuse(
      'reportedAt',
      `Reported at is in the future (${zonedText(reportedAt)}). Enter when it was actually reported; at most ${CLOCK_TOLERANCE_MS / 60_000} minutes ahead of this computer’s clock is accepted. If the computer’s clock is wrong, correct it first.`,
    );
  }
  if (reportedMs >= occurredMs) return undefined;
  if (edited === 'occurredAt') return refuse('occurredAt', `Occurred at is after Reported at (${zonedText(reportedAt)}). Enter an earlier time, or correct Reported at first.`);
  return refuse('reportedAt', `Reported at is before Occurred at (${zonedText(occurredAt)}). Enter a later time, or correct Occurred at.`);
}

/** "2026-03-29 01:30, UTC+01:00": the wall-clock time where it was recorded, as the domain has no locale to format in. */
function zonedText(time: ZonedTime): string {
  const wall = new Date(Date.parse(time.utc) + time.offsetMinutes * 60_000).toISOString();
  return `${wall.slice(0, 10)} ${wall.slice(11, 16)}, ${formatUtcOffset(time.offsetMinutes)}`;
}

/**
 * The fields that belong to a status: each status change writes all of them (null where the new status has none), so
 * they carry one stamp and win or lose a merge together with `status`. Otherwise two devices changing the status
 * offline (one resolves, one puts on hold) would merge into an on-hold incident that still shows a resolution.
 */
export const STATUS_COMPANION_FIELDS = ['holdReason', 'resolutionCode', 'resolutionNotes', 'cancelReason', 'duplicateOf'] as const satisfies readonly SyncedField[];

/** Statuses in which someone owns the incident (DOMAIN.md: assigned = "a team/person owns it"). */
const OWNED_STATUSES: ReadonlySet<Status> = new Set<Status>(['assigned', 'in_progress']);

export function changeStatus(incident: Incident, to: Status, input: TransitionInput, ctx: CommandContext, ref: TransitionReference = DEFAULT_TRANSITION_REFERENCE): CommandResult {
  // An owner already on the incident satisfies "needs an assignment": a form that leaves the owner as it is sends nothing.
  const check = checkTransition(incident.status, to, withCurrentOwner(incident, input), ref);
  if (!check.ok) return transitionFailure(check.error);
  if (to === 'cancelled' && typeof input.duplicateOf === 'string' && input.duplicateOf.trim() === incident.id) {
    return { ok: false, error: { code: 'invalid-value', field: 'duplicateOf', message: 'An incident cannot be a duplicate of itself. Pick the incident that stays open.' } };
  }
  // Closing keeps the resolution; every other status starts its companions empty (reopening drops the old resolution,
  // which the timeline keeps).
  const set: Partial<SyncedFields> = {
    status: to,
    holdReason: null,
    resolutionCode: to === 'closed' ? incident.resolutionCode : null,
    resolutionNotes: to === 'closed' ? incident.resolutionNotes : null,
    cancelReason: null,
    duplicateOf: null,
  };
  const details: Record<string, string> = {};
  const keep = (key: keyof TransitionInput & keyof SyncedFields, value: string | undefined) => {
    if (typeof value === 'string' && value.trim() !== '') {
      (set as Record<string, unknown>)[key] = value.trim();
      details[key] = value.trim();
    }
  };
  keep('assignee', input.assignee);
  keep('team', input.team);
  if (to === 'on_hold') keep('holdReason', input.holdReason);
  if (to === 'resolved') {
    keep('resolutionCode', input.resolutionCode);
    keep('resolutionNotes', input.resolutionNotes);
  }
  if (to === 'cancelled') {
    keep('cancelReason', input.cancelReason);
    keep('duplicateOf', input.duplicateOf);
  }
  if (typeof input.reopenReason === 'string' && input.reopenReason.trim()) details.reopenReason = input.reopenReason.trim();
  return applyFieldChanges(incident, set, ctx, () => ({ kind: 'status_changed', from: incident.status, to, details }), true, STATUS_COMPANION_FIELDS);
}

/** The transition input with the incident's current team and assignee where the input names none. */
function withCurrentOwner(incident: Incident, input: TransitionInput): TransitionInput {
  return {
    ...input,
    assignee: isBlank(input.assignee) ? (incident.assignee ?? undefined) : input.assignee,
    team: isBlank(input.team) ? (incident.team ?? undefined) : input.team,
  };
}

/** Adds a note; allowed in every status (closed incidents take review notes). */
export function addNote(incident: Incident, text: string, ctx: CommandContext, corrects?: string): CommandResult {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  if (trimmed.length === 0) return { ok: false, error: { code: 'invalid-input', field: 'text', message: 'Write something first.' } };
  const event: TimelineEvent = { ...eventBase(incident.id, ctx), kind: 'note', text: trimmed, ...(corrects ? { corrects } : {}) };
  return validated({ ...incident, updatedAt: touchedAt(incident, ctx) }, event, { incidentId: incident.id, set: {}, event });
}

