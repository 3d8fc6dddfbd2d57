// Display formatting for times and paths: local time for the reader, with the recorder's offset kept visible.
import { format } from 'date-fns';
import { formatPath, formatUtcOffset, type ZonedTime } from '../../shared/domain';

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

/** The hint under a local date-time field: which clock its time is read in ("This computer’s time (UTC+01:00)"). */
export function thisComputerTimeText(): string {
  return `This computer’s time (${formatUtcOffset(-new Date().getTimezoneOffset())})`;
}

/** Local time plus the offset the recorder had, when it differs from ours: "26 Nov 2026 14:30 (recorded at UTC+01:00)". */
export function formatZoned(time: ZonedTime, readerOffsetMinutes?: number): string {
  const date = new Date(time.utc);
  const local = localText(date);
  const reader = readerOffsetMinutes ?? -date.getTimezoneOffset();
  return time.offsetMinutes === reader ? local : `${local} (recorded at ${formatUtcOffset(time.offsetMinutes)})`;
}

export function formatPathOrDash(path: readonly string[]): string {
  return path.length > 0 ? formatPath(path) : '—';
}

/** datetime-local input value ("2026-11-26T14:30") for an instant, in local time. */
export function toDateTimeLocalValue(epochMs: number): string {
  return format(new Date(epochMs), "yyyy-MM-dd'T'HH:mm");
}
