// The capture form's values: defaults, the draft (JSON) round trip, and the record input they become.
import { findTemplate, levelSchema, LIMITS, parsePath, PATH_SEPARATOR, templateTag, zonedTimeFromEpoch, type Impact, type NewIncidentInput } from '../../../shared/domain';
import type { JsonObject } from '../../db';
import { toDateTimeLocalValue } from '../format';
import { detectedAtProblem, occurredAtProblem, reportedAtProblem, zonedFromLocalValue } from './incident-times';

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
}

export function blankValues(nowMs: number = Date.now()): CaptureValues {
  return { title: '', description: '', category: '', site: '', impact: 3, urgency: 3, occurredAt: toDateTimeLocalValue(nowMs), detectedAt: '', reportedAt: '', templateId: '', exercise: null };
}

export function toDraftValues(values: CaptureValues): JsonObject {
  return { ...values };
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
  return {
    title: text('title'),
    description: text('description'),
    category: text('category'),
    site: text('site'),
    impact: level('impact'),
    urgency: level('urgency'),
    occurredAt: text('occurredAt'),
    detectedAt: text('detectedAt'),
    // Absent from drafts kept before it existed: empty, i.e. the time of saving, as those forms meant.
    reportedAt: text('reportedAt'),
    templateId: findTemplate(templateId) ? templateId : '',
    exercise: typeof stored['exercise'] === 'boolean' ? stored['exercise'] : null,
  };
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

export function toRecordInput(values: CaptureValues, occurredMs: number, drillOn = false): NewIncidentInput {
  const template = findTemplate(values.templateId);
  return {
    title: values.title,
    description: values.description,
    // Category options are canonical paths; split only on the display separator so names keep their '&' and '/'.
    category: values.category ? values.category.split(PATH_SEPARATOR) : [],
    site: parsePath(values.site),
    impact: values.impact,
    urgency: values.urgency,
    occurredAt: zonedTimeFromEpoch(occurredMs, -new Date(occurredMs).getTimezoneOffset()),
    detectedAt: values.detectedAt === '' ? null : zonedFromLocalValue(values.detectedAt),
    // Empty: the domain takes the clock at the moment of saving.
    ...(values.reportedAt === '' ? {} : { reportedAt: zonedFromLocalValue(values.reportedAt) }),
    tags: template ? [templateTag(template)] : [],
    exercise: isExercise(values, drillOn),
  };
}

type TimeKey = 'occurredAt' | 'detectedAt' | 'reportedAt';

/**
 * The problems with the three times as typed, each for its own field (null: fine). An empty occurred-at is a problem
 * (it has a suggested value); an empty detected-at or reported-at is not (optional; reported then means "now").
 */
export function timeProblems(values: Pick<CaptureValues, TimeKey>, nowMs: number): Record<TimeKey, string | null> {
  const occurredMs = new Date(values.occurredAt).getTime();
  return {
    occurredAt: occurredAtProblem(occurredMs, nowMs),
    detectedAt: values.detectedAt === '' ? null : detectedAtProblem(new Date(values.detectedAt).getTime(), occurredMs, nowMs),
    reportedAt: values.reportedAt === '' ? null : reportedAtProblem(new Date(values.reportedAt).getTime(), occurredMs, nowMs, true),
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
