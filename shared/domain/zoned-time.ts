// A moment as the user's device saw it: the UTC instant plus the recorder's UTC offset at that moment.
import { z } from 'zod';

/** Years outside this window are almost certainly typos or a dead CMOS battery; we refuse them with a message. */
export const EARLIEST_PLAUSIBLE_YEAR = 1990;
export const LATEST_PLAUSIBLE_YEAR = 2200;

// The year is four digits, or the signed six toISOString writes past 9999 (and before year 0): those are read, so a
// five- or six-digit year typed into a date field gets the year message, not a format one.
const isoUtcPattern = /^(\d{4}|[+-]\d{6})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?Z$/;

/** Said to a person when a time cannot be read at all (the forms never send one; a damaged record or peer might). */
const UNREADABLE_TIME = 'Time is not a complete date and time: enter the day, month, four-digit year, hour and minute';

/**
 * The reason an ISO UTC string is not an acceptable instant, or undefined when it is fine. Checked by arithmetic on
 * the matched parts, not through Date: every operation HQ and a pulling device validate carries several instants,
 * and a Date parse plus toISOString per instant was a visible share of validating a batch.
 */
function utcProblem(value: string): string | undefined {
  const parts = isoUtcPattern.exec(value);
  if (!parts) return UNREADABLE_TIME;
  // Read one by one (no slice/map arrays): several instants in every operation validated.
  const year = Number(parts[1]);
  const month = Number(parts[2]);
  const day = Number(parts[3]);
  const hour = Number(parts[4]);
  const minute = Number(parts[5]);
  const second = Number(parts[6]);
  // No 2026-02-30 (Date.parse would roll it over to March 2), no 24:00, no leap seconds.
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return 'Time is not a real date';
  if (year < EARLIEST_PLAUSIBLE_YEAR || year > LATEST_PLAUSIBLE_YEAR) {
    return `Year must be between ${EARLIEST_PLAUSIBLE_YEAR} and ${LATEST_PLAUSIBLE_YEAR} (got ${year}); check the date and the device clock`;
  }
  return undefined;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export const zonedTimeSchema = z.object({
  /** UTC instant, ISO 8601 with Z. */
  utc: z.string().superRefine((value, ctx) => {
    const problem = utcProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
  /** Minutes east of UTC at that moment (e.g. +60 for CET, −300 for EST); −840..+840 covers every zone. */
  offsetMinutes: z
    .number()
    .int('The UTC offset must be whole minutes')
    .min(-840, 'UTC offsets go down to −14:00')
    .max(840, 'UTC offsets go up to +14:00'),
});
export type ZonedTime = z.infer<typeof zonedTimeSchema>;

/**
 * Builds a ZonedTime from epoch ms and the offset the device reports. JavaScript's
 * Date#getTimezoneOffset is minutes WEST of UTC, so callers pass `-date.getTimezoneOffset()`.
 * Throws a RangeError naming the problem when the clock value is not a time at all (NaN, ±Infinity).
 */
export function zonedTimeFromEpoch(epochMs: number, offsetMinutes: number): ZonedTime {
  const date = new Date(epochMs);
  if (Number.isNaN(date.getTime())) throw new RangeError(`The device clock gave no usable time (${String(epochMs)})`);
  // `-date.getTimezoneOffset()` is -0 in UTC; store a plain 0.
  return { utc: date.toISOString(), offsetMinutes: offsetMinutes === 0 ? 0 : offsetMinutes };
}

/** "UTC+01:00" style label for an offset in minutes east of UTC (a true minus sign for western zones). */
export function formatUtcOffset(offsetMinutes: number): string {
  const rounded = Math.round(offsetMinutes);
  const sign = rounded < 0 ? '−' : '+';
  const abs = Math.abs(rounded);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
