// Tests for ids.ts: UUIDv7 records ids, device prefixes and human incident numbers.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEVICE_PREFIX_LENGTH,
  formatIncidentNumber,
  INCIDENT_NUMBER_PATTERN,
  isDevicePrefix,
  isUuidV7,
  makeDevicePrefix,
  newId,
} from '../../../../shared/domain/ids';

describe('newId / isUuidV7', () => {
  it('produces canonical lower-case UUIDv7 strings with the RFC 9562 variant', () => {
    for (let i = 0; i < 200; i++) {
      const id = newId();
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(isUuidV7(id)).toBe(true);
    }
  });

  it('is unique and sorts in creation order, also within one millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('carries the creation time in its first 48 bits', () => {
    const before = Date.now();
    const id = newId();
    const after = Date.now();
    const ms = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(after + 1);
  });

  it.each([
    ['v4', '9b2c3f1e-8d4a-4f6b-9c2d-1e3f5a7b9c0d'],
    ['v1', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'],
    ['nil', '00000000-0000-0000-0000-000000000000'],
    ['max', 'ffffffff-ffff-ffff-ffff-ffffffffffff'],
    ['bad variant', '01890a5d-ac96-774b-0cfa-4a8d38d1f1e3'],
    ['no dashes', '01890a5dac96774bbcfa4a8d38d1f1e3'],
    ['braces', '{01890a5d-ac96-774b-bcfa-4a8d38d1f1e3}'],
    ['trailing newline', '01890a5d-ac96-774b-bcfa-4a8d38d1f1e3\n'],
    ['empty', ''],
  ])('refuses %s', (_name, value) => {
    expect(isUuidV7(value)).toBe(false);
  });

  it('refuses upper case, so one id cannot exist under two spellings', () => {
    const id = newId();
    expect(isUuidV7(id.toUpperCase())).toBe(false);
  });

  it('refuses non-strings from untyped callers without throwing', () => {
    expect(isUuidV7(42 as unknown as string)).toBe(false);
    expect(isUuidV7(undefined as unknown as string)).toBe(false);
  });
});

describe('makeDevicePrefix', () => {
  it('draws four characters from Crockford base32 without I, L, O, U', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 4, maxLength: 16 }), (bytes) => {
        const prefix = makeDevicePrefix(bytes);
        expect(prefix).toHaveLength(DEVICE_PREFIX_LENGTH);
        expect(prefix).toMatch(/^[0-9A-Z]{4}$/);
        expect(prefix).not.toMatch(/[ILOU]/);
        expect(isDevicePrefix(prefix)).toBe(true);
      }),
    );
  });

  it('uses all 32 symbols, each byte value mapping evenly', () => {
    const seen = new Map<string, number>();
    for (let b = 0; b < 256; b++) {
      const symbol = makeDevicePrefix(new Uint8Array([b, 0, 0, 0]))[0]!;
      seen.set(symbol, (seen.get(symbol) ?? 0) + 1);
    }
    expect(seen.size).toBe(32);
    expect([...seen.values()].every((count) => count === 8)).toBe(true);
    expect([...seen.keys()].sort().join('')).toBe('0123456789ABCDEFGHJKMNPQRSTVWXYZ');
  });

  it('is deterministic for the same bytes', () => {
    expect(makeDevicePrefix(new Uint8Array([0, 1, 18, 31]))).toBe('01JZ');
    expect(makeDevicePrefix(new Uint8Array([32, 33, 50, 255]))).toBe('01JZ');
  });

  it('needs at least four bytes', () => {
    expect(() => makeDevicePrefix(new Uint8Array(3))).toThrow(/4 random bytes/);
    expect(() => makeDevicePrefix(undefined as unknown as Uint8Array)).toThrow(/4 random bytes/);
  });
});

describe('isDevicePrefix', () => {
  it.each(['K7QM', '0000', 'ZZZZ', 'ABCD'])('accepts %s', (value) => expect(isDevicePrefix(value)).toBe(true));
  it.each(['K7QI', 'L000', 'OOOO', 'UUUU', 'k7qm', 'K7Q', 'K7QMX', ' K7Q', '', 'K7-M'])('refuses %j', (value) =>
    expect(isDevicePrefix(value)).toBe(false),
  );
});

describe('formatIncidentNumber', () => {
  it('pads the counter to four digits', () => {
    expect(formatIncidentNumber('K7QM', 1)).toBe('K7QM-0001');
    expect(formatIncidentNumber('K7QM', 42)).toBe('K7QM-0042');
    expect(formatIncidentNumber('K7QM', 9999)).toBe('K7QM-9999');
  });

  it('grows past 9999 instead of wrapping or truncating', () => {
    expect(formatIncidentNumber('K7QM', 10000)).toBe('K7QM-10000');
    expect(formatIncidentNumber('K7QM', 1234567)).toBe('K7QM-1234567');
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1])('refuses counter %s', (counter) => {
    expect(() => formatIncidentNumber('K7QM', counter)).toThrow(/Invalid incident counter/);
  });

  it.each(['k7qm', 'K7QI', 'K7Q', '', 'K7QM-'])('refuses prefix %j', (prefix) => {
    expect(() => formatIncidentNumber(prefix, 1)).toThrow(/Invalid device prefix/);
  });

  it('always produces a string the number pattern accepts, and the counter survives the trip', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 4, maxLength: 4 }), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (bytes, counter) => {
        const number = formatIncidentNumber(makeDevicePrefix(bytes), counter);
        expect(number).toMatch(INCIDENT_NUMBER_PATTERN);
        expect(Number(number.slice(5))).toBe(counter);
      }),
    );
  });
});

describe('INCIDENT_NUMBER_PATTERN', () => {
  it.each(['K7QM-0001', 'K7QM-9999', 'K7QM-10000', '0000-0042'])('accepts %s', (value) => expect(value).toMatch(INCIDENT_NUMBER_PATTERN));
  it.each(['K7QM-001', 'K7QM-0000', 'K7QM-01000', 'k7qm-0001', 'K7QI-0001', 'K7QM0001', 'K7QM-00a1', ' K7QM-0001', 'K7QM-0001\n'])(
    'refuses %j',
    (value) => expect(value).not.toMatch(INCIDENT_NUMBER_PATTERN),
  );
});
