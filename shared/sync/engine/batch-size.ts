// Push batches bounded by count and by bytes, so a batch of long descriptions never exceeds HQ's body limit.
import type { Operation } from '../operation';

/** UTF-8 length of a string without TextEncoder (not available to shared code). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i += 1;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** A batch ready to send: the operations and their JSON array, serialized once (sizing needs it anyway). */
export interface PackedBatch {
  readonly ops: Operation[];
  /** Exactly JSON.stringify(ops). */
  readonly json: string;
}

/** The longest prefix of `ops` whose JSON fits in `maxBytes` (always at least one operation), with that JSON. */
export function packBatch(ops: readonly Operation[], maxBytes: number): PackedBatch {
  // UTF-8 takes at most 3 bytes per UTF-16 code unit: when three times the array's JSON length fits, the whole
  // batch does, without sizing each operation.
  const whole = JSON.stringify(ops);
  if ((whole.length + 1) * 3 <= maxBytes) return { ops: [...ops], json: whole };
  const batch: Operation[] = [];
  const parts: string[] = [];
  // Each operation counts its JSON plus one byte (its separator or a bracket); maxBytes leaves room for the envelope.
  let total = 0;
  for (const op of ops) {
    const json = JSON.stringify(op);
    const size = utf8ByteLength(json) + 1;
    if (batch.length > 0 && total + size > maxBytes) break;
    batch.push(op);
    parts.push(json);
    total += size;
  }
  return { ops: batch, json: `[${parts.join(',')}]` };
}
