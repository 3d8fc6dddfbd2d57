// Business-hours calendars and policies: schemas, DST-exact measuring, fixed offsets, seed tiers.
import { describe, expect, it } from 'vitest';
import { businessCalendarSchema, compileCalendar, SEED_SLA_POLICIES, slaPoliciesSchema, slaPolicySchema, targetFor, weekdayCalendar } from '../../../../../shared/domain';

const H = 3_600_000;

describe('business-hours calendar', () => {
  it('counts wall-clock hours across the spring-forward night (Berlin 01:00–04:00 loses an hour on 29 March 2026)', () => {
    const night = compileCalendar({ timeZone: 'Europe/Berlin', windows: [{ days: ['sun'], from: '01:00', to: '04:00' }] });
    expect(night.measure(Date.parse('2026-03-28T12:00:00Z'), Date.parse('2026-03-29T12:00:00Z'))).toBe(2 * H);
    expect(night.measure(Date.parse('2026-10-24T12:00:00Z'), Date.parse('2026-10-25T12:00:00Z'))).toBe(4 * H);
  });

  it('keeps 08:00 local across DST: the window start moves by an hour in UTC', () => {
    const cal = compileCalendar(weekdayCalendar('Europe/Berlin'));
    // Friday 27 March 19:00 CET + 2 h of business time → Monday 30 March 10:00 CEST = 08:00Z.
    expect(cal.advance(Date.parse('2026-03-27T18:00:00Z'), 2 * H)).toBe(Date.parse('2026-03-30T08:00:00Z') - H);
    expect(cal.measure(Date.parse('2026-03-30T05:00:00Z'), Date.parse('2026-03-30T07:00:00Z'))).toBe(H);
  });

  it('supports fixed offsets', () => {
    const cal = compileCalendar(weekdayCalendar('+05:30', '09:00', '17:00'));
    expect(cal.measure(Date.parse('2026-11-23T00:00:00Z'), Date.parse('2026-11-24T00:00:00Z'))).toBe(8 * H);
    expect(cal.advance(Date.parse('2026-11-23T00:00:00Z'), H)).toBe(Date.parse('2026-11-23T04:30:00Z'));
  });

  it('rejects unknown zones, inverted windows and empty calendars', () => {
    expect(businessCalendarSchema.safeParse({ timeZone: 'Mars/Olympus', windows: [{ days: ['mon'], from: '08:00', to: '10:00' }] }).success).toBe(false);
    expect(businessCalendarSchema.safeParse({ timeZone: 'UTC', windows: [{ days: ['mon'], from: '20:00', to: '08:00' }] }).success).toBe(false);
    expect(businessCalendarSchema.safeParse({ timeZone: 'UTC', windows: [] }).success).toBe(false);
    expect(businessCalendarSchema.safeParse({ timeZone: '+15:00', windows: [{ days: ['mon'], from: '08:00', to: '10:00' }] }).success).toBe(false);
    expect(businessCalendarSchema.safeParse(weekdayCalendar('America/New_York')).success).toBe(true);
  });
});

describe('SLA policies', () => {
  it('seeds gold/silver/bronze from DOMAIN.md and they pass the schema', () => {
    expect(slaPoliciesSchema.safeParse(SEED_SLA_POLICIES).success).toBe(true);
    const [gold, silver, bronze] = SEED_SLA_POLICIES;
    expect(targetFor(gold!, 1)).toEqual({ responseMinutes: 15, resolveMinutes: 60 });
    expect(targetFor(silver!, 3)).toEqual({ responseMinutes: 120, resolveMinutes: 480 });
    expect(targetFor(bronze!, 4)).toEqual({ responseMinutes: 480, resolveMinutes: 32 * 60 });
    expect(targetFor(bronze!, 5)).toEqual(targetFor(bronze!, 4));
  });

  it('defaults warnings to 50/75 % and rejects bad thresholds, duplicate ids and zero targets', () => {
    const { warnPercents: _omit, ...noWarn } = SEED_SLA_POLICIES[0]!;
    expect(slaPolicySchema.parse(noWarn).warnPercents).toEqual([50, 75]);
    expect(slaPolicySchema.safeParse({ ...noWarn, warnPercents: [80, 60] }).success).toBe(false);
    expect(slaPoliciesSchema.safeParse([SEED_SLA_POLICIES[0], SEED_SLA_POLICIES[0]]).success).toBe(false);
    expect(slaPolicySchema.safeParse({ ...noWarn, targets: { ...noWarn.targets, P1: { responseMinutes: 0, resolveMinutes: 60 } } }).success).toBe(false);
  });
});
