// The statistics' periods and axis labels: exact 24 hours, calendar days, whole weeks, ticks that name days and reach today.
import { describe, expect, it } from 'vitest';
import { axisLabel, axisTicks, bucketLabel, periodOf, periodRange } from '../../../../renderer/features/stats/stats-period';

const NOW = new Date(2026, 10, 27, 16, 42); // Fri 27 Nov 2026, local time
const HOUR = 60 * 60 * 1000;

describe('statistics periods', () => {
  it('takes the last 24 hours exactly, in clock-hour buckets from a partial first one, ending now', () => {
    const period = periodOf('24h', NOW);
    expect(period.fromMs).toBe(NOW.getTime() - 24 * HOUR);
    expect(period.toMs).toBe(NOW.getTime() + 1);
    expect(period.bucketStarts).toHaveLength(25);
    expect(period.bucketStarts[1]).toBe(new Date(2026, 10, 26, 17, 0).getTime());
    expect(periodRange(period)).toBe('26 Nov 16:42 – 27 Nov 16:42');
  });

  it('takes calendar days including today', () => {
    const period = periodOf('7d', NOW);
    expect(period.fromMs).toBe(new Date(2026, 10, 21).getTime());
    expect(period.toMs).toBe(new Date(2026, 10, 28).getTime());
    expect(periodRange(period)).toBe('Sat 21 Nov – Fri 27 Nov 2026');
  });

  it('takes 13 whole weeks from Monday, this one up to today', () => {
    const period = periodOf('13w', NOW);
    expect(period.bucketStarts).toHaveLength(13);
    expect(period.bucketStarts[12]).toBe(new Date(2026, 10, 23).getTime());
    expect(period.fromMs).toBe(new Date(2026, 7, 31).getTime());
    expect(bucketLabel(period.bucketStarts[0]!, 'week')).toBe('week from Mon 31 Aug');
  });
});

describe('axis ticks', () => {
  it('labels every third clock hour, so midnight and its day are always named', () => {
    const period = periodOf('24h', NOW);
    const ticks = axisTicks(period.bucketStarts, 'hour');
    expect(ticks.map((t) => axisLabel(t, 'hour', t === ticks[0]))).toEqual(['Thu 18:00', '21:00', 'Fri 00:00', '03:00', '06:00', '09:00', '12:00', '15:00']);
  });

  it('counts day and week ticks back from the newest bucket, evenly', () => {
    const days = periodOf('30d', NOW).bucketStarts;
    const dayTicks = axisTicks(days, 'day');
    expect(dayTicks.at(-1)).toBe(days.at(-1));
    const gaps = new Set(dayTicks.slice(1).map((t, i) => Math.round((t - dayTicks[i]!) / (24 * HOUR))));
    expect(gaps).toEqual(new Set([4]));
    const weeks = periodOf('13w', NOW).bucketStarts;
    expect(axisTicks(weeks, 'week').at(-1)).toBe(weeks.at(-1));
  });
});
