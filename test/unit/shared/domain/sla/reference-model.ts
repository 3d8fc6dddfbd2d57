// A deliberately simple SLA reference: walks minute by minute, reading local time from Intl for each minute.
import type { BusinessCalendar, SlaChange, Status } from '../../../../../shared/domain';

const MINUTE = 60_000;
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/**
 * In-window test for one minute starting at utcMs. The local time comes straight from Intl, read once per
 * 15-minute UTC bucket (every zone tested changes offset on a quarter hour), with no knowledge of transitions.
 */
export function makeInWindow(calendar: BusinessCalendar | null): (utcMs: number) => boolean {
  if (calendar === null) return () => true;
  const fixed = /^(?:UTC|([+-])(\d{2}):(\d{2}))$/.exec(calendar.timeZone);
  const format = fixed
    ? null
    : new Intl.DateTimeFormat('en-US', { timeZone: calendar.timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });
  const offsets = new Map<number, number>();
  const offsetMinutes = (utcMs: number): number => {
    if (fixed) return fixed[1] === undefined ? 0 : (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3]));
    const bucket = Math.floor(utcMs / (15 * MINUTE)) * 15 * MINUTE;
    let offset = offsets.get(bucket);
    if (offset === undefined) {
      const parts = Object.fromEntries(format!.formatToParts(bucket).map((p) => [p.type, p.value]));
      const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour) % 24, Number(parts.minute));
      offset = (wall - bucket) / MINUTE;
      offsets.set(bucket, offset);
    }
    return offset;
  };
  const windows = calendar.windows.map((w) => ({
    days: w.days as string[],
    from: Number(w.from.slice(0, 2)) * 60 + Number(w.from.slice(3)),
    to: Number(w.to.slice(0, 2)) * 60 + Number(w.to.slice(3)),
  }));
  // Local days since 1970-01-01 (Date.parse reads a bare date as UTC midnight, i.e. wall-clock midnight here).
  const holidays = new Set((calendar.holidays ?? []).map((date) => Date.parse(date) / 86_400_000));
  return (utcMs) => {
    const local = new Date(utcMs + offsetMinutes(utcMs) * MINUTE);
    if (holidays.size > 0 && holidays.has(Math.floor(local.getTime() / 86_400_000))) return false;
    const day = DAYS[(local.getUTCDay() + 6) % 7]!;
    const minuteOfDay = local.getUTCHours() * 60 + local.getUTCMinutes();
    return windows.some((w) => w.days.includes(day) && minuteOfDay >= w.from && minuteOfDay < w.to);
  };
}

export interface ReferenceClock {
  elapsedMs: number;
  /** First instant the running time reached `need` (ms), or null within the horizon / when never. */
  crossing(need: number): number | null;
}

interface Step {
  at: number;
  to: Status | null;
}

/** Sorted, clamped steps (same ordering rule as the spec: time, then HLC). */
function steps(createdAtMs: number, changes: readonly SlaChange[]): Step[] {
  return changes
    .flatMap((c) => (c.to === undefined ? [] : [{ at: Math.max(c.atMs, createdAtMs), hlc: c.hlc, to: c.to }]))
    .sort((a, b) => a.at - b.at || (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
}

const RUNNING = new Set<Status>(['new', 'assigned', 'in_progress']);

function walk(createdAtMs: number, nowMs: number, horizonMs: number, isRunning: (minute: number) => boolean, inWindow: (utcMs: number) => boolean): ReferenceClock {
  let elapsedMs = 0;
  for (let m = createdAtMs; m < nowMs; m += MINUTE) if (isRunning(m) && inWindow(m)) elapsedMs += MINUTE;
  return {
    elapsedMs,
    crossing(need) {
      let accumulated = 0;
      for (let m = createdAtMs; m < createdAtMs + horizonMs; m += MINUTE) {
        if (!(isRunning(m) && inWindow(m))) continue;
        if (accumulated + MINUTE >= need) return m + (need - accumulated);
        accumulated += MINUTE;
      }
      return null;
    },
  };
}

/** Resolve clock: runs in new/assigned/in_progress, pauses on hold, stops otherwise; the last status lasts forever. */
export function referenceResolve(createdAtMs: number, changes: readonly SlaChange[], calendar: BusinessCalendar | null, nowMs: number, horizonMs: number): ReferenceClock {
  const sorted = steps(createdAtMs, changes).filter((s) => s.to !== null);
  const statusAt = (m: number): Status => {
    let status: Status = 'new';
    for (const s of sorted) if (s.at <= m) status = s.to!;
    return status;
  };
  return walk(createdAtMs, nowMs, horizonMs, (m) => RUNNING.has(statusAt(m)), makeInWindow(calendar));
}

/** Response clock: runs from creation until the first change that is not "to new". */
export function referenceResponse(createdAtMs: number, changes: readonly SlaChange[], calendar: BusinessCalendar | null, nowMs: number, horizonMs: number): ReferenceClock {
  const first = steps(createdAtMs, changes).find((s) => s.to !== 'new');
  const stop = first ? first.at : Number.POSITIVE_INFINITY;
  return walk(createdAtMs, nowMs, horizonMs, (m) => m < stop, makeInWindow(calendar));
}
