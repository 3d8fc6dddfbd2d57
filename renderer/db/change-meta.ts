// The meta a change needs (device, counters, HLC, author): read in its transaction, and remembered after a commit as a guess for the next.
import type { LanternDb } from './database';
import type { MetaValues } from './meta';

// slaPolicyVersion: the row's SLA key is computed with the cached policy set of that version (sla-policy-cache.ts).
// clockCheck: whether the event's recorded time is vouched for by a recent comparison with HQ (clock-mark.ts).
export const CHANGE_META_KEYS = ['device', 'counters', 'hlc', 'currentUser', 'slaPolicyVersion', 'clockCheck'] as const;

export type ChangeMeta = Partial<Pick<MetaValues, (typeof CHANGE_META_KEYS)[number]>>;

/** One request for everything the change needs from meta: each awaited request costs a round trip. */
export async function readChangeMeta(db: LanternDb): Promise<ChangeMeta> {
  const rows = await db.meta.bulkGet([...CHANGE_META_KEYS]);
  const values: Partial<Record<string, unknown>> = {};
  for (const row of rows) if (row) values[row.key] = row.value;
  // The key discriminates the row type: a row stored under a key was written by writeMeta with that key's value type.
  return values as ChangeMeta;
}

/**
 * What this handle last committed to meta. Only a guess: another tab or the sync may have written since, so
 * a change that starts from it re-reads meta inside its transaction and rolls back unless the guess held.
 * Keyed by handle so tests with many databases never mix them up.
 */
const lastCommitted = new WeakMap<LanternDb, ChangeMeta>();

export function guessChangeMeta(db: LanternDb): ChangeMeta | undefined {
  return lastCommitted.get(db);
}

export function rememberChangeMeta(db: LanternDb, meta: ChangeMeta | undefined): void {
  if (meta) lastCommitted.set(db, meta);
  else lastCommitted.delete(db);
}

/** True when meta as read in the transaction is exactly the guess (values are small JSON records). */
export function sameChangeMeta(read: ChangeMeta, guess: ChangeMeta): boolean {
  return CHANGE_META_KEYS.every((key) => JSON.stringify(read[key]) === JSON.stringify(guess[key]));
}
