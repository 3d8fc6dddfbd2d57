// The capture form's values: defaults, the draft (JSON) round trip, and the record input they become.
import { levelSchema, parsePath, PATH_SEPARATOR, templateTag, findTemplate, zonedTimeFromEpoch, type Impact, type NewIncidentInput } from '../../../shared/domain';
import type { JsonObject } from '../../db';
import { toDateTimeLocalValue } from '../format';

export interface CaptureValues {
  title: string;
  description: string;
  category: string;
  site: string;
  impact: Impact;
  urgency: Impact;
  occurredAt: string;
  /** '' when no template was chosen. */
  templateId: string;
}

export function blankValues(nowMs: number = Date.now()): CaptureValues {
  return { title: '', description: '', category: '', site: '', impact: 3, urgency: 3, occurredAt: toDateTimeLocalValue(nowMs), templateId: '' };
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
    templateId: findTemplate(templateId) ? templateId : '',
  };
}

/** True when the person has entered something worth keeping as a draft. */
export function hasContent(values: CaptureValues): boolean {
  return [values.title, values.description, values.category, values.site, values.templateId].some((text) => text.trim() !== '');
}

/** The draft's name in the Drafts list. */
export function draftLabel(values: CaptureValues): string {
  const title = values.title.trim();
  if (title) return title.length > 80 ? `${title.slice(0, 77)}…` : title;
  return findTemplate(values.templateId)?.name ?? 'Untitled draft';
}

export function toRecordInput(values: CaptureValues, occurredMs: number): NewIncidentInput {
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
    tags: template ? [templateTag(template)] : [],
  };
}
