// Words of an entry's clock mark: the tag's direction and amount, and the likely real time for a clock found off.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { clockMarkExplanation, clockMarkTag, likelyTime } from '../../../../renderer/features/clock-mark-words';

beforeAll(() => {
  vi.stubEnv('TZ', 'Europe/Berlin');
});
afterAll(() => {
  vi.unstubAllEnvs();
});

// The laptop read 08:00 (Berlin) while HQ read 14:00: its clock was 6 hours behind.
const AT = { utc: '2026-11-27T07:00:00.000Z', offsetMinutes: 60 };
const HOUR = 3_600_000;

describe('clock mark words', () => {
  it('says a clock behind HQ is behind, and puts the likely real time later by that much', () => {
    const mark = { state: 'off' as const, hqMinusDeviceMs: 6 * HOUR };
    expect(clockMarkTag(mark)).toBe('clock about 6 hours behind HQ');
    expect(likelyTime(mark.hqMinusDeviceMs, AT)).toBe('27 Nov 2026 14:00');
    expect(clockMarkExplanation(mark, AT)).toBe('Recorded with a clock that the last sync found about 6 hours behind HQ: the real time was probably about 27 Nov 2026 14:00.');
  });

  it('says a clock ahead of HQ is ahead, in minutes or days as fits', () => {
    expect(clockMarkTag({ state: 'off', hqMinusDeviceMs: -12 * 60_000 })).toBe('clock about 12 minutes ahead of HQ');
    expect(clockMarkTag({ state: 'off', hqMinusDeviceMs: -3 * 24 * HOUR })).toBe('clock about 3 days ahead of HQ');
    expect(likelyTime(-12 * 60_000, AT)).toBe('27 Nov 2026 07:48');
  });

  it('explains an unchecked clock without claiming it was wrong', () => {
    expect(clockMarkTag({ state: 'unchecked' })).toBe('clock not checked');
    expect(clockMarkExplanation({ state: 'unchecked' }, AT)).toMatch(/^Recorded while no check against HQ vouched for the laptop's clock \(none in 7 days or more, never, or the clock was set back since\)/);
  });
});
