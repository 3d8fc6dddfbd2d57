// Runs a test file on a given zone's clock: Node reads TZ again whenever it changes, for Date and Intl alike.
import { afterAll, afterEach, beforeEach, vi } from 'vitest';

/** Each of this file's tests starts with this computer's zone set to `zone`; the machine's comes back after the file. */
export function onClock(zone: string): void {
  const machineZone = process.env.TZ;
  beforeEach(() => {
    process.env.TZ = zone;
  });
  afterAll(() => {
    if (machineZone === undefined) delete process.env.TZ;
    else process.env.TZ = machineZone;
  });
}

/** Sets the zone now (a test that "flies" between zones); onClock puts the file's zone back at the end. */
export function moveClockTo(zone: string): void {
  process.env.TZ = zone;
}

/** Date reads `iso` and moves on with real time (Testing Library's waits still run); real timers come back after each test. */
export function nowIs(iso: string): void {
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  vi.setSystemTime(new Date(iso));
}

export function realTimeAfterEach(): void {
  afterEach(() => {
    vi.useRealTimers();
  });
}
