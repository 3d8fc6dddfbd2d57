// The device clock as the repository sees it: injectable so tests can freeze, rewind or jump time.
export interface Clock {
  /** Milliseconds since the epoch, as the operating system reports them (may be wrong; the HLC copes). */
  nowMs(): number;
  /** The device's current UTC offset in minutes EAST of UTC (+60 for CET). */
  offsetMinutes(): number;
}

export const systemClock: Clock = {
  nowMs: () => Date.now(),
  // Date#getTimezoneOffset is minutes WEST of UTC, hence the minus.
  offsetMinutes: () => -new Date().getTimezoneOffset(),
};
