// The statistics' periods and axis labels: exact 24 hours, calendar days, whole weeks, ticks that name days and reach today.
import { afterEach, describe, expect, it } from 'vitest';
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

describe('hour buckets across daylight-saving changes', () => {
  const machineZone = process.env.TZ;
  afterEach(() => {
    if (machineZone === undefined) delete process.env.TZ;
    else process.env.TZ = machineZone;
  });

  it('stay on whole clock hours after a 30-minute change (Lord Howe Island)', () => {
    process.env.TZ = 'Australia/Lord_Howe';
    // Clocks went from 02:00 to 02:30 on Sun 4 Oct 2026; 'now' is 10:00 that morning.
    const period = periodOf('24h', new Date(Date.parse('2026-10-03T23:00:00Z')));
    const minutes = period.bucketStarts.slice(1).map((start) => new Date(start).getMinutes());
    // Only the half hour that follows the gap (02:30-03:00) starts off the hour.
    expect(minutes.filter((minute) => minute !== 0)).toEqual([30]);
    expect(minutes.at(-1)).toBe(0);
    expect(axisTicks(period.bucketStarts, 'hour').length).toBeGreaterThanOrEqual(7);
  });

  it('name the offset of an hour that happens twice (Berlin, 25 Oct 2026), so the two 02:00 rows differ', () => {
    process.env.TZ = 'Europe/Berlin';
    const period = periodOf('24h', new Date(Date.parse('2026-10-25T10:00:00Z')));
    const labels = period.bucketStarts.map((start) => bucketLabel(start, 'hour'));
    expect(labels).toContain('Sun 25 Oct 02:00 (UTC+02:00)');
    expect(labels).toContain('Sun 25 Oct 02:00 (UTC+01:00)');
    expect(labels).toContain('Sun 25 Oct 03:00');
    expect(new Set(labels).size).toBe(labels.length);
  });
});
