// The periods the statistics offer, with chart buckets on local clock hours or local calendar days.
import { addDays, addHours, addWeeks, format, startOfDay, startOfHour, startOfWeek } from 'date-fns';
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
  /** Hours for the last 24 hours, weeks for 90 days (90 daily bars are too thin to read), else days. */
  readonly unit: 'hour' | 'day' | 'week';
}

/**
 * The last 24 hours exactly (now minus 24 h until now, in clock-hour buckets: the first and the last are partial), or
 * the last N calendar days including today. Steps use date-fns, so a day across a daylight-saving change is still one
 * calendar day (23 or 25 hours).
 */
export function periodOf(id: PeriodId, now: Date): LabelledPeriod {
  if (id === '24h') {
    const fromMs = now.getTime() - 24 * 60 * 60 * 1000;
    const bucketStarts = [fromMs];
    for (let hour = addHours(startOfHour(fromMs), 1); hour.getTime() <= now.getTime(); hour = addHours(hour, 1)) bucketStarts.push(hour.getTime());
    // +1: the period is half-open, and what was recorded at this very millisecond belongs in it.
    return { id, unit: 'hour', fromMs, toMs: now.getTime() + 1, bucketStarts };
  }
  const days = id === '7d' ? 7 : id === '30d' ? 30 : 90;
  const first = addDays(startOfDay(now), -(days - 1));
  const toMs = addDays(startOfDay(now), 1).getTime();
  if (id === '90d') {
    // Weeks from Monday; the first one starts with the period, so it may be partial.
    const bucketStarts = [first.getTime()];
    for (let week = addWeeks(startOfWeek(first, { weekStartsOn: 1 }), 1); week.getTime() < toMs; week = addWeeks(week, 1)) bucketStarts.push(week.getTime());
    return { id, unit: 'week', fromMs: first.getTime(), toMs, bucketStarts };
  }
  const bucketStarts = Array.from({ length: days }, (_, i) => addDays(first, i).getTime());
  return { id, unit: 'day', fromMs: first.getTime(), toMs, bucketStarts };
}

/**
 * A bucket's label in the chart's axis: "14:00" for hours, with the day where it changes and on the first one ("Thu
 * 16:05", "Fri 00:00"); "Fri 27 Nov" for days; "2 Nov" (the week's first day) for weeks.
 */
export function axisLabel(startMs: number, unit: LabelledPeriod['unit'], first: boolean): string {
  if (unit === 'hour') return first || format(startMs, 'HH:mm') === '00:00' ? format(startMs, 'EEE HH:mm') : format(startMs, 'HH:mm');
  return format(startMs, unit === 'day' ? 'EEE d MMM' : 'd MMM');
}

/** A bucket's label in its table, whole: "Thu 26 Nov 22:00", "Fri 27 Nov", "week from Mon 2 Nov". */
export function bucketLabel(startMs: number, unit: LabelledPeriod['unit']): string {
  if (unit === 'hour') return format(startMs, 'EEE d MMM HH:mm');
  return unit === 'day' ? format(startMs, 'EEE d MMM') : `week from ${format(startMs, 'EEE d MMM')}`;
}

/** The period in words: "Fri 21 Nov – Thu 27 Nov 2026", or "26 Nov 16:05 – 27 Nov 16:05" for the last 24 hours. */
export function periodRange(period: LabelledPeriod): string {
  const last = period.toMs - 1;
  return period.unit === 'hour'
    ? `${format(period.fromMs, 'd MMM HH:mm')} – ${format(last, 'd MMM HH:mm')}`
    : `${format(period.fromMs, 'EEE d MMM')} – ${format(last, 'EEE d MMM yyyy')}`;
}
