// Random secrets HQ hands out (device and admin tokens, enrollment codes, epochs) and how it stores them: SHA-256 only.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, base64url (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Constant-time comparison of two hex digests. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

// Crockford base32 without I, L, O, U: easy to read out over a radio and to type.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 16;

/** "K7QM-2X9P-HT4C-M8WB": 80 random bits in four groups. */
export function newEnrollmentCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[bytes[i]! & 31];
  return code.match(/.{4}/g)!.join('-');
}

/** What a person typed → the canonical code: case, spaces and dashes ignored; I/L read as 1, O as 0. */
export function normalizeEnrollmentCode(typed: string): string {
  return typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
}

export function hashEnrollmentCode(typed: string): string {
  return hashSecret(`enroll:${normalizeEnrollmentCode(typed)}`);
}

/** A short random id for an epoch or an HQ instance. */
export function newShortId(): string {
  return randomBytes(9).toString('base64url');
}
