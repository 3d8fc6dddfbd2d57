// Fake time for the SLA component tests: Date and timers fake but following real time, and writes dated at a chosen instant.
import { afterEach, beforeEach, vi } from 'vitest';

export const MIN = 60_000;
export const T0 = Date.UTC(2026, 2, 2, 8, 0, 0);
/** Writes happen half a minute before whole minutes, so the minute tick (just after a whole minute) never sits on an edge. */
export const BASE = T0 - MIN / 2;

/** Call at the top of a test file: Date and setTimeout are fake (the minute tick), but follow real time so Testing Library's waits still run. */
export function useSlaTime(): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'], shouldAdvanceTime: true });
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

/** Runs a repository write with the clock at `ms`, returning its value (throwing its message when it fails). */
export async function at<T>(ms: number, run: () => Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  vi.setSystemTime(ms);
  const result = await run();
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}
