// Deterministic UUIDv7-shaped ids: the same inputs give the same id on every device, so sync deduplicates.

/** 32-bit FNV-1a-style mix of the text with a seed (Math.imul keeps it in 32 bits). */
function hash32(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // Final avalanche (murmur3 fmix32) so similar inputs differ in every bit.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const hex = (value: number, digits: number) => value.toString(16).padStart(digits, '0');

/**
 * A UUIDv7 whose 48-bit timestamp is `timeMs` (e.g. the incident's creation) and whose 74 "random" bits
 * are a hash of `parts`. Valid for isUuidV7; identical for identical inputs.
 */
export function deterministicUuidV7(timeMs: number, parts: readonly string[]): string {
  const ms = Number.isFinite(timeMs) && timeMs > 0 ? Math.min(Math.floor(timeMs), 2 ** 48 - 1) : 0;
  // Lengths are part of the key so ("ab","c") and ("a","bc") differ.
  const key = parts.map((part) => `${part.length}:${part}`).join('\u0000');
  const h1 = hash32(key, 1);
  const h2 = hash32(key, 2);
  const h3 = hash32(key, 3);
  const timeHigh = Math.floor(ms / 2 ** 16);
  const timeLow = ms % 2 ** 16;
  const randA = h1 & 0x0fff;
  const variant = 0x8000 | (h1 >>> 16 & 0x3fff);
  return `${hex(timeHigh, 8)}-${hex(timeLow, 4)}-7${hex(randA, 3)}-${hex(variant, 4)}-${hex(h2 >>> 16, 4)}${hex(h3, 8)}`;
}
