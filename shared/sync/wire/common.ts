// Small zod building blocks of the wire format: device ids, names, SHA-256 digests, integer query parameters.
import { z } from 'zod';
import { isValidHlcNode } from '../../domain';

const SHA256_HEX = /^[0-9a-f]{64}$/;

// eslint-disable-next-line no-control-regex -- U+0000 is exactly what PostgreSQL cannot store
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * False for text neither store can keep as given: U+0000 (PostgreSQL refuses it) or an unpaired UTF-16 surrogate
 * (both stores write U+FFFD instead, so an id would come back as another id).
 */
export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** A device id: also the HLC node id, so it must be a valid node (1–100 chars, one printable line). */
export const deviceIdSchema = z
  .string()
  .refine(isValidHlcNode, 'Expected a device id of 1–100 characters on one line')
  .refine(isStorableText, 'This device id holds a broken character (an unpaired UTF-16 surrogate) HQ cannot store; use an id of ordinary characters');

/** A name a person typed ("Laptop 7"): trimmed, 1–`max` characters, nothing the stores cannot keep. */
export function storableNameSchema(max: number) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine(isStorableText, 'The name holds a character HQ cannot store (U+0000, or a broken character: an unpaired UTF-16 surrogate); remove it and try again');
}
export const sha256Schema = z.string().regex(SHA256_HEX, 'Expected a lower-case SHA-256 hex digest');
/** The server clock in ms since 1970, sent with answers so a device can measure its own clock skew. */
export const serverTimeSchema = z.number().int().min(0);

/** A whole number in a query string ("42"), bounded. */
export function queryInt(min: number, max: number) {
  return z
    .string()
    .regex(/^\d{1,15}$/, 'Expected a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
}
