// The business-hours part of the SLA policy form: windows as typed and the holiday list, checked with one clear message each.
import { HOLIDAY_FORMAT_HINT, holidayDayNumber, MAX_HOLIDAYS, TOO_MANY_HOLIDAYS, WEEKDAYS, type BusinessCalendar, type BusinessWindow, type Weekday } from '../../../shared/domain';

export const DAY_LABELS: Record<Weekday, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };

/** One window as typed; `key` identifies it in the list while windows are added and removed. */
export interface WindowDraft {
  key: number;
  days: Weekday[];
  from: string;
  to: string;
}

export type CalendarResult = { ok: true; calendar: BusinessCalendar } | { ok: false; message: string };

let nextKey = 1;

export function windowDraft(window: BusinessWindow): WindowDraft {
  return { key: nextKey++, days: [...window.days], from: window.from, to: window.to };
}

/** A new, empty window: its days are left for the user to pick (saving without any is refused and says so). */
export function blankWindow(): WindowDraft {
  return { key: nextKey++, days: [], from: '09:00', to: '17:00' };
}

/** "8:00", "08:00", "0800" → "08:00"; 24:00 is the end of the day; anything else is null. */
export function wallTime(text: string): string | null {
  const match = /^(\d{1,2}):?(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) return null;
  return `${String(hours).padStart(2, '0')}:${match[2]}`;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The calendar the windows, zone and holidays describe, or the first problem in reading order. */
export function calendarFromDraft(windows: readonly WindowDraft[], timeZone: string, holidays: readonly string[]): CalendarResult {
  if (windows.length === 0) return { ok: false, message: 'Add at least one window of business hours, or choose 24×7.' };
  const checked: BusinessWindow[] = [];
  for (const [index, window] of windows.entries()) {
    const n = index + 1;
    if (window.days.length === 0) return { ok: false, message: `Window ${n}: pick at least one day.` };
    const from = wallTime(window.from);
    if (from === null) return { ok: false, message: `Window ${n} from: write the time as HH:MM from 00:00 to 24:00, e.g. 08:00.` };
    const to = wallTime(window.to);
    if (to === null) return { ok: false, message: `Window ${n} to: write the time as HH:MM from 00:00 to 24:00, e.g. 17:00.` };
    if (minutesOf(from) >= minutesOf(to)) {
      return {
        ok: false,
        message: `Business hours must end after they start: window ${n} runs ${from}–${to}. Split an overnight window in two (e.g. 22:00–24:00 and 00:00–06:00).`,
      };
    }
    checked.push({ days: WEEKDAYS.filter((day) => window.days.includes(day)), from, to });
  }
  // Overlaps would count once anyway, but they are almost always a typing slip: say which two and where.
  for (let a = 0; a < checked.length; a++) {
    for (let b = a + 1; b < checked.length; b++) {
      const first = checked[a]!;
      const second = checked[b]!;
      const day = first.days.find((d) => second.days.includes(d));
      if (day && minutesOf(first.from) < minutesOf(second.to) && minutesOf(second.from) < minutesOf(first.to)) {
        return {
          ok: false,
          message: `Windows ${a + 1} and ${b + 1} overlap on ${DAY_LABELS[day]} (${first.from}–${first.to} and ${second.from}–${second.to}). Change one so they do not overlap.`,
        };
      }
    }
  }
  const calendar: BusinessCalendar = { timeZone: timeZone.trim(), windows: checked };
  // No holidays: no key, exactly as calendars were stored before holidays existed.
  return { ok: true, calendar: holidays.length > 0 ? { ...calendar, holidays: [...holidays] } : calendar };
}

export type HolidayEdit = { ok: true; holidays: string[]; added: number; skipped: number } | { ok: false; message: string };

/** Adds one date or several (one per line) to a sorted list; one bad line refuses the whole paste, so nothing half-added. */
export function addHolidays(current: readonly string[], text: string): HolidayEdit {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  const dates = lines.filter((line) => line !== '');
  if (dates.length === 0) return { ok: false, message: 'Enter a date (YYYY-MM-DD), or several, one per line.' };
  const next = new Set(current);
  let added = 0;
  for (const [index, line] of lines.entries()) {
    if (line === '') continue;
    if (holidayDayNumber(line) === null) {
      const where = dates.length > 1 ? `Line ${index + 1}, “${line.slice(0, 40)}”, is` : `“${line.slice(0, 40)}” is`;
      return { ok: false, message: `${where} not a date: ${HOLIDAY_FORMAT_HINT}. Nothing was added.` };
    }
    if (!next.has(line)) {
      next.add(line);
      added++;
    }
  }
  if (added === 0) return { ok: false, message: dates.length === 1 ? `${dates[0]} is already a holiday.` : 'All of these dates are already holidays.' };
  if (next.size > MAX_HOLIDAYS) return { ok: false, message: `${TOO_MANY_HOLIDAYS} Nothing was added.` };
  // Zero-padded ISO dates sort as text in date order.
  return { ok: true, holidays: [...next].sort(), added, skipped: dates.length - added };
}

export function removeHoliday(current: readonly string[], date: string): string[] {
  return current.filter((d) => d !== date);
}

const LABEL_FORMAT = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });

/** "Fri 3 Apr 2026": the date itself, not an instant, so it reads the same on a laptop in any zone. */
export function holidayLabel(date: string): string {
  const day = holidayDayNumber(date);
  if (day === null) return date;
  // Assembled from parts: ICU versions disagree on the comma after the weekday.
  const parts = Object.fromEntries(LABEL_FORMAT.formatToParts(day * 86_400_000).map((p) => [p.type, p.value]));
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`;
}

/** The weekday of a holiday, to say when it falls on a day with no business hours anyway. */
export function holidayWeekday(date: string): Weekday | null {
  const day = holidayDayNumber(date);
  // 1970-01-01 was a Thursday (index 3 from Monday).
  return day === null ? null : WEEKDAYS[(((day + 3) % 7) + 7) % 7]!;
}
