// Whose clock a shown time is on: the reader's, with the recorder's clock named when it differs, and the offset in a repeated hour.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatZoned, thisComputerTimeText } from '../../../../renderer/features/format';

// Node reads TZ again when it changes, so this file runs on New York's clock (and gives the machine's back after).
const machineZone = process.env.TZ;
function onClock(zone: string) {
  beforeAll(() => { process.env.TZ = zone; });
  afterAll(() => { if (machineZone === undefined) delete process.env.TZ; else process.env.TZ = machineZone; });
}

describe('formatZoned on a New York computer', () => {
  onClock('America/New_York');

  it('says which time is the reader’s and what the clock said where it was recorded', () => {
    expect(formatZoned({ utc: '2026-11-27T13:30:00.000Z', offsetMinutes: 60 })).toBe('27 Nov 2026 08:30 UTC−05:00 (14:30 UTC+01:00 where recorded)');
  });

  it('names the recorder’s day when it differs from the reader’s', () => {
    expect(formatZoned({ utc: '2026-11-27T02:00:00.000Z', offsetMinutes: 60 })).toBe('26 Nov 2026 21:00 UTC−05:00 (27 Nov 03:00 UTC+01:00 where recorded)');
  });

  it('shows a time recorded on the same clock as it is', () => {
    expect(formatZoned({ utc: '2026-11-27T13:30:00.000Z', offsetMinutes: -300 })).toBe('27 Nov 2026 08:30');
  });

  it('gives the offset of a time in the repeated hour, so its two passes read differently', () => {
    expect(formatZoned({ utc: '2026-11-01T05:30:00.000Z', offsetMinutes: -240 })).toBe('1 Nov 2026 01:30 UTC−04:00');
    expect(formatZoned({ utc: '2026-11-01T06:30:00.000Z', offsetMinutes: -300 })).toBe('1 Nov 2026 01:30 UTC−05:00');
  });

  it('gives the hint the offset of the entered date, not of today', () => {
    expect(thisComputerTimeText(Date.parse('2026-07-01T12:00:00Z'))).toBe('This computer’s time (UTC−04:00)');
    expect(thisComputerTimeText(Date.parse('2026-12-01T12:00:00Z'))).toBe('This computer’s time (UTC−05:00)');
  });
});
