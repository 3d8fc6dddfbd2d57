// Text size limits: generous for field work, bounded so one paste cannot wedge the store or the sync.
export const LIMITS = {
  title: 200,
  description: 20_000,
  note: 20_000,
  shortText: 200,
  pathSegment: 120,
  pathDepth: 8,
  tags: 30,
} as const;

/**
 * What a person is told when text holds U+0000 or an unpaired UTF-16 surrogate (a half of an emoji, usually from a
 * paste out of a broken program or log). PostgreSQL text cannot hold U+0000, and no UTF-8 store (SQLite, PostgreSQL,
 * any export) can hold a lone surrogate; such text would be changed or refused somewhere after it left this device.
 */
export const UNSTORABLE_TEXT_MESSAGE =
  'This text holds a character Lantern cannot store (an invisible null character or half of an emoji, often from a paste); delete it or retype the text, then save again.';

// eslint-disable-next-line no-control-regex -- U+0000 is exactly what is searched for
const UNSTORABLE_CHAR = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when the text holds U+0000 or an unpaired surrogate (a whole surrogate pair, e.g. an emoji, is fine). */
export function hasUnstorableChar(text: string): boolean {
  return UNSTORABLE_CHAR.test(text);
}

/**
 * The path of the first string in `value` (objects and arrays, walked in key order) that holds such a character, or
 * null. `skip` leaves out a subtree by its path (e.g. the value a field had before a change: not the person's input).
 */
export function findUnstorableText(value: unknown, skip: (path: readonly PropertyKey[]) => boolean = () => false, path: PropertyKey[] = []): PropertyKey[] | null {
  if (skip(path)) return null;
  if (typeof value === 'string') return hasUnstorableChar(value) ? path : null;
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, item] of Array.isArray(value) ? value.entries() : Object.entries(value)) {
    const found = findUnstorableText(item, skip, [...path, key]);
    if (found) return found;
  }
  return null;
}
