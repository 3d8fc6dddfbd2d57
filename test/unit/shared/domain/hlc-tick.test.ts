// Tests for tickHlc (hlc.ts): strictly increasing stamps under any physical clock readings, overflow, DST.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareHlc, createHlc, formatHlc, HLC_MAX_WALL_MS, isHlcStamp, parseHlc, tickHlc, type HlcState } from '../../../../shared/domain/hlc';
import { HOUR, nodeId, physicalTime, runTicks, T0, tupleCompare } from './hlc-helpers';

describe('tickHlc', () => {
  it('gives strictly increasing stamps for ANY sequence of physical times', () => {
    fc.assert(
      fc.property(nodeId, fc.array(physicalTime, { minLength: 1, maxLength: 200 }), (node, times) => {
        const { stamps } = runTicks(createHlc(node), times);
        for (const s of stamps) expect(isHlcStamp(s)).toBe(true);
        for (let i = 1; i < stamps.length; i++) {
          expect(compareHlc(stamps[i - 1]!, stamps[i]!)).toBe(-1);
          expect(tupleCompare(parseHlc(stamps[i - 1]!), parseHlc(stamps[i]!))).toBe(-1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('follows a sane physical clock exactly (wall = now, counter 0) when time moves forward', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: HOUR }), { minLength: 1, maxLength: 50 }), (steps) => {
        let state = createHlc('dev');
        let now = T0;
        for (const step of steps) {
          now += step;
          const { state: next, stamp } = tickHlc(state, now);
          expect(parseHlc(stamp)).toEqual({ wallMs: now, counter: 0, node: 'dev' });
          state = next;
        }
      }),
    );
  });

  it('keeps its wall and counts up when the OS clock jumps back hours', () => {
    let state = createHlc('dev');
    state = tickHlc(state, T0).state;
    const back = tickHlc(state, T0 - 6 * HOUR);
    expect(parseHlc(back.stamp)).toEqual({ wallMs: T0, counter: 1, node: 'dev' });
    const again = tickHlc(back.state, T0 - 6 * HOUR + 1);
    expect(parseHlc(again.stamp)).toEqual({ wallMs: T0, counter: 2, node: 'dev' });
    // once the clock passes the old wall again, the counter resets
    expect(parseHlc(tickHlc(again.state, T0 + 5).stamp)).toEqual({ wallMs: T0 + 5, counter: 0, node: 'dev' });
  });

  it.each([Number.NaN, 0, -5, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, 1e20, Number.MAX_VALUE, HLC_MAX_WALL_MS + 1])(
    'treats a broken reading (%s) as "no information" instead of poisoning the clock',
    (broken) => {
      const state = tickHlc(createHlc('dev'), T0).state;
      const { state: next, stamp } = tickHlc(state, broken);
      expect(parseHlc(stamp)).toEqual({ wallMs: T0, counter: 1, node: 'dev' });
      // and the clock carries on normally afterwards
      expect(parseHlc(tickHlc(next, T0 + 1).stamp).wallMs).toBe(T0 + 1);
    },
  );

  it('floors fractional milliseconds', () => {
    expect(parseHlc(tickHlc(createHlc('dev'), T0 + 0.9).stamp).wallMs).toBe(T0);
  });

  it('borrows the next millisecond when the counter overflows', () => {
    const full: HlcState = { wallMs: T0, counter: 0xffff, node: 'dev' };
    for (const now of [T0, T0 - HOUR, Number.NaN]) {
      const { state, stamp } = tickHlc(full, now);
      expect(parseHlc(stamp)).toEqual({ wallMs: T0 + 1, counter: 0, node: 'dev' });
      expect(state).toEqual({ wallMs: T0 + 1, counter: 0, node: 'dev' });
      expect(compareHlc(formatHlc(full), stamp)).toBe(-1);
    }
  });

  it('stays increasing through 200,000 ticks in one frozen millisecond', () => {
    let state = createHlc('dev');
    let previous = '';
    for (let i = 0; i < 200_000; i++) {
      const next = tickHlc(state, T0);
      if (next.stamp <= previous) throw new Error(`not increasing at ${i}: ${previous} → ${next.stamp}`);
      previous = next.stamp;
      state = next.state;
    }
    // 200,000 events need 4 milliseconds of 65,536 counters each
    expect(parseHlc(previous)).toEqual({ wallMs: T0 + 3, counter: 200_000 - 3 * 65_536 - 1, node: 'dev' });
  });

  it('does not care about DST: only UTC milliseconds enter the clock', () => {
    // Europe/Berlin falls back on 2026-10-25: 02:30 CEST (+02:00) is followed an hour later by 02:15 CET (+01:00).
    const readings = ['2026-10-25T02:30:00+02:00', '2026-10-25T02:59:00+02:00', '2026-10-25T02:15:00+01:00', '2026-10-25T02:45:00+01:00'].map(
      Date.parse,
    );
    const { stamps } = runTicks(createHlc('dev'), readings);
    expect(stamps.map((s) => parseHlc(s))).toEqual(readings.map((wallMs) => ({ wallMs, counter: 0, node: 'dev' })));
    expect([...stamps].sort()).toEqual(stamps);
  });

  it('does not mutate the state it is given', () => {
    const state = Object.freeze(createHlc('dev', T0));
    tickHlc(state, T0 + 10);
    tickHlc(state, T0 - 10);
    expect(state).toEqual({ wallMs: T0, counter: 0, node: 'dev' });
  });

  it('repairs a damaged stored state instead of throwing', () => {
    for (const damaged of [
      { wallMs: Number.NaN, counter: 0, node: 'dev' },
      { wallMs: -1, counter: -3, node: 'dev' },
      { wallMs: T0, counter: Number.NaN, node: 'dev' },
      { wallMs: 1e300, counter: 0, node: 'dev' },
    ]) {
      expect(isHlcStamp(tickHlc(damaged, T0).stamp)).toBe(true);
    }
  });
});
