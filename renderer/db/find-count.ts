// The number of incidents a find query matches, when an index can count it without reading rows (for an honest scrollbar).
import { Dexie } from 'dexie';
import { getCurrentUser } from './current-user';
import { bareIncidentNumber, incidentNumberPrefix, rowsNumbered } from './find-number';
import { siteKeysUnder } from './find-sites';
import type { LanternDb } from './database';
import type { FindQuery } from './find-query';
import { countWordHolders, indexedWordsStartingWith } from './search-index';
import { queryWords } from './search-words';

/** The query's keys that filter: set, and neither the sort nor the clock. */
function filterKeys(query: FindQuery): (keyof FindQuery)[] {
  return (Object.keys(query) as (keyof FindQuery)[]).filter((key) => key !== 'sort' && key !== 'nowMs' && query[key] !== undefined && query[key] !== false);
}

/** Filters an equality index counts alone: the index field and the values it sums over. */
function countedFilter(query: FindQuery, me: string | undefined): { field: string; values: (string | number)[] } | null | undefined {
  const keys = filterKeys(query);
  if (keys.length === 0) return null;
  if (keys.length > 1) return undefined;
  const [key] = keys;
  if (key === 'mine' && me !== undefined) return { field: 'assigneeKey', values: [me] };
  if (key === 'assignee' && query.assignee !== undefined) return { field: 'assigneeKey', values: [query.assignee] };
  if (key === 'team' && query.team !== undefined) return { field: 'teamKey', values: [query.team] };
  if (key === 'site' && query.site !== undefined) return { field: 'siteKey', values: [query.site] };
  if (key === 'category' && query.category !== undefined) return { field: 'categoryKey', values: [query.category] };
  if (key === 'major') return { field: 'majorFlag', values: [1] };
  if (key === 'statuses' && query.statuses) return { field: 'status', values: [...new Set(query.statuses)] };
  if (key === 'priorities' && query.priorities) return { field: 'priority', values: [...new Set(query.priorities)] };
  return undefined;
}

/**
 * The exact match count when no filter, one equality filter (counted on its [field+updatedAt] index, keys only) or
 * only the recorded date range is set; undefined for other combinations, whose count would cost a walk of every
 * candidate row — the list then grows its length as pages arrive instead.
 */
export async function countIncidents(db: LanternDb, rawQuery: FindQuery): Promise<number | undefined> {
  // Text without a searchable word (one letter, punctuation) does not filter (as in find-query.ts).
  // A number lookup ("K7QM-0042" or "42", find-number.ts) lists its few rows without a count.
  if (incidentNumberPrefix(rawQuery.text ?? '') !== null) return undefined;
  if (bareIncidentNumber(rawQuery.text ?? '') !== null && (await rowsNumbered(db, rawQuery.text ?? '')) !== undefined) return undefined;
  const words = queryWords(rawQuery.text ?? '');
  const { text: _text, ...rest } = rawQuery;
  const query: FindQuery = words.length > 0 ? rawQuery : rest;
  if (words.length > 0) return countSearch(db, query, words);
  const me = query.mine ? (await getCurrentUser(db)).name : undefined;
  const rangeOnly = (Object.keys(query) as (keyof FindQuery)[]).every((key) => ['sort', 'nowMs', 'recordedFrom', 'recordedTo'].includes(key) || query[key] === undefined);
  if (rangeOnly && (query.recordedFrom !== undefined || query.recordedTo !== undefined)) {
    return db.incidents.where('createdAt').between(query.recordedFrom ?? Dexie.minKey, query.recordedTo ?? Dexie.maxKey, true, false).count();
  }
  const counted = countedFilter(query, me);
  if (counted === null) return db.incidents.count();
  if (counted === undefined) return undefined;
  // A site counts with every place under it (find-sites.ts): one range per site key, each incident in exactly one.
  if (counted.field === 'siteKey' && query.site !== undefined) {
    const sites = await siteKeysUnder(db, query.site);
    // More places than the skip-scan reads: the list grows its length as pages arrive instead.
    if (sites === null) return undefined;
    counted.values = sites;
  }
  const counts = await Promise.all(
    counted.values.map((value) => db.incidents.where(`[${counted.field}+updatedAt]`).between([value, Dexie.minKey], [value, Dexie.maxKey], true, true).count()),
  );
  return counts.reduce((sum, n) => sum + n, 0);
}

/**
 * A search alone, of one word that prefixes exactly one indexed word, is counted on that word's index range; other
 * searches (several words, or a prefix of several indexed words, where one incident may hold two) are not counted.
 */
async function countSearch(db: LanternDb, query: FindQuery, words: readonly string[]): Promise<number | undefined> {
  if (filterKeys(query).some((key) => key !== 'text') || words.length !== 1) return undefined;
  const indexed = await indexedWordsStartingWith(db, words[0]!, 1);
  if (!indexed) return undefined;
  return indexed.length === 0 ? 0 : countWordHolders(db, indexed[0]!);
}
