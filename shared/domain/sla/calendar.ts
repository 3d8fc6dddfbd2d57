// Business-hours calendars: weekly wall-clock windows and holidays in a time zone; measure in-window time and advance by it.
import { z } from 'zod';
import { holidayDayNumber, holidaysSchema } from './holidays';
import { isKnownTimeZone, zoneOffsets, type ZoneOffsets } from './zone-offset';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** 1970-01-05T00:00 (a Monday) in wall-clock space: weeks are counted from here. */
const MONDAY_EPOCH = 4 * DAY_MS;

const wallTime = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Times are HH:MM on a 24-hour clock, e.g. 08:00 or 24:00');

export const businessWindowSchema = z
  .object({
    days: z.array(z.enum(WEEKDAYS)).min(1, 'Pick at least one day').max(7),
    from: wallTime,
    to: wallTime,
  })
  .refine((w) => minutesOf(w.from) < minutesOf(w.to), 'A window must end after it starts (split overnight windows in two)');
export type BusinessWindow = z.infer<typeof businessWindowSchema>;

/**
 * Windows are local wall-clock times in `timeZone`: an IANA name ("Europe/Berlin", DST-exact) or a fixed
 * offset ("UTC", "+05:30"). A minute counts when its local time falls inside a window of its local weekday
 * and its local date is not one of the holidays (whole local days, 23 or 25 hours long on DST change days).
 * A 24×7 policy has no calendar and so no holidays: "round the clock except holidays" is a calendar of every
 * day 00:00–24:00 with its holidays.
 */
export const businessCalendarSchema = z.object({
  timeZone: z.string().refine(isKnownTimeZone, 'Unknown time zone: use an IANA name like Europe/Berlin or an offset like +02:00'),
  windows: z.array(businessWindowSchema).min(1, 'A calendar needs at least one window').max(28),
  /** Absent on calendars stored before holidays existed, and read as none. */
  holidays: holidaysSchema.optional(),
});
export type BusinessCalendar = z.infer<typeof businessCalendarSchema>;

function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/**
 * A calendar compiled for fast arithmetic: merged week intervals (ms from Monday 00:00) and their prefix sums, and the
 * holidays as wall-clock days with the in-window time each one takes out (zero for a holiday on a day off).
 */
export class CompiledCalendar {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** In-window ms before interval i within the week. */
  private readonly before: number[] = [];
  readonly weekTotal: number;
  private readonly zone: ZoneOffsets;
  /** Wall-clock start of each holiday (local midnight), ascending; each lasts one wall-clock day. */
  private readonly holidayStarts: number[] = [];
  /** In-window ms taken out by the holidays before holiday i (length: holidays + 1). */
  private readonly removedBefore: number[] = [0];
  /** cumulative() at the start of holiday i: the value it holds flat through that day. */
  private readonly atHoliday: number[] = [];

  constructor(calendar: BusinessCalendar) {
    this.zone = zoneOffsets(calendar.timeZone);
    const raw: [number, number][] = [];
    for (const window of calendar.windows) {
      for (const day of window.days) {
        const base = WEEKDAYS.indexOf(day) * DAY_MS;
        raw.push([base + minutesOf(window.from) * MINUTE_MS, base + minutesOf(window.to) * MINUTE_MS]);
      }
    }
    raw.sort((a, b) => a[0] - b[0]);
    let total = 0;
    for (const [start, end] of raw) {
      const last = this.ends.length - 1;
      if (last >= 0 && start <= this.ends[last]!) {
        if (end > this.ends[last]!) {
          total += end - this.ends[last]!;
          this.ends[last] = end;
        }
        continue;
      }
      this.starts.push(start);
      this.ends.push(end);
      this.before.push(total);
      total += end - start;
    }
    this.weekTotal = total;
    for (const date of calendar.holidays ?? []) {
      const day = holidayDayNumber(date);
      // The schema refuses bad or unordered dates; a calendar built in code without it skips what it cannot use.
      if (day === null || (this.holidayStarts.length > 0 && day * DAY_MS <= this.holidayStarts.at(-1)!)) continue;
      const start = day * DAY_MS;
      const removed = this.removedBefore.at(-1)!;
      this.atHoliday.push(this.weekly(start) - removed);
      this.holidayStarts.push(start);
      this.removedBefore.push(removed + this.weekly(start + DAY_MS) - this.weekly(start));
    }
  }

  /** In-window ms from the wall-clock epoch up to wall-clock instant w, holidays taken out (monotone, piecewise linear). */
  private cumulative(w: number): number {
    const k = countBelow(this.holidayStarts, w);
    if (k === 0) return this.weekly(w);
    // Inside holiday k-1 the count stands still; after it, every earlier holiday's time is taken out.
    if (w < this.holidayStarts[k - 1]! + DAY_MS) return this.atHoliday[k - 1]!;
    return this.weekly(w) - this.removedBefore[k]!;
  }

  /** The earliest wall-clock instant at which cumulative() reaches c (c > 0). */
  private inverse(c: number): number {
    // k = the holidays whose start the answer lies beyond (cumulative is still below c there).
    const k = countBelow(this.atHoliday, c);
    // Between the end of holiday k-1 and the start of holiday k, cumulative = weekly − removedBefore[k].
    return this.weeklyInverse(c + this.removedBefore[k]!);
  }

  /** In-window ms from the wall-clock epoch up to wall-clock instant w, ignoring holidays. */
  private weekly(w: number): number {
    const shifted = w - MONDAY_EPOCH;
    const weeks = Math.floor(shifted / WEEK_MS);
    const within = shifted - weeks * WEEK_MS;
    let sum = weeks * this.weekTotal;
    for (let i = 0; i < this.starts.length; i++) {
      const start = this.starts[i]!;
      if (within <= start) break;
      const end = this.ends[i]!;
      sum += (within < end ? within : end) - start;
    }
    return sum;
  }

  /** The earliest wall-clock instant at which weekly() reaches c. */
  private weeklyInverse(c: number): number {
    const weeks = Math.floor(c / this.weekTotal);
    const rest = c - weeks * this.weekTotal;
    if (rest === 0) return MONDAY_EPOCH + (weeks - 1) * WEEK_MS + this.ends[this.ends.length - 1]!;
    for (let i = 0; i < this.starts.length; i++) {
      const length = this.ends[i]! - this.starts[i]!;
      if (rest <= this.before[i]! + length) return MONDAY_EPOCH + weeks * WEEK_MS + this.starts[i]! + (rest - this.before[i]!);
    }
    return MONDAY_EPOCH + (weeks + 1) * WEEK_MS; // unreachable: rest < weekTotal
  }

  /** In-window ms between instants a and b (0 when b ≤ a). */
  measure(a: number, b: number): number {
    if (!(b > a)) return 0;
    const zone = this.zone;
    let sum = 0;
    let t = a;
    while (t < b) {
      zone.span(t);
      const offset = zone.spanOffset;
      const end = zone.spanUntil < b ? zone.spanUntil : b;
      sum += this.cumulative(end + offset) - this.cumulative(t + offset);
      t = end;
    }
    return sum;
  }

  /** The earliest instant ≥ a by which `amount` ms of in-window time have passed since a. */
  advance(a: number, amount: number): number {
    if (!(amount > 0)) return a;
    const zone = this.zone;
    let left = amount;
    let t = a;
    for (;;) {
      zone.span(t);
      const offset = zone.spanOffset;
      const startC = this.cumulative(t + offset);
      if (zone.spanUntil === Number.POSITIVE_INFINITY) return this.inverse(startC + left) - offset;
      const available = this.cumulative(zone.spanUntil + offset) - startC;
      if (available >= left) return Math.max(t, this.inverse(startC + left) - offset);
      left -= available;
      t = zone.spanUntil;
    }
  }
}

const compiled = new WeakMap<BusinessCalendar, CompiledCalendar>();

/** Compiles (once per calendar object) for measure/advance. */
export function compileCalendar(calendar: BusinessCalendar): CompiledCalendar {
  let found = compiled.get(calendar);
  if (!found) {
    found = new CompiledCalendar(calendar);
    compiled.set(calendar, found);
  }
  return found;
}

/** Mon–Fri 08:00–20:00, the sample business-hours calendar. */
export function weekdayCalendar(timeZone: string, from = '08:00', to = '20:00'): BusinessCalendar {
  return { timeZone, windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from, to }] };
}

/** How many values of an ascending list are below `x` (bisection). */
function countBelow(ascending: readonly number[], x: number): number {
  let lo = 0;
  let hi = ascending.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ascending[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
