// Small HQ building blocks: the pull cursor, enrollment codes, the token bucket, file references of an operation.
import { describe, expect, it } from 'vitest';
import { hashEnrollmentCode, newEnrollmentCode, normalizeEnrollmentCode } from '../../../server/auth/secrets';
import { RateLimiter } from '../../../server/http/rate-limiter';
import { decodeCursor, encodeCursor } from '../../../server/sync/cursor';
import { fileRefsOf } from '../../../shared/sync/wire';
import { TestDevice } from './support/test-device';

describe('pull cursor', () => {
  const key = 'k'.repeat(43);
  it('round-trips signed and refuses anything that is not a cursor', () => {
    const cursor = encodeCursor({ epoch: 'abc', seq: 42 }, key);
    expect(decodeCursor(cursor, key)).toEqual({ epoch: 'abc', seq: 42, signature: 'valid' });
    for (const bad of ['', 'forged', Buffer.from('{"e":"x","s":-1}').toString('base64url'), Buffer.from('{"e":"x","s":1,"x":1}').toString('base64url'), 'a'.repeat(300)]) {
      expect(decodeCursor(bad, key)).toBeNull();
    }
  });

  it('tells a forged or altered cursor and one of an HQ before signing from a genuine one', () => {
    const genuine = JSON.parse(Buffer.from(encodeCursor({ epoch: 'abc', seq: 42 }, key), 'base64url').toString('utf8')) as { e: string; s: number; m: string };
    const altered = Buffer.from(JSON.stringify({ ...genuine, s: 99_999_999 })).toString('base64url');
    expect(decodeCursor(altered, key)).toEqual({ epoch: 'abc', seq: 99_999_999, signature: 'invalid' });
    expect(decodeCursor(encodeCursor({ epoch: 'abc', seq: 42 }, 'another key'), key)?.signature).toBe('invalid');
    const unsigned = Buffer.from(JSON.stringify({ e: 'abc', s: 7 })).toString('base64url');
    expect(decodeCursor(unsigned, key)).toEqual({ epoch: 'abc', seq: 7, signature: 'none' });
  });
});

describe('enrollment codes', () => {
  it('are four groups of four unambiguous characters, matched however they are typed', () => {
    const code = newEnrollmentCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(hashEnrollmentCode(code.toLowerCase().replace(/-/g, ' '))).toBe(hashEnrollmentCode(code));
    expect(normalizeEnrollmentCode('k7qm-oil1')).toBe('K7QM0111');
    expect(newEnrollmentCode()).not.toBe(code);
  });
});

describe('RateLimiter', () => {
  it('allows a burst, then refills at the sustained rate, per key', () => {
    let now = 0;
    const limiter = new RateLimiter({ perSecond: 2, burst: 3 }, () => now);
    expect([1, 2, 3, 4].map(() => limiter.take('a'))).toEqual([0, 0, 0, 1]);
    expect(limiter.take('b')).toBe(0);
    now += 500;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(1);
  });
});

describe('fileRefsOf', () => {
  it('finds the attachments of an operation (and attachment-like objects in its event), nothing in a plain one', () => {
    const device = new TestDevice('dev');
    const op = device.create('Photo');
    expect(fileRefsOf(op)).toEqual([]);
    const [one, two] = ['a'.repeat(64), 'b'.repeat(64)];
    expect(fileRefsOf({ ...op, attachments: [{ sha256: one, size: 10, name: 'x.jpg', type: 'image/jpeg' }] })).toEqual([{ sha256: one, size: 10 }]);
    const inEvent = { ...op, event: { ...op.event, files: [{ sha256: two, size: 3 }] } } as unknown as typeof op;
    expect(fileRefsOf(inEvent)).toEqual([{ sha256: two, size: 3 }]);
  });
});
