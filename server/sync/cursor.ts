// The pull cursor: opaque to devices, base64url JSON of HQ's epoch, the last serverSeq handed out and an HMAC over both.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

const cursorSchema = z.strictObject({
  e: z.string().min(1).max(64),
  s: z.number().int().min(0),
  /** HMAC-SHA256 (first 16 bytes, base64url) keyed by HQ's cursor key; absent in cursors of an HQ before signing. */
  m: z.string().regex(/^[A-Za-z0-9_-]{22}$/).optional(),
});

export interface CursorPosition {
  readonly epoch: string;
  readonly seq: number;
}

/**
 * 'valid': HQ made it (a restore from backup keeps the key, so a genuine cursor past HQ's last seq proves lost history);
 * 'invalid': the signature does not match (forged, altered, or made by another HQ database);
 * 'none': made by an HQ before cursors were signed.
 */
export type CursorSignature = 'valid' | 'invalid' | 'none';

export interface DecodedCursor extends CursorPosition {
  readonly signature: CursorSignature;
}

export function encodeCursor(position: CursorPosition, key: string): string {
  return Buffer.from(JSON.stringify({ e: position.epoch, s: position.seq, m: mac(position, key) }), 'utf8').toString('base64url');
}

/** null when the text is not a cursor at all; otherwise its position and whether HQ's key signed it. */
export function decodeCursor(text: string, key: string): DecodedCursor | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) return null;
  let parsed;
  try {
    parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
  } catch {
    return null;
  }
  if (!parsed.success) return null;
  const position = { epoch: parsed.data.e, seq: parsed.data.s };
  if (parsed.data.m === undefined) return { ...position, signature: 'none' };
  const expected = Buffer.from(mac(position, key), 'utf8');
  const given = Buffer.from(parsed.data.m, 'utf8');
  return { ...position, signature: timingSafeEqual(expected, given) ? 'valid' : 'invalid' };
}

function mac(position: CursorPosition, key: string): string {
  return createHmac('sha256', key).update(`lantern-pull-cursor\n${position.epoch}\n${position.seq}`).digest().subarray(0, 16).toString('base64url');
}
