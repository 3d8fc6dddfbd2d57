// Reading a typed local date-time ("2026-10-25T02:45") on a zone's clock: one instant, none (clocks went forward) or two (clocks went back).
import { format } from 'date-fns';
import { EARLIEST_PLAUSIBLE_YEAR, formatUtcOffset, LATEST_PLAUSIBLE_YEAR, zonedTimeFromEpoch, type ZonedTime } from '../../shared/domain';

/**
 * The range every date-time field offers (spread as its min and max): the years the record accepts. Besides saying
 * so, a max makes Chromium's year part take four digits and move on, instead of taking up to six ("11282026" then
 * "1005A" typed straight through would otherwise give the year 202610).
 */
export const LOCAL_TIME_BOUNDS = { min: `${EARLIEST_PLAUSIBLE_YEAR}-01-01T00:00`, max: `${LATEST_PLAUSIBLE_YEAR}-12-31T23:59` } as const;
/** The same range for a date field. */
export const LOCAL_DATE_BOUNDS = { min: `${EARLIEST_PLAUSIBLE_YEAR}-01-01`, max: `${LATEST_PLAUSIBLE_YEAR}-12-31` } as const;

/** A zone's UTC offset in minutes (east positive) at an instant. */
export type OffsetAt = (epochMs: number) => number;

/** This computer's zone, as Date and its datetime-local inputs read it. */
export const computerOffsetAt: OffsetAt = (ms) => {
  const offset = -new Date(ms).getTimezoneOffset();
  return offset === 0 ? 0 : offset; // -0 in UTC
};

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A named IANA zone's offsets through Intl, whatever this computer's zone is (tests, and reading another place's clock). */
export function zoneOffsetAt(timeZone: string): OffsetAt {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, formatter);
  }
  const zone = formatter;
  return (ms) => {
    const whole = Math.floor(ms / 1000) * 1000;
    const part = (type: Intl.DateTimeFormatPartTypes) => Number(zone.formatToParts(whole).find((p) => p.type === type)?.value);
    const wall = utcFields(part('year'), part('month'), part('day'), part('hour'), part('minute'), part('second'));
    const offset = Math.round((wall - whole) / 60_000);
    return offset === 0 ? 0 : offset;
  };
}

export type LocalTimeReading =
  | { kind: 'empty' }
  /** Not a complete date-time (half-typed, or not a real date). */
  | { kind: 'invalid' }
  | { kind: 'valid'; time: ZonedTime }
  /** The clocks went back over it: it happened twice, `first` (summer time, the larger offset) and an offset-change later `second`. */
  | { kind: 'ambiguous'; first: ZonedTime; second: ZonedTime }
  /** The clocks went forward over it: no such time. The last local time before the jump and the first after it. */
  | { kind: 'skipped'; lastBefore: string; firstAfter: string }
  /** A real date-time whose year the record refuses (outside 1990–2200): said in words, never saved. */
  | { kind: 'implausible-year'; year: number };

const LOCAL_VALUE = /^(\d{4,6})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;
const MINUTE = 60_000;
/** No zone's offset is beyond ±14 h: the instants a wall time can mean lie within this of it read as UTC. */
const REACH = 14 * 60 * MINUTE;

/** Reads a datetime-local value on a zone's clock (default: this computer's). */
export function readLocalTime(value: string, offsetAt: OffsetAt = computerOffsetAt): LocalTimeReading {
  if (value === '') return { kind: 'empty' };
  const wall = wallMs(value);
  if (wall === null) return { kind: 'invalid' };
  // Checked on the year as typed (the record checks the instant's UTC year: only the first and last hours differ).
  const year = yearOf(value);
  if (year < EARLIEST_PLAUSIBLE_YEAR || year > LATEST_PLAUSIBLE_YEAR) return { kind: 'implausible-year', year };
  // Every offset the zone has around then; an instant counts when the zone really has that offset at it.
  const offsets = new Set([offsetAt(wall - REACH), offsetAt(wall), offsetAt(wall + REACH)]);
  const instants = [...new Set([...offsets].map((offset) => wall - offset * MINUTE).filter((ms) => offsetAt(ms) === Math.round((wall - ms) / MINUTE)))].sort((a, b) => a - b);
  const zoned = (ms: number) => zonedTimeFromEpoch(ms, offsetAt(ms));
  if (instants.length === 1) return { kind: 'valid', time: zoned(instants[0]!) };
  if (instants.length >= 2) return { kind: 'ambiguous', first: zoned(instants[0]!), second: zoned(instants[instants.length - 1]!) };
  // Skipped: find the jump between the offset before and after (minute steps, as zones change on whole minutes).
  let lo = wall - REACH;
  let hi = wall + REACH;
  const before = offsetAt(lo);
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (offsetAt(mid) === before) lo = mid;
    else hi = mid;
  }
  return { kind: 'skipped', lastBefore: localValueAt(hi - MINUTE, offsetAt), firstAfter: localValueAt(hi, offsetAt) };
}

/** The datetime-local value ("2026-11-26T14:30") an instant shows on a zone's clock. */
export function localValueAt(ms: number, offsetAt: OffsetAt = computerOffsetAt): string {
  const wall = new Date(ms + offsetAt(ms) * MINUTE);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${String(wall.getUTCFullYear()).padStart(4, '0')}-${two(wall.getUTCMonth() + 1)}-${two(wall.getUTCDate())}T${two(wall.getUTCHours())}:${two(wall.getUTCMinutes())}`;
}

/** "Now" as a field shows it and the instant it stands for, both to the minute (the field has no seconds). */
export function localNow(nowMs: number, offsetAt: OffsetAt = computerOffsetAt): { value: string; time: ZonedTime } {
  const ms = Math.floor(nowMs / MINUTE) * MINUTE;
  return { value: localValueAt(ms, offsetAt), time: zonedTimeFromEpoch(ms, offsetAt(ms)) };
}

/**
 * The instant a field's text stands for. `kept`: what it stood for until now (a "now" the person left alone, a
 * draft's instant, a chosen pass of a repeated hour): kept while the text still shows it, so it is never re-read
 * from its text. A changed text is read anew; when it happened twice, the pass with `preferOffset` is taken (the
 * original's, when editing a time), else none until the person chooses. Null: no single instant (see the reading).
 */
export function localTimeOf(value: string, kept: ZonedTime | null, preferOffset: number | null = null, offsetAt: OffsetAt = computerOffsetAt): ZonedTime | null {
  if (kept && value !== '' && localValueAt(Date.parse(kept.utc), offsetAt) === value) return kept;
  const reading = readLocalTime(value, offsetAt);
  if (reading.kind === 'valid') return reading.time;
  if (reading.kind !== 'ambiguous') return null;
  return [reading.first, reading.second].find((time) => time.offsetMinutes === preferOffset) ?? null;
}

/** A field's new text, read after it stood for `before`: within a repeated hour whose pass was set, that pass stays. */
export function retypedLocalTime(previousText: string, before: ZonedTime | null, text: string, offsetAt: OffsetAt = computerOffsetAt): ZonedTime | null {
  const prefer = before && readLocalTime(previousText, offsetAt).kind === 'ambiguous' ? before.offsetMinutes : null;
  return localTimeOf(text, before, prefer, offsetAt);
}

/** The moment a draft kept beside a time's text (UTC text and offset), checked: null when absent or damaged. */
export function keptMoment(utc: unknown, offsetMinutes: unknown): ZonedTime | null {
  if (typeof utc !== 'string' || Number.isNaN(Date.parse(utc))) return null;
  if (typeof offsetMinutes !== 'number' || !Number.isInteger(offsetMinutes) || Math.abs(offsetMinutes) > 14 * 60) return null;
  return { utc: new Date(utc).toISOString(), offsetMinutes };
}

/** Why a field's text gives no instant to save, or null: the words for a skipped time and an unchosen repeated one. */
export function localTimeProblem(value: string, time: ZonedTime | null, offsetAt: OffsetAt = computerOffsetAt): string | null {
  if (time) return null;
  const reading = readLocalTime(value, offsetAt);
  if (reading.kind === 'skipped') {
    const from = localValueAt(wallMs(reading.lastBefore)! + MINUTE, () => 0);
    return `${clock(value)} does not exist on ${dayText(value)} here: the clocks went forward from ${clock(from)} to ${clock(reading.firstAfter)}. Enter ${clock(reading.firstAfter)} or later, or ${clock(reading.lastBefore)} or earlier.`;
  }
  if (reading.kind === 'implausible-year') return yearProblem(value, reading.year);
  if (reading.kind === 'ambiguous') {
    return `${clock(value)} happened twice on ${dayText(value)} (the clocks went back): choose the first (${formatUtcOffset(reading.first.offsetMinutes)}) or the second (${formatUtcOffset(reading.second.offsetMinutes)}) under the field.`;
  }
  return null;
}

/**
 * The year message, worded like the record's (which starts the same) and saying what to type. A year with too many
 * digits is nearly always a year typed on past its four digits (202610 for 2026): it is offered back.
 */
function yearProblem(value: string, year: number): string {
  const range = `Year must be between ${EARLIEST_PLAUSIBLE_YEAR} and ${LATEST_PLAUSIBLE_YEAR} (got ${year})`;
  const digits = value.indexOf('-');
  if (digits <= 4) return `${range}: correct the year.`;
  const meant = Number(value.slice(0, 4));
  const plausible = meant >= EARLIEST_PLAUSIBLE_YEAR && meant <= LATEST_PLAUSIBLE_YEAR;
  return `${range}: type the year with four digits, ${plausible ? `such as ${meant}` : `from ${EARLIEST_PLAUSIBLE_YEAR} to ${LATEST_PLAUSIBLE_YEAR}`}.`;
}

/** The year of a datetime-local value (four to six digits before the first dash). */
function yearOf(value: string): number {
  return Number(value.slice(0, value.indexOf('-')));
}

/** "14:30" of a datetime-local value. */
export function clock(value: string): string {
  return value.slice(11, 16);
}

/** "29 Mar 2026" of a datetime-local value (only for messages; a value's year has four or more digits). */
export function dayText(value: string): string {
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  return format(new Date(year, month - 1, day), 'd MMM yyyy');
}

/** The wall time read as if it were UTC (ms), or null when it is not a real date-time. */
function wallMs(value: string): number | null {
  const match = LOCAL_VALUE.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute, second = 0, milli = 0] = match.slice(1).map((part) => (part === undefined ? undefined : Number(part)));
  const ms = utcFields(year!, month!, day!, hour!, minute!, second, milli);
  const back = new Date(ms);
  // No 30 Feb (Date would roll it into March), no 24:00.
  return back.getUTCMonth() + 1 === month && back.getUTCDate() === day && back.getUTCHours() === hour && back.getUTCMinutes() === minute ? ms : null;
}

/** Date.UTC without its 0–99 → 1900s year mapping. */
function utcFields(year: number, month: number, day: number, hour: number, minute: number, second = 0, milli = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, milli);
  return date.getTime();
}
