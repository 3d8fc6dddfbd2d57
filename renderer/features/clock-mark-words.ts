// Words for an entry's clock mark: a short tag beside its time and the sentence that explains it.
import type { ClockMark, ZonedTime } from '../../shared/domain';
import { CLOCK_CHECK_VALID_MS } from '../../shared/domain';
import { formatLocal } from './format';

const CHECK_DAYS = Math.round(CLOCK_CHECK_VALID_MS / 86_400_000);

/** "about 6 hours", "about 12 minutes", "about 2 days". */
function amountText(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes >= 36 * 60) return `about ${Math.round(minutes / 1440)} days`;
  if (minutes >= 90) return `about ${Math.round(minutes / 60)} hours`;
  return `about ${Math.max(1, minutes)} minute${minutes === 1 ? '' : 's'}`;
}

/** The tag beside the entry's time: "clock not checked", "clock about 6 hours behind HQ". */
export function clockMarkTag(mark: ClockMark): string {
  if (mark.state === 'unchecked') return 'clock not checked';
  return `clock ${amountText(mark.hqMinusDeviceMs)} ${mark.hqMinusDeviceMs > 0 ? 'behind' : 'ahead of'} HQ`;
}

/** The entry's time corrected by the offset the last check found: "27 Nov 2026 14:01" (local). */
export function likelyTime(hqMinusDeviceMs: number, at: ZonedTime): string {
  return formatLocal(new Date(Date.parse(at.utc) + hqMinusDeviceMs).toISOString());
}

/** What the tag means for this entry, with the likely real time when the clock was known to be off. */
export function clockMarkExplanation(mark: ClockMark, at: ZonedTime): string {
  if (mark.state === 'unchecked') {
    return `Recorded while no check against HQ vouched for the laptop's clock (none in ${CHECK_DAYS} days or more, never, or the clock was set back since): the time is what its clock read.`;
  }
  const likely = likelyTime(mark.hqMinusDeviceMs, at);
  return `Recorded with a clock that the last sync found ${amountText(mark.hqMinusDeviceMs)} ${mark.hqMinusDeviceMs > 0 ? 'behind' : 'ahead of'} HQ: the real time was probably about ${likely}.`;
}
