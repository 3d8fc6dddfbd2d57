// The SLA policy form's values (text as typed) and their conversion to a validated policy, with one clear message per problem.
import { MAX_TARGET_MINUTES, slaPolicySchema, type SlaPolicy, type SlaTarget } from '../../../shared/domain';
import { calendarFromDraft, windowDraft, type WindowDraft } from './sla-calendar-draft';

export const DRAFT_PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type DraftPriority = (typeof DRAFT_PRIORITIES)[number];
export type TargetKind = 'response' | 'resolve';

/** One target as two inputs. */
export interface DurationDraft {
  hours: string;
  minutes: string;
}

export interface PolicyDraft {
  name: string;
  targets: Record<DraftPriority, Record<TargetKind, DurationDraft>>;
  businessHours: boolean;
  /** Every window of the calendar (kept while 24×7 is picked, so switching back restores them). */
  windows: WindowDraft[];
  /** Local dates YYYY-MM-DD in the calendar's zone, in date order. */
  holidays: string[];
  timeZone: string;
  warnFirst: string;
  warnSecond: string;
}

export type DraftResult = { ok: true; policy: SlaPolicy } | { ok: false; message: string };

/** The clocks' names, as the editor's columns, the incident header and alerts say them ("P1 time to own hours"). */
export const TARGET_LABELS: Record<TargetKind, string> = { response: 'time to own', resolve: 'time to resolve' };

function durationDraft(totalMinutes: number): DurationDraft {
  return { hours: String(Math.floor(totalMinutes / 60)), minutes: String(totalMinutes % 60) };
}

/** The form's starting values: every window and holiday of the calendar, so an untouched save changes nothing. */
export function draftOf(policy: SlaPolicy, fallbackZone: string): PolicyDraft {
  const calendar = policy.calendar;
  const targets = Object.fromEntries(
    DRAFT_PRIORITIES.map((p) => [p, { response: durationDraft(policy.targets[p].responseMinutes), resolve: durationDraft(policy.targets[p].resolveMinutes) }]),
  ) as PolicyDraft['targets'];
  return {
    name: policy.name,
    targets,
    businessHours: policy.calendar !== null,
    windows: (calendar?.windows ?? [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '20:00' }]).map(windowDraft),
    holidays: [...(calendar?.holidays ?? [])],
    timeZone: calendar?.timeZone ?? fallbackZone,
    warnFirst: String(policy.warnPercents[0]),
    warnSecond: String(policy.warnPercents[1]),
  };
}

/** A whole number typed in a box: '' is "missing", anything else not a non-negative integer is refused. */
function wholeNumber(text: string): number | 'missing' | 'negative' | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return 'missing';
  if (!/^-?\d+$/.test(trimmed)) return 'invalid';
  const value = Number(trimmed);
  return value < 0 ? 'negative' : value;
}

function targetMinutes(draft: DurationDraft, label: string): number | string {
  const hours = wholeNumber(draft.hours);
  const minutes = wholeNumber(draft.minutes);
  if (hours === 'missing' && minutes === 'missing') return `Enter the ${label}.`;
  if (hours === 'negative' || minutes === 'negative') return `The ${label} cannot be negative.`;
  if (hours === 'invalid' || minutes === 'invalid') return `The ${label} takes whole hours and minutes.`;
  if (typeof minutes === 'number' && minutes > 59) return `The ${label}: minutes go from 0 to 59 (use the hours box for more).`;
  const total = (hours === 'missing' ? 0 : hours) * 60 + (minutes === 'missing' ? 0 : minutes);
  if (total === 0) return `The ${label} must be at least one minute.`;
  if (total > MAX_TARGET_MINUTES) return `The ${label} is at most a year (${MAX_TARGET_MINUTES / 60} hours).`;
  return total;
}

function percent(text: string, label: string): number | string {
  const value = wholeNumber(text);
  if (value === 'missing') return `Enter the ${label}.`;
  if (value === 'negative' || value === 'invalid') return `The ${label} is a whole percentage from 1 to 99.`;
  return value;
}

/** The policy the form describes, or the first problem in reading order; nothing half-valid comes out. */
export function policyFromDraft(id: string, draft: PolicyDraft): DraftResult {
  const targets: Partial<Record<DraftPriority, SlaTarget>> = {};
  for (const p of DRAFT_PRIORITIES) {
    const responseMinutes = targetMinutes(draft.targets[p].response, `${p} ${TARGET_LABELS.response}`);
    if (typeof responseMinutes === 'string') return { ok: false, message: responseMinutes };
    const resolveMinutes = targetMinutes(draft.targets[p].resolve, `${p} ${TARGET_LABELS.resolve}`);
    if (typeof resolveMinutes === 'string') return { ok: false, message: resolveMinutes };
    targets[p] = { responseMinutes, resolveMinutes };
  }
  const first = percent(draft.warnFirst, 'first warning');
  if (typeof first === 'string') return { ok: false, message: first };
  const second = percent(draft.warnSecond, 'second warning');
  if (typeof second === 'string') return { ok: false, message: second };
  let calendar = null;
  if (draft.businessHours) {
    const result = calendarFromDraft(draft.windows, draft.timeZone, draft.holidays);
    if (!result.ok) return result;
    calendar = result.calendar;
  }
  const candidate = { id, name: draft.name, targets, calendar, warnPercents: [first, second] };
  const parsed = slaPolicySchema.safeParse(candidate);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? 'The policy is not valid.' };
  return { ok: true, policy: parsed.data };
}
