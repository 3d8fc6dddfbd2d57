// Display formatting for times and paths: local time for the reader, with the recorder's offset kept visible.
import { format } from 'date-fns';
import { formatPath, formatUtcOffset, type ZonedTime } from '../../shared/domain';
import { computerOffsetAt, localValueAt, readLocalTime } from './local-time';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * "26 Nov 2026 14:30" in the reader's local time (date-fns 'd MMM yyyy HH:mm', written out): a timeline of 500
 * entries formats 500 times per render, and the generic formatter parses its pattern on every call.
 */
export function formatLocal(utcIso: string): string {
  return localText(new Date(utcIso));
}

/** "14:30" when `ms` falls on the reader's today (as of `nowMs`), else "27 Nov 2026 14:30": due times and ends of pauses. */
export function formatLocalClock(ms: number, nowMs: number): string {
  const date = new Date(ms);
  const full = localText(date);
  return date.toDateString() === new Date(nowMs).toDateString() ? full.slice(-5) : full;
}

function localText(date: Date): string {
  if (Number.isNaN(date.getTime())) return format(date, 'd MMM yyyy HH:mm'); // throws its usual RangeError
  return `${date.getDate()} ${MONTHS[date.getMonth()]} ${date.getFullYear()} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

/**
 * The hint under a local date-time field: which clock its time is read in, with the offset of the entered moment
 * (`atMs`; default now): a summer date typed in winter is read at summer time ("This computer’s time (UTC+02:00)").
 */
export function thisComputerTimeText(atMs: number = Date.now()): string {
  return `This computer’s time (${formatUtcOffset(computerOffsetAt(Number.isNaN(atMs) ? Date.now() : atMs))})`;
}

/**
 * The reader's local time; when it was recorded on another clock, both offsets, so nobody takes one for the other:
 * "27 Nov 2026 08:30 UTC−05:00 (14:30 UTC+01:00 where recorded)". Offsets rather than "your time": the same words go
 * into copied and printed briefings, read by people on other clocks. In the hour the clocks went back over, the
 * reader's offset too ("25 Oct 2026 02:10 UTC+01:00"): both passes would otherwise read alike.
 */
export function formatZoned(time: ZonedTime, readerOffsetMinutes?: number): string {
  const date = new Date(time.utc);
  const ms = date.getTime();
  const reader = readerOffsetMinutes ?? computerOffsetAt(ms);
  if (time.offsetMinutes === reader) return repeatedHere(ms) ? `${localText(date)} ${formatUtcOffset(reader)}` : localText(date);
  const local = `${localText(date)} ${formatUtcOffset(reader)}`;
  const there = new Date(ms + time.offsetMinutes * 60_000);
  const day = there.getUTCDate() === date.getDate() ? '' : `${there.getUTCDate()} ${MONTHS[there.getUTCMonth()]} `;
  return `${local} (${day}${two(there.getUTCHours())}:${two(there.getUTCMinutes())} ${formatUtcOffset(time.offsetMinutes)} where recorded)`;
}

/** Whether this computer's clock showed the instant's minute twice (cheap test first: a timeline formats hundreds). */
function repeatedHere(ms: number): boolean {
  if (Number.isNaN(ms) || computerOffsetAt(ms - 3 * 3_600_000) === computerOffsetAt(ms + 3 * 3_600_000)) return false;
  return readLocalTime(localValueAt(ms)).kind === 'ambiguous';
}

export function formatPathOrDash(path: readonly string[]): string {
  return path.length > 0 ? formatPath(path) : '—';
}

/** datetime-local input value ("2026-11-26T14:30") for an instant, in local time (local-time.ts reads it back). */
export function toDateTimeLocalValue(epochMs: number): string {
  return localValueAt(epochMs);
}
