// The activity log's typed period on Berlin's clock: a repeated hour is held whole, a skipped time is refused with what to enter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodOf } from '../../../../../renderer/features/incidents/activity-log-period';

const machineZone = process.env.TZ;
beforeAll(() => { process.env.TZ = 'Europe/Berlin'; });
afterAll(() => { if (machineZone === undefined) delete process.env.TZ; else process.env.TZ = machineZone; });

describe('activity log period', () => {
  it('runs from the first pass of a repeated From to the second pass of a repeated To', () => {
    expect(periodOf({ fromTyped: '2026-10-25T02:00', upToNow: false, toTyped: '2026-10-25T02:30' }, undefined)).toEqual({
      fromMs: Date.parse('2026-10-25T00:00:00Z'), toMs: Date.parse('2026-10-25T01:30:00Z'),
    });
  });

  it('refuses a skipped time, saying what to enter', () => {
    expect(periodOf({ fromTyped: '2026-03-29T02:30', upToNow: true, toTyped: '' }, undefined)).toEqual({
      from: '02:30 does not exist on 29 Mar 2026 here: the clocks went forward from 02:00 to 03:00. Enter 03:00 or later, or 01:59 or earlier.',
    });
  });
});
