// When an incident happened, was detected and was reported: the checks and conversions shared by capture and the detail view.
import { CLOCK_TOLERANCE_MS, EARLIEST_PLAUSIBLE_YEAR, LATEST_PLAUSIBLE_YEAR, type ZonedTime } from '../../../shared/domain';
import { formatLocal } from '../format';
import { localTimeProblem, readLocalTime } from '../local-time';

/** How far ahead of this device's clock a time may be: clocks of two devices (or a watch) differ by minutes. The domain's, which refuses a reported-at beyond it too. */
export const FUTURE_TOLERANCE_MS = CLOCK_TOLERANCE_MS;

/**
 * Why an occurred-at cannot be saved as typed, checked here because the record itself accepts any plausible year;
 * null when it is fine. Years outside the plausible window are left to the record's own, more specific message.
 */
export function occurredAtProblem(occurredMs: number, nowMs: number): string | null {
  if (Number.isNaN(occurredMs)) return 'Enter the date and time it happened, or leave the suggested time.';
  return futureProblem(occurredMs, nowMs, 'Enter when it actually happened');
}

/**
 * Why a detected-at cannot be saved (it is optional: callers pass only a typed one); null when it is fine.
 * Besides the future check it must not come before the occurred-at: nothing is noticed before it happens.
 */
export function detectedAtProblem(detectedMs: number, occurredMs: number, nowMs: number): string | null {
  if (Number.isNaN(detectedMs)) return 'Enter the date and time it was detected, or leave Detected at empty.';
  return futureProblem(detectedMs, nowMs, 'Enter when it was actually detected') ?? orderProblem(occurredMs, detectedMs);
}

/**
 * The message when detected-at is before occurred-at, for the field being edited (it names the other field's time,
 * which is not in view); null when the order is fine.
 */
export function orderProblem(occurredMs: number, detectedMs: number, edited: 'occurredAt' | 'detectedAt' = 'detectedAt'): string | null {
  if (!plausible(occurredMs) || !plausible(detectedMs) || detectedMs >= occurredMs) return null;
  if (edited === 'occurredAt') return `Occurred at is after Detected at (${localText(detectedMs)}). Enter an earlier time, or correct Detected at first.`;
  return `Detected at is before Occurred at (${localText(occurredMs)}). Enter a later time, correct Occurred at, or leave Detected at empty if not known.`;
}

/**
 * Why a typed reported-at cannot be saved; null when it is fine. Not in the future, not before the occurred-at (nothing
 * is reported before it happens); before the detected-at is fine: someone may report what the organisation only then
 * detects. `emptyMeansNow`: at capture it may be left empty (the time of saving), which the messages offer.
 */
export function reportedAtProblem(reportedMs: number, occurredMs: number, nowMs: number, emptyMeansNow = false): string | null {
  if (Number.isNaN(reportedMs)) return `Enter the date and time it was reported${emptyMeansNow ? ', or leave Reported at empty for the time you save' : ''}.`;
  return futureProblem(reportedMs, nowMs, 'Enter when it was actually reported') ?? reportedOrderProblem(occurredMs, reportedMs, 'reportedAt', emptyMeansNow);
}

/**
 * The message when reported-at is before occurred-at, for the field being edited (naming the other field's time, which
 * is not in view); null when the order is fine. The domain refuses the same, in its own words.
 */
export function reportedOrderProblem(occurredMs: number, reportedMs: number, edited: 'occurredAt' | 'reportedAt', emptyMeansNow = false): string | null {
  if (!plausible(occurredMs) || !plausible(reportedMs) || reportedMs >= occurredMs) return null;
  if (edited === 'occurredAt') return `Occurred at is after Reported at (${localText(reportedMs)}). Enter an earlier time, or correct Reported at first.`;
  const fixes = emptyMeansNow ? 'correct Occurred at, or leave Reported at empty for the time you save' : 'or correct Occurred at first';
  return `Reported at is before Occurred at (${localText(occurredMs)}). Enter a later time, ${fixes}.`;
}

/**
 * What this computer's clock says about a typed time with no single moment (`time` null): a skipped time's message;
 * a repeated time's request to choose a pass, only `onSave` (until then the choice is on screen), else null; a year
 * outside 1990–2200, in words that say what to type. Undefined when the clock has nothing to say (a moment was
 * found, or the text is empty or half-typed): the other checks apply.
 */
export function typedTimeProblem(value: string, time: ZonedTime | null, onSave: boolean): string | null | undefined {
  if (time) return undefined;
  const reading = readLocalTime(value);
  if (reading.kind === 'skipped') return localTimeProblem(value, null);
  if (reading.kind === 'ambiguous') return onSave ? localTimeProblem(value, null) : null;
  // A year past 2200 is said at once (typing more digits only makes it larger); an early one (0002, 0020, 0202…) may
  // be a year still being typed digit by digit, so it waits for the save.
  if (reading.kind === 'implausible-year') return onSave || reading.year > LATEST_PLAUSIBLE_YEAR ? localTimeProblem(value, null) : null;
  return undefined;
}

function futureProblem(ms: number, nowMs: number, whatToEnter: string): string | null {
  if (new Date(ms).getFullYear() > LATEST_PLAUSIBLE_YEAR) return null;
  if (ms - nowMs <= FUTURE_TOLERANCE_MS) return null;
  return `This is in the future (${localText(ms)}). ${whatToEnter}; at most ${FUTURE_TOLERANCE_MS / 60_000} minutes ahead of this computer’s clock is accepted. If the computer’s clock is wrong, correct it first.`;
}

function localText(ms: number): string {
  return formatLocal(new Date(ms).toISOString());
}

/** Out-of-window years get the record's own message about the year, not a confusing comparison. */
function plausible(ms: number): boolean {
  if (Number.isNaN(ms)) return false;
  const year = new Date(ms).getFullYear();
  return year >= EARLIEST_PLAUSIBLE_YEAR && year <= LATEST_PLAUSIBLE_YEAR;
}
