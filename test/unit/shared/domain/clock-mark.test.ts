// Clock marks: an entry's time is marked unless a recent check against HQ vouched for the device clock.
import { describe, expect, it } from 'vitest';
import { addNote, CLOCK_CHECK_VALID_MS, CLOCK_OFF_MS, clockMarkAt, clockMarkSchema, timelineEventSchema } from '../../../../shared/domain';
import { makeCtx, recorded } from './fixtures';

const NOW = Date.UTC(2026, 10, 27, 12, 0);
const HOUR = 3_600_000;

describe('clockMarkAt', () => {
  it('marks every entry of a device that never compared its clock with HQ', () => {
    expect(clockMarkAt(undefined, NOW)).toEqual({ state: 'unchecked' });
  });

  it('leaves the entry unmarked while a check within the last 7 days found the clock right', () => {
    expect(clockMarkAt({ checkedAtMs: NOW - HOUR, hqMinusDeviceMs: 2_000 }, NOW)).toBeUndefined();
    expect(clockMarkAt({ checkedAtMs: NOW - CLOCK_CHECK_VALID_MS, hqMinusDeviceMs: -CLOCK_OFF_MS }, NOW)).toBeUndefined();
  });

  it('marks it unchecked once the check is older than 7 days, or the clock now reads before the check (set back since)', () => {
    expect(clockMarkAt({ checkedAtMs: NOW - CLOCK_CHECK_VALID_MS - 1, hqMinusDeviceMs: 0 }, NOW)).toEqual({ state: 'unchecked' });
    expect(clockMarkAt({ checkedAtMs: NOW + 2 * HOUR, hqMinusDeviceMs: 0 }, NOW)).toEqual({ state: 'unchecked' });
    // A minute of slack: a check stored a moment "after" the entry by a clock adjusted by NTP is still good.
    expect(clockMarkAt({ checkedAtMs: NOW + 30_000, hqMinusDeviceMs: 0 }, NOW)).toBeUndefined();
  });

  it('says by how much a recent check found the clock off, beyond 5 minutes either way', () => {
    expect(clockMarkAt({ checkedAtMs: NOW - HOUR, hqMinusDeviceMs: 6 * HOUR }, NOW)).toEqual({ state: 'off', hqMinusDeviceMs: 6 * HOUR });
    expect(clockMarkAt({ checkedAtMs: NOW - HOUR, hqMinusDeviceMs: -CLOCK_OFF_MS - 1 }, NOW)).toEqual({ state: 'off', hqMinusDeviceMs: -CLOCK_OFF_MS - 1 });
  });

  it('treats a damaged stored check as no check', () => {
    expect(clockMarkAt({ checkedAtMs: Number.NaN, hqMinusDeviceMs: 0 }, NOW)).toEqual({ state: 'unchecked' });
    expect(clockMarkAt({ checkedAtMs: NOW, hqMinusDeviceMs: Number.POSITIVE_INFINITY }, NOW)).toEqual({ state: 'unchecked' });
  });
});

describe('the mark on entries', () => {
  it('is carried by the event a command makes, and validated at the border', () => {
    const incident = recorded();
    const marked = addNote(incident, 'Generator B running', makeCtx({ clock: { state: 'off', hqMinusDeviceMs: -3 * HOUR } }));
    if (!marked.ok) throw new Error(marked.error.message);
    expect(marked.value.event.clock).toEqual({ state: 'off', hqMinusDeviceMs: -3 * HOUR });
    const plain = addNote(incident, 'Checked clock', makeCtx());
    if (!plain.ok) throw new Error(plain.error.message);
    expect('clock' in plain.value.event).toBe(false);

    expect(timelineEventSchema.safeParse({ ...marked.value.event, clock: { state: 'late' } }).success).toBe(false);
    expect(clockMarkSchema.safeParse({ state: 'off', hqMinusDeviceMs: 1e15 }).success).toBe(false);
    expect(clockMarkSchema.safeParse({ state: 'off', hqMinusDeviceMs: 1.5 }).success).toBe(false);
  });
});
