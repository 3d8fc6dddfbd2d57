// Clock skew between this device and HQ, measured on every answer; reported and flagged, never a reason to refuse.

/** Beyond this, the person is told that the computer's clock looks wrong. */
export const LARGE_SKEW_MS = 5 * 60 * 1000;

export interface ClockSkew {
  /** HQ time − device time, in ms (positive: this device's clock is behind HQ). */
  readonly ms: number;
  readonly large: boolean;
}

/**
 * HQ's `serverTime` was read somewhere between sending the request and receiving the answer; compare it
 * with the midpoint so a slow network does not look like a wrong clock.
 */
export function measureSkew(serverTime: number, sentAtMs: number, receivedAtMs: number, largeMs: number = LARGE_SKEW_MS): ClockSkew {
  const local = sentAtMs + (receivedAtMs - sentAtMs) / 2;
  const ms = Math.round(serverTime - local);
  return { ms, large: Math.abs(ms) > largeMs };
}

/** "about 6 hours behind", for the sync panel. */
export function describeSkew(skew: ClockSkew): string {
  const minutes = Math.round(Math.abs(skew.ms) / 60_000);
  const amount = minutes >= 90 ? `about ${Math.round(minutes / 60)} hours` : `about ${Math.max(1, minutes)} minute${minutes === 1 ? '' : 's'}`;
  const direction = skew.ms > 0 ? 'behind' : 'ahead of';
  return `This computer's clock is ${amount} ${direction} HQ. Sync still works; set the correct time in the system settings so recorded times are right.`;
}
