// Tests for formatHlc / parseHlc / compareHlc / createHlc (hlc.ts): round trip, lexical order, refusals.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareHlc, createHlc, formatHlc, isHlcStamp, parseHlc } from '../../../../shared/domain/hlc';
import { T0, tupleCompare } from './hlc-helpers';

describe('formatHlc / parseHlc / compareHlc', () => {
  const stampRecord = fc.record({
    wallMs: fc.integer({ min: 0, max: 999_999_999_999_999 }),
    counter: fc.integer({ min: 0, max: 0xffff }),
    node: fc.stringMatching(/^[A-Za-z0-9_.:-]{1,40}$/),
  });

  it('round-trips', () => {
    fc.assert(
      fc.property(stampRecord, (s) => {
        expect(parseHlc(formatHlc(s))).toEqual(s);
      }),
    );
  });

  it('formats to fixed width wall and counter', () => {
    expect(formatHlc({ wallMs: 1_764_160_000_000, counter: 10, node: 'dev-1' })).toBe('001764160000000-000a-dev-1');
    expect(formatHlc({ wallMs: 0, counter: 0, node: 'n' })).toBe('000000000000000-0000-n');
  });

  it('lexical order equals (wall, counter, node) order', () => {
    fc.assert(
      fc.property(stampRecord, stampRecord, (a, b) => {
        expect(compareHlc(formatHlc(a), formatHlc(b))).toBe(tupleCompare(a, b));
      }),
      { numRuns: 1000 },
    );
  });

  it('orders equal walls by counter, then by node as the tie-break', () => {
    const a = formatHlc({ wallMs: T0, counter: 9, node: 'zzz' });
    const b = formatHlc({ wallMs: T0, counter: 10, node: 'aaa' });
    const c = formatHlc({ wallMs: T0, counter: 10, node: 'aab' });
    expect([c, b, a].sort(compareHlc)).toEqual([a, b, c]);
    expect(compareHlc(a, a)).toBe(0);
  });

  it.each([
    [{ wallMs: -1, counter: 0, node: 'n' }, /wall time/],
    [{ wallMs: 1e15, counter: 0, node: 'n' }, /wall time/],
    [{ wallMs: 1.5, counter: 0, node: 'n' }, /wall time/],
    [{ wallMs: Number.NaN, counter: 0, node: 'n' }, /wall time/],
    [{ wallMs: 0, counter: 0x10000, node: 'n' }, /counter/],
    [{ wallMs: 0, counter: -1, node: 'n' }, /counter/],
    [{ wallMs: 0, counter: 0.5, node: 'n' }, /counter/],
    [{ wallMs: 0, counter: 0, node: '' }, /node/],
    [{ wallMs: 0, counter: 0, node: 'a\nb' }, /node/],
    [{ wallMs: 0, counter: 0, node: 'a\rb' }, /node/],
    [{ wallMs: 0, counter: 0, node: 'a\u2028b' }, /node/],
  ])('formatHlc refuses %j', (s, message) => {
    expect(() => formatHlc(s)).toThrow(message);
  });

  it.each([
    '',
    '1764160000000-0000-dev',
    '0001764160000000-0000-dev',
    '001764160000000-000A-dev',
    '001764160000000-00000-dev',
    '001764160000000-0000-',
    '001764160000000-0000-dev\n',
    '001764160000000-0000-de\tv',
    `001764160000000-0000-${'x'.repeat(101)}`,
    '٠٠١٧٦٤١٦٠٠٠٠٠٠٠-0000-dev',
  ])('parse and isHlcStamp refuse %j', (value) => {
    expect(isHlcStamp(value)).toBe(false);
    expect(() => parseHlc(value)).toThrow(/Not an HLC stamp/);
  });

  it('isHlcStamp refuses non-strings without throwing', () => {
    expect(isHlcStamp(undefined as unknown as string)).toBe(false);
    expect(() => parseHlc(7 as unknown as string)).toThrow(/Not an HLC stamp/);
  });
});

describe('createHlc', () => {
  it('starts at the given wall with counter 0', () => {
    expect(createHlc('dev', T0)).toEqual({ wallMs: T0, counter: 0, node: 'dev' });
    expect(createHlc('dev')).toEqual({ wallMs: 0, counter: 0, node: 'dev' });
  });

  it.each([Number.NaN, -1, 1e20])('sanitises a broken start wall (%s) to 0', (wall) => {
    expect(createHlc('dev', wall).wallMs).toBe(0);
  });

  it.each(['', 'a\nb', 'a\rb', 'tab\there', 'x'.repeat(101)])('refuses node id %j', (node) => {
    expect(() => createHlc(node)).toThrow(/node id/);
  });

  it('accepts the device ids the rest of the app uses (UUIDs, dashes, up to 100 characters)', () => {
    expect(createHlc('0190f5c2-7a1b-7c3d-8e4f-a1b2c3d4e5f6').node).toBe('0190f5c2-7a1b-7c3d-8e4f-a1b2c3d4e5f6');
    expect(createHlc('x'.repeat(100)).node).toHaveLength(100);
  });
});
