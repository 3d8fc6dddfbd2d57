// Display formatting for times and paths: local time for the reader, with the recorder's offset kept visible.
import { format } from 'date-fns';
import { formatPath, formatUtcOffset, type ZonedTime } from '../../shared/domain';

/** "26 Nov 2026 14:30" in the reader's local time. */
export function formatLocal(utcIso: string): string {
  return format(new Date(utcIso), 'd MMM yyyy HH:mm');
}

/** Local time plus the offset the recorder had, when it differs from ours: "26 Nov 2026 14:30 (recorded at UTC+01:00)". */
export function formatZoned(time: ZonedTime, readerOffsetMinutes = -new Date(time.utc).getTimezoneOffset()): string {
  const local = formatLocal(time.utc);
  return time.offsetMinutes === readerOffsetMinutes ? local : `${local} (recorded at ${formatUtcOffset(time.offsetMinutes)})`;
}

export function formatPathOrDash(path: readonly string[]): string {
  return path.length > 0 ? formatPath(path) : '—';
}

/** datetime-local input value ("2026-11-26T14:30") for an instant, in local time. */
export function toDateTimeLocalValue(epochMs: number): string {
  return format(new Date(epochMs), "yyyy-MM-dd'T'HH:mm");
}
