// Word sets for full-text search: lower-cased, accent-folded words kept in a multi-entry index on incidents.

/** Words shorter than this are too common to narrow a search; longer ones are cut (prefix search still finds them). */
export const MIN_WORD_LENGTH = 2;
export const MAX_WORD_LENGTH = 32;
/** Bounds the index entries one incident can take, whatever is pasted into its notes. */
export const MAX_WORDS_PER_INCIDENT = 3000;

/** The distinct search words in a text, in first-seen order. */
export function wordsOf(text: string, into: Set<string> = new Set()): Set<string> {
  if (typeof text !== 'string' || text === '') return into;
  const folded = text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  for (const match of folded.matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = match[0];
    if (word.length < MIN_WORD_LENGTH) continue;
    if (into.size >= MAX_WORDS_PER_INCIDENT) break;
    into.add(word.slice(0, MAX_WORD_LENGTH));
  }
  return into;
}

/** The words a person typed into the search box; each must prefix-match a word of the incident. */
export function queryWords(text: string): string[] {
  return [...wordsOf(text)];
}

/** Merges word lists, keeping at most MAX_WORDS_PER_INCIDENT. */
export function mergeWords(...lists: readonly (Iterable<string> | undefined)[]): string[] {
  const out = new Set<string>();
  for (const list of lists) {
    if (!list) continue;
    for (const word of list) {
      if (out.size >= MAX_WORDS_PER_INCIDENT) return [...out];
      out.add(word);
    }
  }
  return [...out];
}
