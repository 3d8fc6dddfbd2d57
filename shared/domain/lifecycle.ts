// The lifecycle state machine as data: which status may follow which, and what each change requires.
import { STATUS_LABELS, DEFAULT_HOLD_REASONS, DEFAULT_RESOLUTION_CODES, type Status } from './status';

/** Fields a transition can demand from the person making it. */
export type TransitionField =
  | 'assignment' // an assignee or a team
  | 'holdReason'
  | 'resolutionCode'
  | 'resolutionNotes'
  | 'cancelReason'
  | 'reopenReason';

export interface TransitionRule {
  readonly to: Status;
  /** Verb shown on the button, e.g. "Put on hold". */
  readonly action: string;
  readonly requires: readonly TransitionField[];
}

export type TransitionTable = Readonly<Record<Status, readonly TransitionRule[]>>;

const cancel: TransitionRule = { to: 'cancelled', action: 'Cancel', requires: ['cancelReason'] };
const hold: TransitionRule = { to: 'on_hold', action: 'Put on hold', requires: ['holdReason'] };
const resolve: TransitionRule = { to: 'resolved', action: 'Resolve', requires: ['resolutionCode', 'resolutionNotes'] };

/**
 * Putting a new incident on hold names its owner too: leaving "new" stops the time-to-own clock (DOMAIN.md: "nobody
 * owns it yet"), so without one an incident parked "Awaiting caller" would count as owned in time while nobody did.
 */
const holdUnowned: TransitionRule = { ...hold, requires: ['assignment', 'holdReason'] };

/** DOMAIN.md's default table. Closed and cancelled are terminal (review notes are timeline entries, not status changes). */
export const DEFAULT_TRANSITIONS: TransitionTable = {
  new: [{ to: 'assigned', action: 'Assign', requires: ['assignment'] }, { to: 'in_progress', action: 'Start work', requires: ['assignment'] }, holdUnowned, resolve, cancel],
  assigned: [{ to: 'in_progress', action: 'Start work', requires: [] }, hold, resolve, cancel],
  in_progress: [{ to: 'assigned', action: 'Reassign', requires: ['assignment'] }, hold, resolve, cancel],
  on_hold: [{ to: 'in_progress', action: 'Resume work', requires: ['assignment'] }, { to: 'assigned', action: 'Reassign', requires: ['assignment'] }, resolve, cancel],
  resolved: [{ to: 'closed', action: 'Close', requires: [] }, { to: 'in_progress', action: 'Reopen', requires: ['reopenReason', 'assignment'] }],
  closed: [],
  cancelled: [],
};

export interface TransitionInput {
  assignee?: string | undefined;
  team?: string | undefined;
  holdReason?: string | undefined;
  resolutionCode?: string | undefined;
  resolutionNotes?: string | undefined;
  cancelReason?: string | undefined;
  /** When cancelled as a duplicate: the surviving incident's id. */
  duplicateOf?: string | undefined;
  reopenReason?: string | undefined;
}

export interface TransitionReference {
  transitions: TransitionTable;
  holdReasons: readonly string[];
  resolutionCodes: readonly string[];
}

export const DEFAULT_TRANSITION_REFERENCE: TransitionReference = {
  transitions: DEFAULT_TRANSITIONS,
  holdReasons: DEFAULT_HOLD_REASONS,
  resolutionCodes: DEFAULT_RESOLUTION_CODES,
};

export type TransitionErrorCode = 'not-allowed' | 'missing-field' | 'invalid-value' | 'no-change';

export interface TransitionError {
  readonly code: TransitionErrorCode;
  readonly field?: TransitionField;
  /** A sentence a person can act on. */
  readonly message: string;
}

export type TransitionResult = { ok: true; rule: TransitionRule } | { ok: false; error: TransitionError };

export function allowedTransitions(from: Status, table: TransitionTable = DEFAULT_TRANSITIONS): readonly TransitionRule[] {
  return table[from] ?? [];
}

export function checkTransition(from: Status, to: Status, input: TransitionInput, ref: TransitionReference = DEFAULT_TRANSITION_REFERENCE): TransitionResult {
  // `?? []`: a status read from damaged or newer data has no rules, so nothing is allowed from it (no crash).
  const rules = ref.transitions[from] ?? [];
  const rule = rules.find((r) => r.to === to);
  if (!rule) {
    const options = rules.map((r) => statusLabel(r.to));
    const hint = options.length > 0 ? `From ${statusLabel(from)} it can go to: ${options.join(', ')}.` : `${statusLabel(from)} is final.`;
    return fail('not-allowed', `An incident cannot go from ${statusLabel(from)} to ${statusLabel(to)}. ${hint}`);
  }
  for (const field of rule.requires) {
    const problem = checkField(field, input, ref);
    if (problem) return { ok: false, error: problem };
  }
  return { ok: true, rule };
}

function checkField(field: TransitionField, input: TransitionInput, ref: TransitionReference): TransitionError | undefined {
  switch (field) {
    case 'assignment':
      return isBlank(input.assignee) && isBlank(input.team) ? missing(field, 'Choose a person or a team to assign the incident to.') : undefined;
    case 'holdReason':
      if (isBlank(input.holdReason)) return missing(field, 'Choose why the incident is on hold.');
      // Compared trimmed, as it is stored trimmed: " Awaiting vendor " from a form is the listed reason.
      return ref.holdReasons.includes(input.holdReason!.trim()) ? undefined : invalid(field, `"${clip(input.holdReason!)}" is not a known hold reason. Pick one from the list.`);
    case 'resolutionCode':
      if (isBlank(input.resolutionCode)) return missing(field, 'Choose a resolution code.');
      return ref.resolutionCodes.includes(input.resolutionCode!.trim()) ? undefined : invalid(field, `"${clip(input.resolutionCode!)}" is not a known resolution code. Pick one from the list.`);
    case 'resolutionNotes':
      return isBlank(input.resolutionNotes) ? missing(field, 'Describe how the service was restored (resolution notes).') : undefined;
    case 'cancelReason':
      return isBlank(input.cancelReason) ? missing(field, 'Say why the incident is cancelled (for example: logged in error, duplicate).') : undefined;
    case 'reopenReason':
      return isBlank(input.reopenReason) ? missing(field, 'Say why the incident is reopened.') : undefined;
  }
}

/**
 * Whether the hold reason may change to `next` while the incident stays on hold (DOMAIN.md: "awaiting vendor" becomes
 * "awaiting parts"). Not a transition: the status and so the SLA clocks stay as they are. Undefined: allowed.
 */
export function checkHoldReasonChange(status: Status, current: string | null, next: unknown, ref: Pick<TransitionReference, 'holdReasons'> = DEFAULT_TRANSITION_REFERENCE): TransitionError | undefined {
  if (status !== 'on_hold') {
    return { code: 'not-allowed', field: 'holdReason', message: `Only an incident on hold has a hold reason to change; this one is ${statusLabel(status)}. To wait for something, put it on hold.` };
  }
  const problem = checkField('holdReason', { holdReason: typeof next === 'string' ? next : undefined }, { ...DEFAULT_TRANSITION_REFERENCE, holdReasons: ref.holdReasons });
  if (problem) return problem.code === 'missing-field' ? missing('holdReason', 'Choose the new hold reason.') : problem;
  // Compared trimmed, as it is stored trimmed.
  if (current !== null && (next as string).trim() === current.trim()) {
    return { code: 'no-change', field: 'holdReason', message: `The incident is already on hold for this reason (${clip(current)}). Pick another reason, or go back.` };
  }
  return undefined;
}

function statusLabel(status: Status): string {
  return Object.hasOwn(STATUS_LABELS, status) ? STATUS_LABELS[status] : `"${clip(String(status))}"`;
}

/** No text: absent, null, not a string, or only spaces. */
export function isBlank(value: unknown): boolean {
  // Non-strings from untyped callers count as blank rather than crashing on .trim().
  return typeof value !== 'string' || value.trim().length === 0;
}

function clip(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}…` : value;
}

function fail(code: TransitionErrorCode, message: string): TransitionResult {
  return { ok: false, error: { code, message } };
}

function missing(field: TransitionField, message: string): TransitionError {
  return { code: 'missing-field', field, message };
}

function invalid(field: TransitionField, message: string): TransitionError {
  return { code: 'invalid-value', field, message };
}
