// Reads of the full-text index (*searchKeys): which indexed words start with a prefix, and how many incidents hold a word.
import type { LanternDb } from './database';
import { afterWordKey, searchKey, wordOfSearchKey } from './search-words';

/** The distinct indexed words starting with `prefix`, one index step each; undefined when there are more than `max`. */
export async function indexedWordsStartingWith(db: LanternDb, prefix: string, max: number): Promise<string[] | undefined> {
  const found: string[] = [];
  let from = prefix;
  for (;;) {
    // A live query observes each read range, so a new word with this prefix refreshes it like any other change.
    const [key] = await db.incidents.where('searchKeys').between(from, `${prefix}\uffff`, true, false).limit(1).keys();
    if (key === undefined) return found;
    const word = wordOfSearchKey(String(key));
    if (found.length >= max) return undefined;
    found.push(word);
    from = afterWordKey(word);
  }
}

/** How many incidents hold `word` (each holds a word once, so its entries count its incidents; keys only). */
export function countWordHolders(db: LanternDb, word: string): Promise<number> {
  return db.incidents.where('searchKeys').between(searchKey(word, ''), afterWordKey(word), true, false).count();
}
