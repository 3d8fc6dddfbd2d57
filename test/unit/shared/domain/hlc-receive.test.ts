// Tests for receiveHlc (hlc.ts): merging remote stamps under skew, the forward cap, overflow and causality.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareHlc, createHlc, formatHlc, HLC_MAX_WALL_MS, isHlcStamp, receiveHlc, tickHlc, type HlcState } from '../../../../shared/domain/hlc';
import { HOUR, nodeId, physicalTime, runTicks, T0, tupleCompare, YEAR } from './hlc-helpers';

describe('receiveHlc', () => {
  const remoteStamp = fc.record({
    wallMs: fc.oneof(
      fc.integer({ min: T0 - 6 * HOUR, max: T0 + 6 * HOUR }),
      fc.integer({ min: T0 - 30 * YEAR, max: T0 + 30 * YEAR }),
      fc.integer({ min: 0, max: 999_999_999_999_999 }),
    ),
    counter: fc.integer({ min: 0, max: 0xffff }),
    node: nodeId,
  });
  const cap = fc.oneof(fc.constant(Number.POSITIVE_INFINITY), fc.integer({ min: 0, max: 24 * HOUR }));

  it('never throws on skew and makes every later local stamp greater than the received stamp (within the cap)', () => {
    fc.assert(
      fc.property(
        fc.array(physicalTime, { maxLength: 20 }),
        remoteStamp,
        fc.integer({ min: -6 * HOUR, max: 6 * HOUR }),
        fc.array(physicalTime, { minLength: 1, maxLength: 20 }),
        (before, remote, localOffset, after) => {
          const start = runTicks(createHlc('local'), before);
          const now = T0 + localOffset;
          const remoteText = formatHlc(remote);
          const { state } = receiveHlc(start.state, remoteText, now);
          const later = runTicks(state, after).stamps;
          for (const s of later) {
            if (remote.wallMs <= HLC_MAX_WALL_MS) expect(compareHlc(remoteText, s)).toBe(-1);
            for (const earlier of start.stamps) expect(compareHlc(earlier, s)).toBe(-1);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('with a cap: never drags the local wall past max(own wall, now + cap), and stays monotonic', () => {
    fc.assert(
      fc.property(
        fc.array(physicalTime, { maxLength: 10 }),
        remoteStamp,
        fc.integer({ min: T0 - 6 * HOUR, max: T0 + 6 * HOUR }),
        cap,
        (before, remote, now, maxForward) => {
          const start = runTicks(createHlc('local'), before);
          const remoteText = formatHlc(remote);
          const { state } = receiveHlc(start.state, remoteText, now, maxForward);
          // +1: a full counter borrows one millisecond
          expect(state.wallMs).toBeLessThanOrEqual(Math.max(start.state.wallMs, Math.min(now + maxForward, HLC_MAX_WALL_MS)) + 1);
          expect(tupleCompare(state, start.state)).toBe(1);
          const next = tickHlc(state, now).stamp;
          for (const earlier of start.stamps) expect(compareHlc(earlier, next)).toBe(-1);
          if (remote.wallMs <= Math.min(now + maxForward, HLC_MAX_WALL_MS)) expect(compareHlc(remoteText, next)).toBe(-1);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a laptop six hours ahead: data is accepted, skew is reported, our wall stops at now + cap', () => {
    const local = tickHlc(createHlc('local'), T0).state;
    const remote = formatHlc({ wallMs: T0 + 6 * HOUR, counter: 3, node: 'ahead' });
    const { state, skewMs } = receiveHlc(local, remote, T0, HOUR);
    expect(skewMs).toBe(6 * HOUR);
    expect(state.wallMs).toBe(T0 + HOUR);
    const mine = tickHlc(state, T0 + 1).stamp;
    // the future-dated stamp keeps its place in the total order, the same on every replica
    expect(compareHlc(mine, remote)).toBe(-1);
    expect([remote, mine].sort(compareHlc)).toEqual([mine, remote]);
  });

  it('without a cap adopts the remote wall so causally later local edits win', () => {
    const local = tickHlc(createHlc('local'), T0).state;
    const remote = formatHlc({ wallMs: T0 + 6 * HOUR, counter: 3, node: 'ahead' });
    const { state } = receiveHlc(local, remote, T0);
    expect(state).toEqual({ wallMs: T0 + 6 * HOUR, counter: 4, node: 'local' });
    expect(compareHlc(remote, tickHlc(state, T0).stamp)).toBe(-1);
  });

  it('reports negative skew for a laptop behind and never moves our clock backwards', () => {
    const local = tickHlc(createHlc('local'), T0).state;
    const remote = formatHlc({ wallMs: T0 - 3 * YEAR, counter: 0, node: 'behind' });
    const { state, skewMs } = receiveHlc(local, remote, T0 + 10);
    expect(skewMs).toBe(-3 * YEAR - 10);
    expect(state).toEqual({ wallMs: T0 + 10, counter: 0, node: 'local' });
  });

  it('merges counters when local wall, remote wall and now are equal', () => {
    const local: HlcState = { wallMs: T0, counter: 5, node: 'local' };
    expect(receiveHlc(local, formatHlc({ wallMs: T0, counter: 9, node: 'r' }), T0).state).toEqual({ wallMs: T0, counter: 10, node: 'local' });
    expect(receiveHlc(local, formatHlc({ wallMs: T0, counter: 2, node: 'r' }), T0).state).toEqual({ wallMs: T0, counter: 6, node: 'local' });
  });

  it('borrows a millisecond when the merged counter overflows', () => {
    const local: HlcState = { wallMs: T0, counter: 1, node: 'local' };
    const remote = formatHlc({ wallMs: T0, counter: 0xffff, node: 'r' });
    const { state } = receiveHlc(local, remote, T0 - 5);
    expect(state).toEqual({ wallMs: T0 + 1, counter: 0, node: 'local' });
    expect(compareHlc(remote, tickHlc(state, T0).stamp)).toBe(-1);
  });

  it('survives a hostile maximal stamp without a cap, and keeps ticking', () => {
    const local = tickHlc(createHlc('local'), T0).state;
    const { state } = receiveHlc(local, '999999999999999-ffff-evil', T0);
    expect(state.wallMs).toBeLessThanOrEqual(HLC_MAX_WALL_MS + 1);
    let current = state;
    for (let i = 0; i < 3; i++) {
      const next = tickHlc(current, T0);
      expect(isHlcStamp(next.stamp)).toBe(true);
      current = next.state;
    }
  });

  it.each([Number.NaN, -HOUR])('reads a broken cap (%s) as "adopt nothing ahead of now"', (badCap) => {
    const local = tickHlc(createHlc('local'), T0).state;
    const { state } = receiveHlc(local, formatHlc({ wallMs: T0 + HOUR, counter: 0, node: 'r' }), T0 + 10, badCap);
    expect(state.wallMs).toBe(T0 + 10);
    expect(isHlcStamp(tickHlc(state, T0).stamp)).toBe(true);
  });

  it('refuses a malformed remote stamp with a clear error', () => {
    expect(() => receiveHlc(createHlc('local'), 'yesterday', T0)).toThrow(/Not an HLC stamp/);
  });

  it('preserves causality across many devices exchanging stamps with skewed clocks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -6 * HOUR, max: 6 * HOUR }), { minLength: 2, maxLength: 5 }),
        fc.array(fc.record({ device: fc.nat(), from: fc.nat(), tick: fc.integer({ min: -HOUR, max: HOUR }), send: fc.boolean() }), {
          maxLength: 100,
        }),
        (offsets, steps) => {
          const clocks = offsets.map((_, i) => createHlc(`d${i}`));
          const lastSeen: string[] = offsets.map(() => '');
          let realTime = T0;
          for (const step of steps) {
            realTime += Math.abs(step.tick);
            const d = step.device % clocks.length;
            const physical = realTime + offsets[d]! + step.tick; // skewed and jittery
            if (step.send) {
              const from = step.from % clocks.length;
              const message = lastSeen[from];
              if (message) clocks[d] = receiveHlc(clocks[d]!, message, physical).state;
              const { state, stamp } = tickHlc(clocks[d]!, physical);
              // happened-before: the event created after receiving sorts after the received one
              if (message) expect(compareHlc(message, stamp)).toBe(-1);
              clocks[d] = state;
              lastSeen[d] = stamp;
            } else {
              const { state, stamp } = tickHlc(clocks[d]!, physical);
              if (lastSeen[d]) expect(compareHlc(lastSeen[d]!, stamp)).toBe(-1);
              clocks[d] = state;
              lastSeen[d] = stamp;
            }
          }
        },
      ),
    );
  });
});
