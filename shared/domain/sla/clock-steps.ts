// The SLA clocks' arithmetic shared by the clock and its breach walk: modes, effective times, calendar measure/advance.
import type { Status } from '../status';
import type { CompiledCalendar } from './calendar';

export const RUNNING = 0;
export const PAUSED = 1;
export const STOPPED = 2;

/** The resolve clock's mode after a status change. */
export function resolveMode(status: Status | null): number {
  switch (status) {
    case 'new':
    case 'assigned':
    case 'in_progress':
      return RUNNING;
    case 'on_hold':
      return PAUSED;
    default:
      return STOPPED;
  }
}

/** Events dated before the incident (a device clock behind) count from its creation; NaN times likewise. */
export function effective(atMs: number, createdAtMs: number): number {
  return atMs > createdAtMs ? atMs : createdAtMs;
}

export function measure(calendar: CompiledCalendar | null, a: number, b: number): number {
  if (!(b > a)) return 0;
  return calendar === null ? b - a : calendar.measure(a, b);
}

export function advance(calendar: CompiledCalendar | null, a: number, amount: number): number {
  return calendar === null ? a + amount : calendar.advance(a, amount);
}
