// Business-hours calendars with holidays: local dates in the calendar's zone have no working time, across DST and zones.
import { afterEach, describe, expect, it } from 'vitest';
import {
  businessCalendarSchema,
  compileCalendar,
  computeIncidentSla,
  computeSlaClocks,
  slaPolicySchema,
  weekdayCalendar,
  type BusinessCalendar,
  type SlaPolicy,
} from '../../../../../shared/domain';

const H = 3_600_000;
const at = Date.parse;
const EASTER_2026 = ['2026-04-03', '2026-04-06'];
const ALL_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

function berlinWithHolidays(holidays: string[]): BusinessCalendar {
  return businessCalendarSchema.parse({ ...weekdayCalendar('Europe/Berlin'), holidays });
}

describe('holidays on a business-hours calendar', () => {
  it('keeps the holidays when the calendar is parsed (they were silently dropped before)', () => {
    expect(berlinWithHolidays(EASTER_2026).holidays).toEqual(EASTER_2026);
  });

  it('Easter 2026 in Berlin: a P3 recorded on Maundy Thursday 18:00 is due on Tuesday, not on Good Friday', () => {
    const cal = compileCalendar(berlinWithHolidays(EASTER_2026));
    const created = at('2026-04-02T16:00:00Z'); // Thu 2 Apr 18:00 CEST
    const clocks = computeSlaClocks({ createdAtMs: created, changes: [] }, { responseMs: 4 * H, resolveMs: 16 * H, calendar: cal, warnPercents: [50, 75] }, at('2026-04-06T10:00:00Z'));
    // 2 h on Thursday, then Friday (holiday), the weekend and Monday (holiday) count nothing.
    expect(clocks.response.dueAt).toBe(at('2026-04-07T08:00:00Z')); // Tue 10:00 CEST
    expect(clocks.resolve.dueAt).toBe(at('2026-04-08T08:00:00Z')); // Wed 10:00 CEST (2 h Thu + 12 h Tue + 2 h Wed)
    // On Easter Monday at 12:00 nothing is breached: only Thursday's 2 h have run.
    expect(clocks.response.elapsedMs).toBe(2 * H);
    expect(clocks.response.threshold).toBe('warn50');
    expect(clocks.resolve.threshold).toBe('none');
    expect(cal.measure(at('2026-04-02T18:00:00Z'), at('2026-04-07T06:00:00Z'))).toBe(0);
  });

  it('skips a holiday on the Monday after a weekend (Whit Monday 2026)', () => {
    const cal = compileCalendar(berlinWithHolidays(['2026-05-25']));
    // Fri 22 May 19:00 CEST + 2 h: 1 h on Friday, the weekend and Monday off, 1 h on Tuesday → 09:00 CEST.
    expect(cal.advance(at('2026-05-22T17:00:00Z'), 2 * H)).toBe(at('2026-05-26T07:00:00Z'));
    expect(cal.measure(at('2026-05-22T17:00:00Z'), at('2026-05-26T07:00:00Z'))).toBe(2 * H);
  });

  describe('in a zone other than the laptop’s', () => {
    const laptopZone = process.env.TZ;
    afterEach(() => {
      if (laptopZone === undefined) delete process.env.TZ;
      else process.env.TZ = laptopZone;
    });

    it('a holiday runs from midnight to midnight in the calendar’s zone (New York), whatever the laptop’s zone', () => {
      process.env.TZ = 'Pacific/Kiritimati'; // UTC+14: a laptop whose 3 July is another span of time altogether
      const roundTheClock = compileCalendar(businessCalendarSchema.parse({ timeZone: 'America/New_York', windows: [{ days: ALL_DAYS, from: '00:00', to: '24:00' }], holidays: ['2026-07-03'] }));
      // 3 July EDT is 04:00Z on the 3rd to 04:00Z on the 4th: of this UTC day only 00:00Z–04:00Z (2 July evening) counts.
      expect(roundTheClock.measure(at('2026-07-03T00:00:00Z'), at('2026-07-04T00:00:00Z'))).toBe(4 * H);
      const office = compileCalendar(businessCalendarSchema.parse({ ...weekdayCalendar('America/New_York'), holidays: ['2026-07-03'] }));
      // Thu 2 Jul 19:00 EDT + 2 h: 1 h on Thursday, Friday off, the weekend, 1 h on Monday → 09:00 EDT.
      expect(office.advance(at('2026-07-02T23:00:00Z'), 2 * H)).toBe(at('2026-07-06T13:00:00Z'));
    });
  });

  it('a holiday on a DST change day covers the whole local day (23 h in spring, 25 h in autumn)', () => {
    const cal = compileCalendar(businessCalendarSchema.parse({ timeZone: 'Europe/Berlin', windows: [{ days: ALL_DAYS, from: '00:00', to: '24:00' }], holidays: ['2026-03-29', '2026-10-25'] }));
    // Sat 28 Mar 00:00 CET → Mon 30 Mar 00:00 CEST: only Saturday counts.
    expect(cal.measure(at('2026-03-27T23:00:00Z'), at('2026-03-29T22:00:00Z'))).toBe(24 * H);
    // Sat 24 Oct 00:00 CEST → Mon 26 Oct 00:00 CET: only Saturday counts, the repeated hour included in Sunday.
    expect(cal.measure(at('2026-10-23T22:00:00Z'), at('2026-10-25T23:00:00Z'))).toBe(24 * H);
    // Sat 24 Oct 23:00 CEST + 2 h: 1 h on Saturday, Sunday off, 1 h from Monday 00:00 CET.
    expect(cal.advance(at('2026-10-24T21:00:00Z'), 2 * H)).toBe(at('2026-10-26T00:00:00Z'));
  });

  it('ends a due time at the last working minute before a holiday, not after it', () => {
    const cal = compileCalendar(berlinWithHolidays(EASTER_2026));
    // Thu 2 Apr 18:00 CEST + exactly 2 h → Thu 20:00 CEST, not Tuesday 08:00.
    expect(cal.advance(at('2026-04-02T16:00:00Z'), 2 * H)).toBe(at('2026-04-02T18:00:00Z'));
  });

  it('a 24×7 policy (no calendar) has no holidays: its clocks run on public holidays too', () => {
    const policy: SlaPolicy = slaPolicySchema.parse({
      id: 'ward', name: 'Ward', calendar: null, warnPercents: [50, 75],
      targets: { P1: { responseMinutes: 15, resolveMinutes: 60 }, P2: { responseMinutes: 15, resolveMinutes: 60 }, P3: { responseMinutes: 240, resolveMinutes: 960 }, P4: { responseMinutes: 240, resolveMinutes: 960 } },
    });
    const clocks = computeIncidentSla({ createdAtMs: at('2026-04-02T16:00:00Z'), changes: [] }, { priority: 3 }, policy, at('2026-04-02T16:00:00Z'));
    expect(clocks.response.dueAt).toBe(at('2026-04-02T20:00:00Z'));
    // Round the clock except holidays is a business-hours calendar of every day 00:00–24:00 with its holidays.
    const skipping = slaPolicySchema.parse({ ...policy, calendar: { timeZone: 'Europe/Berlin', windows: [{ days: ALL_DAYS, from: '00:00', to: '24:00' }], holidays: ['2026-04-03'] } });
    expect(computeIncidentSla({ createdAtMs: at('2026-04-02T20:00:00Z'), changes: [] }, { priority: 3 }, skipping, at('2026-04-02T20:00:00Z')).response.dueAt).toBe(at('2026-04-04T00:00:00Z'));
  });

  it('reads a stored calendar without holidays unchanged (no key added, same arithmetic)', () => {
    const stored = weekdayCalendar('Europe/Berlin');
    const parsed = businessCalendarSchema.parse(stored);
    expect(parsed).toEqual(stored);
    expect('holidays' in parsed).toBe(false);
    expect(compileCalendar(parsed).advance(at('2026-04-02T16:00:00Z'), 4 * H)).toBe(at('2026-04-03T08:00:00Z'));
  });

  it.each([
    ['a duplicate', ['2026-04-03', '2026-04-03'], '2026-04-03 is listed twice'],
    ['dates out of order', ['2026-04-06', '2026-04-03'], 'Holidays must be in date order: 2026-04-03 comes before 2026-04-06'],
    ['an impossible date', ['2026-02-30'], '“2026-02-30” is not a date'],
    ['a date in another format', ['3.4.2026'], 'write holidays as YYYY-MM-DD'],
    ['a non-string', [20260403], 'write holidays as YYYY-MM-DD'],
  ])('refuses %s with a clear message', (_label, holidays, message) => {
    const result = businessCalendarSchema.safeParse({ ...weekdayCalendar('Europe/Berlin'), holidays });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain(message);
  });

  it('refuses more holidays than a calendar holds', () => {
    const many = Array.from({ length: 501 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10));
    const result = businessCalendarSchema.safeParse({ ...weekdayCalendar('UTC'), holidays: many });
    expect(result.error?.issues[0]?.message).toBe('A calendar holds at most 500 holidays: remove past ones first.');
  });
});
