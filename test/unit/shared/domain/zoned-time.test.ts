// Tests for zoned-time.ts: the UTC-instant + offset schema, building it from a clock, and offset labels.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EARLIEST_PLAUSIBLE_YEAR, formatUtcOffset, LATEST_PLAUSIBLE_YEAR, zonedTimeFromEpoch, zonedTimeSchema } from '../../../../shared/domain/zoned-time';

const UNREADABLE = 'Time is not a complete date and time: enter the day, month, four-digit year, hour and minute';

function messages(value: unknown): string[] {
  const result = zonedTimeSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => i.message);
}

describe('zonedTimeSchema', () => {
  it.each([
    '2026-11-26T14:30:00Z',
    '2026-11-26T14:30:00.1Z',
    '2026-11-26T14:30:00.123Z',
    '2028-02-29T00:00:00Z',
    '1990-01-01T00:00:00.000Z',
    '2200-12-31T23:59:59.999Z',
  ])('accepts %s', (utc) => {
    expect(zonedTimeSchema.parse({ utc, offsetMinutes: 60 })).toEqual({ utc, offsetMinutes: 60 });
  });

  it.each([
    ['1900-06-01T12:00:00Z', 1900],
    ['3000-06-01T12:00:00Z', 3000],
    ['1989-12-31T23:59:59Z', 1989],
    ['2201-01-01T00:00:00Z', 2201],
  ])('refuses %s with a message naming the plausible years', (utc, year) => {
    expect(messages({ utc, offsetMinutes: 0 })).toEqual([
      `Year must be between 1990 and 2200 (got ${year}); check the date and the device clock`,
    ]);
  });

  it.each([
    '2026-11-26T14:30:00+01:00',
    '2026-11-26T14:30:00',
    '2026-11-26 14:30:00Z',
    '2026-11-26T14:30Z',
    '2026-11-26',
    '26/11/2026 14:30',
    '2026-11-26T14:30:00.1234Z',
    '2026-11-26T14:30:00z',
    ' 2026-11-26T14:30:00Z',
    '2026-11-26T14:30:00Z\n',
    '',
  ])('refuses the non-UTC or unreadable string %j with one message in plain words', (utc) => {
    expect(messages({ utc, offsetMinutes: 0 })).toEqual([UNREADABLE]);
  });

  it.each([
    ['+202610-11-28T05:48:00.000Z', 202610],
    ['+010000-01-01T00:00:00.000Z', 10000],
    ['+275760-09-13T00:00:00.000Z', 275760],
    ['-000001-06-01T12:00:00.000Z', -1],
  ])('refuses the six-digit year of %s (what toISOString gives past 9999) with the year message, not a format one', (utc, year) => {
    expect(messages({ utc, offsetMinutes: 0 })).toEqual([`Year must be between 1990 and 2200 (got ${year}); check the date and the device clock`]);
  });

  it('never words a refused time in developer terms (ISO, UTC instant, Z)', () => {
    for (const utc of ['2026-11-26T14:30:00', '+202610-11-28T05:48:00.000Z', 'garbage', '2026-02-30T00:00:00Z', '1900-01-01T00:00:00Z']) {
      for (const message of messages({ utc, offsetMinutes: 0 })) expect(message).not.toMatch(/ISO|instant|8601|\dZ\b/);
    }
  });

  it.each(['2026-02-30T00:00:00Z', '2026-02-29T00:00:00Z', '2026-04-31T10:00:00Z', '2026-13-01T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01T23:60:00Z'])(
    'refuses the impossible date %s instead of rolling it over',
    (utc) => {
      expect(messages({ utc, offsetMinutes: 0 })).toEqual(['Time is not a real date']);
    },
  );

  it('judges every date and time like a Date round trip would (leap years, month lengths, hours, the year window)', () => {
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    // The reference: parse with Date and require the same calendar fields back (what utcProblem did before).
    const reference = (utc: string): string[] => {
      const date = new Date(utc);
      if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 19) !== utc.slice(0, 19)) return ['Time is not a real date'];
      const year = date.getUTCFullYear();
      return year < EARLIEST_PLAUSIBLE_YEAR || year > LATEST_PLAUSIBLE_YEAR ? [expect.stringContaining('Year must be between') as unknown as string] : [];
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 1980, max: 2210 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 61 }),
        fc.integer({ min: 0, max: 61 }),
        fc.constantFrom('', '.5', '.25', '.999'),
        (year, month, day, hour, minute, second, fraction) => {
          const utc = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}${fraction}Z`;
          expect(messages({ utc, offsetMinutes: 0 })).toEqual(reference(utc));
        },
      ),
      { numRuns: 2000 },
    );
    // Century leap rules, which random draws rarely hit.
    expect(messages({ utc: '2000-02-29T00:00:00Z', offsetMinutes: 0 })).toEqual([]);
    expect(messages({ utc: '2100-02-29T00:00:00Z', offsetMinutes: 0 })).toEqual(['Time is not a real date']);
  });

  it.each([
    [-840, true],
    [840, true],
    [-300, true],
    [345, true],
    [0, true],
    [-841, false],
    [841, false],
    [90.5, false],
    [Number.NaN, false],
  ])('offset %s minutes → valid: %s', (offsetMinutes, valid) => {
    expect(zonedTimeSchema.safeParse({ utc: '2026-11-26T14:30:00Z', offsetMinutes }).success).toBe(valid);
  });

  it('says why an offset is out of range', () => {
    expect(messages({ utc: '2026-11-26T14:30:00Z', offsetMinutes: 900 })).toEqual(['UTC offsets go up to +14:00']);
    expect(messages({ utc: '2026-11-26T14:30:00Z', offsetMinutes: -900 })).toEqual(['UTC offsets go down to −14:00']);
  });

  it.each([
    [{ utc: 1764167400000, offsetMinutes: 0 }],
    [{ utc: '2026-11-26T14:30:00Z', offsetMinutes: '60' }],
    [{ utc: '2026-11-26T14:30:00Z' }],
    [{ offsetMinutes: 0 }],
    [null],
    ['2026-11-26T14:30:00Z'],
  ])('refuses the wrong shape %j', (value) => {
    expect(zonedTimeSchema.safeParse(value).success).toBe(false);
  });
});

describe('zonedTimeFromEpoch', () => {
  it('stores the UTC instant and the offset given (minutes east)', () => {
    const epoch = Date.UTC(2026, 10, 26, 14, 30);
    const zoned = zonedTimeFromEpoch(epoch, 60);
    expect(zoned).toEqual({ utc: '2026-11-26T14:30:00.000Z', offsetMinutes: 60 });
    expect(zonedTimeSchema.parse(zoned)).toEqual(zoned);
  });

  it('stores a plain 0 for the -0 that -getTimezoneOffset() gives in UTC', () => {
    expect(Object.is(zonedTimeFromEpoch(0, -0).offsetMinutes, 0)).toBe(true);
  });

  it('throws a RangeError naming the problem for a clock that gives no time', () => {
    expect(() => zonedTimeFromEpoch(Number.NaN, 0)).toThrow(/device clock gave no usable time/);
    expect(() => zonedTimeFromEpoch(Number.POSITIVE_INFINITY, 0)).toThrow(RangeError);
  });
});

describe('formatUtcOffset', () => {
  it.each([
    [60, 'UTC+01:00'],
    [-300, 'UTC−05:00'],
    [330, 'UTC+05:30'],
    [345, 'UTC+05:45'],
    [0, 'UTC+00:00'],
    [-0, 'UTC+00:00'],
    [-210, 'UTC−03:30'],
    [840, 'UTC+14:00'],
    [-720, 'UTC−12:00'],
  ])('%i → %s', (offset, label) => {
    expect(formatUtcOffset(offset)).toBe(label);
  });

  it('uses a true minus sign (U+2212) for western zones', () => {
    expect(formatUtcOffset(-60).charCodeAt(3)).toBe(0x2212);
  });
});
