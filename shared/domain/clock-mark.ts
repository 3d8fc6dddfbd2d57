// Whether an entry's recorded time can be trusted: marked when the device clock had not been checked against HQ, or was found off.
import { z } from 'zod';

/** A check older than this (by the device clock) no longer vouches for the clock: CMOS batteries die, people reset zones. */
export const CLOCK_CHECK_VALID_MS = 7 * 24 * 60 * 60 * 1000;
/** Off by more than this at the last check: the entry says so (the same line as the sync panel's clock warning). */
export const CLOCK_OFF_MS = 5 * 60 * 1000;
/** Bounds a stored offset: ±10 years covers a dead CMOS battery; anything past it is not a clock but garbage. */
const OFFSET_LIMIT_MS = 10 * 366 * 24 * 60 * 60 * 1000;

/** The last comparison of this device's clock with HQ's, kept on the device. */
export interface ClockCheck {
  /** When it was made, by this device's clock (epoch ms). */
  readonly checkedAtMs: number;
  /** HQ time − device time then (positive: this clock was behind HQ). */
  readonly hqMinusDeviceMs: number;
}

/**
 * On an entry (absent: the clock had been checked and was right). "unchecked": no comparison with HQ vouched for the
 * clock when the entry was made (never synced, the last check too old, or the clock since set back before it).
 * "off": the last check found the clock off by `hqMinusDeviceMs`.
 */
export const clockMarkSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('unchecked') }),
  z.object({ state: z.literal('off'), hqMinusDeviceMs: z.number().int().min(-OFFSET_LIMIT_MS).max(OFFSET_LIMIT_MS) }),
]);
export type ClockMark = z.infer<typeof clockMarkSchema>;

/** The mark an entry made at `nowMs` (device clock) gets, given the last check; undefined when the clock was fine. */
export function clockMarkAt(check: ClockCheck | undefined, nowMs: number): ClockMark | undefined {
  if (!check || !Number.isFinite(check.checkedAtMs) || !Number.isFinite(check.hqMinusDeviceMs)) return { state: 'unchecked' };
  const since = nowMs - check.checkedAtMs;
  // A clock that now reads before its own last check was set back since: what the check said no longer holds.
  if (since < -60_000 || since > CLOCK_CHECK_VALID_MS) return { state: 'unchecked' };
  if (Math.abs(check.hqMinusDeviceMs) > CLOCK_OFF_MS) {
    const bounded = Math.max(-OFFSET_LIMIT_MS, Math.min(OFFSET_LIMIT_MS, Math.round(check.hqMinusDeviceMs)));
    return { state: 'off', hqMinusDeviceMs: bounded };
  }
  return undefined;
}
