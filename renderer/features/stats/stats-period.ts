// The periods the statistics offer, with chart buckets on local clock hours or local calendar days.
import { addDays, addHours, addWeeks, format, startOfDay, startOfHour, startOfWeek } from 'date-fns';
import type { StatsPeriod } from '../../../shared/domain';

export const PERIOD_IDS = ['24h', '7d', '30d', '13w'] as const;
export type PeriodId = (typeof PERIOD_IDS)[number];

export const PERIOD_LABELS: Record<PeriodId, string> = {
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '13w': 'Last 13 weeks',
};

/** A sensible default for an incident desk: long enough to show a trend, short enough to read fast. */
export const DEFAULT_PERIOD: PeriodId = '7d';

export function isPeriodId(value: string): value is PeriodId {
  return (PERIOD_IDS as readonly string[]).includes(value);
}

export interface LabelledPeriod extends StatsPeriod {
  readonly id: PeriodId;
  /** Hours for the last 24 hours, weeks for the quarter (90 daily bars are too thin to read), else days. */
  readonly unit: 'hour' | 'day' | 'week';
}

/**
 * The last 24 hours exactly (now minus 24 h until now, in clock-hour buckets: the first and the last are partial), the
 * last N calendar days including today, or the last 13 weeks (Monday to Sunday, this one up to today). Steps use date-fns, so a day across a daylight-saving change is still one
 * calendar day (23 or 25 hours).
 */
export function periodOf(id: PeriodId, now: Date): LabelledPeriod {
  if (id === '24h') {
    const fromMs = now.getTime() - 24 * 60 * 60 * 1000;
    const bucketStarts = [fromMs];
    for (let hour = nextClockHour(startOfHour(fromMs)); hour.getTime() <= now.getTime(); hour = nextClockHour(hour)) bucketStarts.push(hour.getTime());
    // +1: the period is half-open, and what was recorded at this very millisecond belongs in it.
    return { id, unit: 'hour', fromMs, toMs: now.getTime() + 1, bucketStarts };
  }
  const toMs = addDays(startOfDay(now), 1).getTime();
  if (id === '13w') {
    // Whole weeks from Monday, this one up to today: a week-on-week reading compares like with like.
    const first = addWeeks(startOfWeek(now, { weekStartsOn: 1 }), -12);
    const bucketStarts = Array.from({ length: 13 }, (_, i) => addWeeks(first, i).getTime());
    return { id, unit: 'week', fromMs: first.getTime(), toMs, bucketStarts };
  }
  const days = id === '7d' ? 7 : 30;
  const first = addDays(startOfDay(now), -(days - 1));
  const bucketStarts = Array.from({ length: days }, (_, i) => addDays(first, i).getTime());
  return { id, unit: 'day', fromMs: first.getTime(), toMs, bucketStarts };
}

/**
 * The next whole clock hour: after a 30-minute change (Lord Howe Island) adding an hour lands on :30, and the buckets
 * would stay there; where the whole hour does not exist (inside a gap) the plain hour later is taken.
 */
function nextClockHour(hour: Date): Date {
  const next = startOfHour(addHours(hour, 1));
  return next.getTime() > hour.getTime() ? next : addHours(hour, 1);
}

/**
 * A bucket's label in the chart's axis: "14:00" for hours, with the day at midnight and on the first label ("Thu
 * 18:00", "Fri 00:00"); "Fri 27 Nov" for days; "2 Nov" (the week's Monday) for weeks.
 */
export function axisLabel(startMs: number, unit: LabelledPeriod['unit'], withDay: boolean): string {
  if (unit === 'hour') return withDay || format(startMs, 'HH:mm') === '00:00' ? format(startMs, 'EEE HH:mm') : format(startMs, 'HH:mm');
  return format(startMs, unit === 'day' ? 'EEE d MMM' : 'd MMM');
}

/** About this many labels fit under a chart of the pane's width. */
const AXIS_LABELS = 9;

/**
 * The buckets that get an axis label, evenly spaced: hours on every third clock hour (so midnight, with its day, is
 * always among them); days and weeks counted back from the newest, which is the one people look at first.
 */
export function axisTicks(starts: readonly number[], unit: LabelledPeriod['unit']): number[] {
  if (unit === 'hour') return starts.filter((start) => format(start, 'mm') === '00' && Number(format(start, 'H')) % 3 === 0);
  const step = Math.max(1, Math.ceil(starts.length / AXIS_LABELS));
  return starts.filter((_, i) => (starts.length - 1 - i) % step === 0);
}

/** A bucket's label in its table, whole: "Thu 26 Nov 22:00", "Fri 27 Nov", "week from Mon 2 Nov". */
export function bucketLabel(startMs: number, unit: LabelledPeriod['unit']): string {
  if (unit === 'hour') return repeatedHour(startMs) ? `${format(startMs, 'EEE d MMM HH:mm')} (UTC${format(startMs, 'xxx')})` : format(startMs, 'EEE d MMM HH:mm');
  return unit === 'day' ? format(startMs, 'EEE d MMM') : `week from ${format(startMs, 'EEE d MMM')}`;
}

/** The period in words: "Fri 21 Nov – Thu 27 Nov 2026", or "26 Nov 16:05 – 27 Nov 16:05" for the last 24 hours. */
export function periodRange(period: LabelledPeriod): string {
  const last = period.toMs - 1;
  return period.unit === 'hour'
    ? `${format(period.fromMs, 'd MMM HH:mm')} – ${format(last, 'd MMM HH:mm')}`
    : `${format(period.fromMs, 'EEE d MMM')} – ${format(last, 'EEE d MMM yyyy')}`;
}

/** True for a clock hour that happens twice (the night clocks go back): its two rows are told apart by their offset. */
function repeatedHour(startMs: number): boolean {
  const label = format(startMs, 'd HH');
  return format(startMs - 60 * 60 * 1000, 'd HH') === label || format(startMs + 60 * 60 * 1000, 'd HH') === label;
}
