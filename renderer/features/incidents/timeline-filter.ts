// The timeline's kind filter: the stored kinds, with automatic alerts as a choice of their own apart from communications.
import { TIMELINE_KIND_LABELS, type TimelineEvent, type TimelineEventKind } from '../../../shared/domain';
import { AUTOMATIC_ALERT_LABEL, isAutomaticAlert } from './timeline-text';

/** A choice of the filter: a stored kind, or the automatic alerts (stored as communications, but nothing was sent). */
export type TimelineFilterKind = TimelineEventKind | 'automatic_alert';

/**
 * Every choice in the order offered: the stored kinds, and the automatic alerts right after the communications, so
 * "Communication" lists the messages people logged and an alert is still one choice away.
 */
export const TIMELINE_FILTER_KINDS: readonly TimelineFilterKind[] = (Object.keys(TIMELINE_KIND_LABELS) as TimelineEventKind[]).flatMap((kind) =>
  kind === 'communication' ? [kind, 'automatic_alert' as const] : [kind],
);

export function timelineFilterLabel(kind: TimelineFilterKind): string {
  return kind === 'automatic_alert' ? AUTOMATIC_ALERT_LABEL : TIMELINE_KIND_LABELS[kind];
}

/** The one filter choice that lists `event`. */
export function timelineFilterKindOf(event: TimelineEvent): TimelineFilterKind {
  return isAutomaticAlert(event) ? 'automatic_alert' : event.kind;
}

/** Whether a value read back from the select is one of the choices (else the filter shows everything). */
export function isTimelineFilterKind(value: string): value is TimelineFilterKind {
  return (TIMELINE_FILTER_KINDS as readonly string[]).includes(value);
}
