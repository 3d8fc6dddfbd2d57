// The periods the statistics offer, with chart buckets on local clock hours or local calendar days.
import { addDays, addHours, format, startOfDay, startOfHour } from 'date-fns';
import type { StatsPeriod } from '../../../shared/domain';

export const PERIOD_IDS = ['24h', '7d', '30d', '90d'] as const;
export type PeriodId = (typeof PERIOD_IDS)[number];

export const PERIOD_LABELS: Record<PeriodId, string> = {
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
};

/** A sensible default for an incident desk: long enough to show a trend, short enough to read fast. */
export const DEFAULT_PERIOD: PeriodId = '7d';

export function isPeriodId(value: string): value is PeriodId {
  return (PERIOD_IDS as readonly string[]).includes(value);
}

export interface LabelledPeriod extends StatsPeriod {
  readonly id: PeriodId;
  /** Hours for the last 24 hours, else days. */
  readonly unit: 'hour' | 'day';
}

/**
 * The period ending with the current hour or day: the last 24 clock hours, or the last N calendar days including
 * today. Steps use date-fns, so a day across a daylight-saving change is still one calendar day (23 or 25 hours).
 */
export function periodOf(id: PeriodId, now: Date): LabelledPeriod {
  if (id === '24h') {
    const first = addHours(startOfHour(now), -23);
    const bucketStarts = Array.from({ length: 24 }, (_, i) => addHours(first, i).getTime());
    return { id, unit: 'hour', fromMs: first.getTime(), toMs: addHours(startOfHour(now), 1).getTime(), bucketStarts };
  }
  const days = id === '7d' ? 7 : id === '30d' ? 30 : 90;
  const first = addDays(startOfDay(now), -(days - 1));
  const bucketStarts = Array.from({ length: days }, (_, i) => addDays(first, i).getTime());
  return { id, unit: 'day', fromMs: first.getTime(), toMs: addDays(startOfDay(now), 1).getTime(), bucketStarts };
}

/** Axis and table label of a bucket: "14:00" for hours, "Fri 27 Nov" for days. */
export function bucketLabel(startMs: number, unit: LabelledPeriod['unit']): string {
  return format(startMs, unit === 'hour' ? 'HH:mm' : 'EEE d MMM');
}

/** The period in words for headings and the screen reader: "Fri 21 Nov – Thu 27 Nov 2026". */
export function periodRange(period: LabelledPeriod): string {
  const last = period.toMs - 1;
  return period.unit === 'hour'
    ? `${format(period.fromMs, 'd MMM HH:mm')} – ${format(period.toMs, 'HH:mm')}`
    : `${format(period.fromMs, 'EEE d MMM')} – ${format(last, 'EEE d MMM yyyy')}`;
}
