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

/** The longest prefix of `ops` whose JSON fits in `maxBytes` (always at least one operation). */
export function fitBatch(ops: readonly Operation[], maxBytes: number): Operation[] {
  // UTF-8 takes at most 3 bytes per UTF-16 code unit, and the array's JSON is every operation's JSON plus one
  // separator each (less one): when three times that fits, the whole batch does, without sizing each operation.
  if ((JSON.stringify(ops).length + 1) * 3 <= maxBytes) return [...ops];
  const batch: Operation[] = [];
  let total = 0;
  for (const op of ops) {
    const size = utf8ByteLength(JSON.stringify(op)) + 1;
    if (batch.length > 0 && total + size > maxBytes) break;
    batch.push(op);
    total += size;
  }
  return batch;
}
