// The sites and categories incidents on this device actually carry (typed at capture or synced in), read by index skip-scan.
import { Dexie } from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { useLanternDb, type LanternDb } from '../../../db';

/** Index fields whose distinct values can be listed: each leads a `[<field>+updatedAt]` compound index. */
export type UsedValueField = 'siteKey' | 'categoryKey';

/** Distinct values read at most; past it, the list is cut (a filter list of thousands helps nobody). */
export const MAX_USED_VALUES = 500;

/**
 * Distinct non-empty values of `field`, in index (code point) order. A skip-scan over `[field+updatedAt]`: one
 * single-key read per distinct value, jumping past all rows of the previous value, so 50,000 incidents at
 * 40 sites cost 41 tiny reads, never a walk over every incident.
 */
export async function readUsedValues(db: LanternDb, field: UsedValueField, max: number = MAX_USED_VALUES): Promise<string[]> {
  const index = `[${field}+updatedAt]`;
  const values: string[] = [];
  // '' (no site / no category) sorts first; starting after ['', maxKey] skips it.
  let after = '';
  while (values.length < max) {
    const [key] = await db.incidents.where(index).above([after, Dexie.maxKey]).limit(1).keys();
    if (!Array.isArray(key) || typeof key[0] !== 'string') break;
    after = key[0];
    values.push(after);
  }
  return values;
}

/** Live: refreshes when a save or a sync adds an incident at a new site. undefined while the first read runs. */
export function useUsedValues(field: UsedValueField): string[] | undefined {
  const db = useLanternDb();
  return useLiveQuery(() => readUsedValues(db, field), [db, field]);
}

/** Values in use that the reference list does not hold, sorted for people (case- and accent-insensitive). */
export function extraValues(reference: readonly string[], used: readonly string[] | undefined): string[] {
  if (!used) return [];
  const known = new Set(reference);
  return used.filter((value) => !known.has(value)).sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' }));
}
