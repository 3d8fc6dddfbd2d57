// The capture form's values: defaults, the draft (JSON) round trip, and the record input they become.
import { findTemplate, levelSchema, LIMITS, parsePath, PATH_SEPARATOR, templateTag, type Impact, type NewIncidentInput, type ZonedTime } from '../../../shared/domain';
import type { JsonObject, JsonValue } from '../../db';
import { keptMoment, localNow, localTimeOf, localValueAt, retypedLocalTime } from '../local-time';
import { detectedAtProblem, occurredAtProblem, reportedAtProblem, typedTimeProblem } from './incident-times';

export type TimeKey = 'occurredAt' | 'detectedAt' | 'reportedAt';

export interface CaptureValues {
  title: string;
  description: string;
  category: string;
  site: string;
  impact: Impact;
  urgency: Impact;
  occurredAt: string;
  /** Optional: '' when nobody knows (or has said) when it was noticed. */
  detectedAt: string;
  /** Optional: '' means "now", the moment the form is saved (the report came in as it was typed). */
  reportedAt: string;
  /** '' when no template was chosen. */
  templateId: string;
  /** Exercise or real as the person ticked it; null: as this device's drill mode says when saved. */
  exercise: boolean | null;
  /**
   * The moment each time's text stands for, while the text still shows it (see localTimeOf): the default "now", a
   * chosen pass of a repeated hour, a draft's moment typed on another clock. Null: read from the text when saved.
   */
  instants: Record<TimeKey, ZonedTime | null>;
}

const TIME_KEYS: readonly TimeKey[] = ['occurredAt', 'detectedAt', 'reportedAt'];

export function blankValues(nowMs: number = Date.now()): CaptureValues {
  const now = localNow(nowMs);
  return {
    title: '', description: '', category: '', site: '', impact: 3, urgency: 3, occurredAt: now.value, detectedAt: '', reportedAt: '', templateId: '', exercise: null,
    instants: { occurredAt: now.time, detectedAt: null, reportedAt: null },
  };
}

/** The draft keeps each time's moment beside its text, so a draft finished on another clock keeps the moments meant. */
export function toDraftValues(values: CaptureValues): JsonObject {
  const instants: Record<string, JsonValue> = {};
  for (const key of TIME_KEYS) {
    const time = values.instants[key];
    instants[key] = time ? { utc: time.utc, offsetMinutes: time.offsetMinutes } : null;
  }
  return { ...values, instants };
}

/** The moment a time field's text stands for; null when there is none (empty, half-typed, skipped, or a repeated time not chosen). */
export function timeOf(values: Pick<CaptureValues, TimeKey | 'instants'>, key: TimeKey): ZonedTime | null {
  return localTimeOf(values[key], values.instants[key]);
}

/**
 * The values with a time's new text. While the text was a repeated time with a pass chosen (or the default "now" in
 * it), a change within that hour keeps the pass; any other text is read on this computer's clock anew.
 */
export function withTimeText<V extends Pick<CaptureValues, TimeKey | 'instants'>>(values: V, key: TimeKey, text: string): V {
  return { ...values, [key]: text, instants: { ...values.instants, [key]: retypedLocalTime(values[key], timeOf(values, key), text) } };
}

/** The values with a time's moment chosen (a pass of a repeated hour). */
export function withTimeChosen<V extends Pick<CaptureValues, TimeKey | 'instants'>>(values: V, key: TimeKey, time: ZonedTime): V {
  return { ...values, [key]: localValueAt(Date.parse(time.utc)), instants: { ...values.instants, [key]: time } };
}

/** Reads a stored draft defensively: a field of the wrong type (old version, damaged row) falls back to its default. */
export function fromDraftValues(stored: JsonObject, nowMs: number = Date.now()): CaptureValues {
  const blank = blankValues(nowMs);
  const text = (key: keyof CaptureValues): string => {
    const value = stored[key];
    return typeof value === 'string' ? value : (blank[key] as string);
  };
  const level = (key: 'impact' | 'urgency'): Impact => {
    const parsed = levelSchema.safeParse(stored[key]);
    return parsed.success ? parsed.data : blank[key];
  };
  const templateId = text('templateId');
  // A time's moment, when the draft kept one: its text follows it on this computer's clock. Drafts kept before
  // moments were (or with a damaged one) keep their text, read on this computer's clock as before.
  const storedInstants = typeof stored['instants'] === 'object' && stored['instants'] !== null && !Array.isArray(stored['instants']) ? stored['instants'] : {};
  const instants: Record<TimeKey, ZonedTime | null> = { occurredAt: null, detectedAt: null, reportedAt: null };
  const texts: Record<TimeKey, string> = { occurredAt: text('occurredAt'), detectedAt: text('detectedAt'), reportedAt: text('reportedAt') };
  for (const key of TIME_KEYS) {
    const time = zonedOf(storedInstants[key]);
    if (time) {
      instants[key] = time;
      texts[key] = localValueAt(Date.parse(time.utc));
    } else if (key === 'occurredAt' && typeof stored['occurredAt'] !== 'string') instants[key] = blank.instants.occurredAt;
  }
  return {
    title: text('title'),
    description: text('description'),
    category: text('category'),
    site: text('site'),
    impact: level('impact'),
    urgency: level('urgency'),
    occurredAt: texts.occurredAt,
    detectedAt: texts.detectedAt,
    // Absent from drafts kept before it existed: empty, i.e. the time of saving, as those forms meant.
    reportedAt: texts.reportedAt,
    templateId: findTemplate(templateId) ? templateId : '',
    exercise: typeof stored['exercise'] === 'boolean' ? stored['exercise'] : null,
    instants,
  };
}

/** A stored {utc, offsetMinutes}, or null when it is not one (damaged, or from a newer shape). */
function zonedOf(value: JsonValue | undefined): ZonedTime | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  return keptMoment(value['utc'], value['offsetMinutes']);
}

/** True when the person has entered something worth keeping as a draft. */
export function hasContent(values: CaptureValues): boolean {
  return [values.title, values.description, values.category, values.site, values.detectedAt, values.reportedAt, values.templateId].some((text) => text.trim() !== '');
}

/** The draft's name in the Drafts list. */
export function draftLabel(values: CaptureValues): string {
  const title = values.title.trim();
  if (title) return title.length > 80 ? `${title.slice(0, 77)}…` : title;
  return findTemplate(values.templateId)?.name ?? 'Untitled draft';
}

/** Whether the incident is saved as an exercise: the person's tick, else the device's drill mode. */
export function isExercise(values: Pick<CaptureValues, 'exercise'>, drillOn: boolean): boolean {
  return values.exercise ?? drillOn;
}

/** The record input; the times must have passed timeProblems (each time given has its one moment). */
export function toRecordInput(values: CaptureValues, drillOn = false): NewIncidentInput {
  const template = findTemplate(values.templateId);
  const occurredAt = timeOf(values, 'occurredAt');
  if (!occurredAt) throw new RangeError('Occurred at has no single moment: check it with timeProblems first');
  const reportedAt = values.reportedAt === '' ? null : timeOf(values, 'reportedAt');
  return {
    title: values.title,
    description: values.description,
    // Category options are canonical paths; split only on the display separator so names keep their '&' and '/'.
    category: values.category ? values.category.split(PATH_SEPARATOR) : [],
    site: parsePath(values.site),
    impact: values.impact,
    urgency: values.urgency,
    occurredAt,
    detectedAt: values.detectedAt === '' ? null : timeOf(values, 'detectedAt'),
    // Empty: the domain takes the clock at the moment of saving.
    ...(reportedAt ? { reportedAt } : {}),
    tags: template ? [templateTag(template)] : [],
    exercise: isExercise(values, drillOn),
  };
}

/**
 * The problems with the three times as typed, each for its own field (null: fine). An empty occurred-at is a problem
 * (it has a suggested value); an empty detected-at or reported-at is not (optional; reported then means "now"). A
 * skipped time is a problem at once; a repeated one with no pass chosen only `onSave` (the choice is on screen).
 */
export function timeProblems(values: Pick<CaptureValues, TimeKey | 'instants'>, nowMs: number, onSave = false): Record<TimeKey, string | null> {
  const ms = (key: TimeKey) => {
    const time = timeOf(values, key);
    return time ? Date.parse(time.utc) : Number.NaN;
  };
  const occurredMs = ms('occurredAt');
  const check = (key: TimeKey, otherwise: () => string | null): string | null => {
    const zone = typedTimeProblem(values[key], timeOf(values, key), onSave);
    return zone === undefined ? otherwise() : zone;
  };
  return {
    occurredAt: check('occurredAt', () => occurredAtProblem(occurredMs, nowMs)),
    detectedAt: values.detectedAt === '' ? null : check('detectedAt', () => detectedAtProblem(ms('detectedAt'), occurredMs, nowMs)),
    reportedAt: values.reportedAt === '' ? null : check('reportedAt', () => reportedAtProblem(ms('reportedAt'), occurredMs, nowMs, true)),
  };
}

/** A title over the limit: how long it is and what to do; null when it fits. Counted like the record counts (trimmed). */
export function titleLengthProblem(title: string): string | null {
  const length = title.trim().length;
  if (length <= LIMITS.title) return null;
  const over = length - LIMITS.title;
  return `The title is ${length.toLocaleString('en')} characters; titles are limited to ${LIMITS.title}. Shorten it by ${over.toLocaleString('en')} (put the details in Description).`;
}

/** Splits an over-long title at a word boundary within the limit: the part that stays, and the rest for the description. */
export function splitLongTitle(title: string): { title: string; rest: string } {
  const text = title.trim();
  if (text.length <= LIMITS.title) return { title: text, rest: '' };
  const window = text.slice(0, LIMITS.title + 1);
  const space = window.search(/\s\S*$/);
  // Cut at the last space if it keeps most of the limit; a title of one enormous word is cut at the limit itself.
  const cut = space >= LIMITS.title * 0.6 ? space : LIMITS.title;
  return { title: text.slice(0, cut).trimEnd(), rest: text.slice(cut).trim() };
}
