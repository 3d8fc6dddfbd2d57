// Small zod building blocks of the wire format: device ids, SHA-256 digests, integer query parameters.
import { z } from 'zod';
import { isValidHlcNode } from '../../domain';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A device id: also the HLC node id, so it must be a valid node (1–100 chars, one printable line). */
export const deviceIdSchema = z.string().refine(isValidHlcNode, 'Expected a device id of 1–100 characters on one line');
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
