// Words for SLA clocks: time left / overdue, threshold labels that never rely on colour alone.
import type { SlaClock, SlaThreshold } from '../../../shared/domain';
import { formatLocalClock } from '../format';

/** "45s" below a minute is never shown: whole minutes, hours and days ("1h 5m", "2d 3h"). */
export function formatSlaDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours}h` : `${hours}h ${minutes % 60}m`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days}d` : `${days}d ${hours % 24}h`;
}

export const THRESHOLD_LABELS: Record<SlaThreshold, string> = {
  none: 'on track',
  warn50: '50 % warning',
  warn75: '75 % warning',
  breached: 'breached',
};

/** A visible mark per threshold, beside the colour; characters every system font has (⛔ is missing from many). */
export const THRESHOLD_MARKS: Record<SlaThreshold, string> = { none: '', warn50: '◔', warn75: '⚠', breached: '✖' };

/** Cancelled incidents are not judged (Statistics leave them out of SLA figures): their clocks say so, in one wording. */
export const NOT_JUDGED = 'n/a — cancelled';

/**
 * The threshold a clock shows (mark, colour, words): a clock that stopped without breaching is calm, its warnings
 * are past; a cancelled incident's clocks show none. A breach always shows.
 */
export function shownThreshold(clock: SlaClock, cancelled = false): SlaThreshold {
  if (cancelled || (clock.state === 'stopped' && clock.threshold !== 'breached')) return 'none';
  return clock.threshold;
}

/** "breached at 14:32 as P1": when, and under which priority (a later downgrade does not lift it); "breached" without a breach time. */
export function breachText(clock: SlaClock, nowMs: number): string {
  const breach = clock.breach;
  if (!breach || !Number.isFinite(breach.atMs)) return 'breached';
  return `breached at ${formatLocalClock(breach.atMs, nowMs)}${breach.priority === undefined ? '' : ` as P${breach.priority}`}`;
}

/** The list cell: "42m left", "Overdue 1h 5m", "Paused", "Met" / "Missed" once stopped, "n/a — cancelled". */
export function slaCellText(clock: SlaClock, cancelled = false): string {
  if (cancelled) return NOT_JUDGED;
  if (clock.state === 'paused') return 'Paused';
  if (clock.state === 'stopped') return clock.threshold === 'breached' ? 'Missed' : 'Met';
  const left = clock.targetMs - clock.elapsedMs;
  // Time left rounds up (never "0m left" while time remains); overdue rounds down.
  return left > 0 ? `${formatSlaDuration(Math.ceil(left / 60_000) * 60_000)} left` : `Overdue ${formatSlaDuration(-left)}`;
}

/** "20m of 1h"; "<1m of 15m" in the first minute. */
export function durationOfTarget(clock: SlaClock): string {
  const elapsed = clock.elapsedMs > 0 && clock.elapsedMs < 60_000 ? '<1m' : formatSlaDuration(clock.elapsedMs);
  return `${elapsed} of ${formatSlaDuration(clock.targetMs)}`;
}

/** "20m of 1h (33 %)"; "<1m of 15m (3 %)" in the first minute, where "0m" beside 3 % read as a contradiction. */
export function elapsedOfTarget(clock: SlaClock): string {
  return `${durationOfTarget(clock)} (${Math.floor(clock.percent)} %)`;
}
