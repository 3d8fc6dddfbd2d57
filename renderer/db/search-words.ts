// Word sets for full-text search: lower-cased, accent-folded words, indexed per incident as `word + separator + update time`.

/** Words shorter than this are too common to narrow a search; longer ones are cut (prefix search still finds them). */
export const MIN_WORD_LENGTH = 2;
export const MAX_WORD_LENGTH = 32;
/** Bounds the index entries one incident can take, whatever is pasted into its notes. */
export const MAX_WORDS_PER_INCIDENT = 3000;

/** The distinct search words in a text, in first-seen order. */
export function wordsOf(text: string, into: Set<string> = new Set()): Set<string> {
  if (typeof text !== 'string' || text === '') return into;
  if (!NOT_ASCII.test(text)) return asciiWordsOf(text, into);
  const folded = text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  for (const match of folded.matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = match[0];
    if (word.length < MIN_WORD_LENGTH) continue;
    if (into.size >= MAX_WORDS_PER_INCIDENT) break;
    into.add(word.slice(0, MAX_WORD_LENGTH));
  }
  return into;
}

/** Any UTF-16 code unit above ASCII (surrogate halves included). */
const NOT_ASCII = /[\u0080-\uffff]/;

/**
 * wordsOf for ASCII text, with the same result: ASCII is unchanged by NFKD, holds no combining marks, lower-cases to
 * ASCII, and its letters and digits are exactly a–z, A–Z and 0–9. A scan by character codes instead of the Unicode
 * regular expressions: every pulled operation and every save goes through here, and most text is plain ASCII.
 */
function asciiWordsOf(text: string, into: Set<string>): Set<string> {
  const lower = text.toLowerCase();
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const code = i < lower.length ? lower.charCodeAt(i) : 0;
    const inWord = (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
    if (inWord) {
      if (start < 0) start = i;
      continue;
    }
    if (start < 0) continue;
    const length = i - start;
    if (length >= MIN_WORD_LENGTH) {
      if (into.size >= MAX_WORDS_PER_INCIDENT) break;
      into.add(lower.slice(start, start + Math.min(length, MAX_WORD_LENGTH)));
    }
    start = -1;
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

/**
 * An index entry is the word, this separator, then the incident's update time: entries of one word sort newest-last,
 * so "the newest incidents with this word" is one index range read backwards (the list's default order), and a page
 * continues from a time like the other list walks. Words hold only letters and digits, so the separator (below
 * every letter and digit) keeps "gen…" entries of longer words after all entries of "gen".
 */
export const SEARCH_KEY_SEPARATOR = '\u0001';
/** The first key after every entry of a word (its entries are `word + SEPARATOR + time`). */
const AFTER_WORD = '\u0002';
/** Milliseconds since 1970 in base 36, fixed width so keys sort by time (9 digits last until the year 5138). */
const TIME_WIDTH = 9;

/** The time part of a key: an ISO instant as fixed-width base-36 milliseconds ('' when it is not a valid instant). */
export function searchKeyTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  return Math.max(0, ms).toString(36).padStart(TIME_WIDTH, '0');
}

/** The index entry of `word` at an encoded `time` (searchKeyTime); with '' the lowest key of the word's entries. */
export function searchKey(word: string, time: string): string {
  return `${word}${SEARCH_KEY_SEPARATOR}${time}`;
}

/** The index entries of an incident updated at `updatedAt` holding `words`. */
export function searchKeysOf(words: readonly string[], updatedAt: string): string[] {
  const time = searchKeyTime(updatedAt);
  return words.map((word) => searchKey(word, time));
}

/** The word of an index entry. */
export function wordOfSearchKey(key: string): string {
  const cut = key.indexOf(SEARCH_KEY_SEPARATOR);
  return cut < 0 ? key : key.slice(0, cut);
}

/** The lowest key past every entry of `word`: a key cursor continued there skips to the next word. */
export function afterWordKey(word: string): string {
  return `${word}${AFTER_WORD}`;
}

/** Whether some entry's word starts with `prefix` (a query word: letters and digits only, so never the separator). */
export function keysHavePrefix(keys: readonly string[] | undefined, prefix: string): boolean {
  return (keys ?? []).some((key) => key.startsWith(prefix));
}

/** The words of a row's index entries (for checks and tools; search itself reads the index). */
export function wordsOfSearchKeys(keys: readonly string[]): string[] {
  return keys.map(wordOfSearchKey);
}
