// The sites and categories incidents on this device actually carry (typed at capture or synced in), read by index skip-scan.
import { Dexie } from 'dexie';
import { useCallback, useEffect, useRef, useState } from 'react';
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

export interface UsedValues {
  /** undefined while the first read runs. */
  values: string[] | undefined;
  /** Reads again (the person is about to pick: their list is then current); one read at a time. */
  refresh: () => void;
}

/**
 * Read when the filters open and again when a list is about to be used, not live: every save and every synced page
 * changes updatedAt, which would rerun this scan (up to MAX_USED_VALUES reads) each time while the panel is open.
 */
export function useUsedValues(field: UsedValueField): UsedValues {
  const db = useLanternDb();
  const [values, setValues] = useState<string[] | undefined>(undefined);
  const reading = useRef(false);
  const mounted = useRef(true);
  const refresh = useCallback(() => {
    if (reading.current) return;
    reading.current = true;
    void readUsedValues(db, field)
      .then((read) => {
        if (mounted.current) setValues(read);
      })
      .catch(() => undefined)
      .finally(() => {
        reading.current = false;
      });
  }, [db, field]);
  useEffect(() => {
    mounted.current = true;
    refresh();
    return () => {
      mounted.current = false;
    };
  }, [refresh]);
  return { values, refresh };
}

/** Values in use that the reference list does not hold, sorted for people (case- and accent-insensitive). */
export function extraValues(reference: readonly string[], used: readonly string[] | undefined): string[] {
  if (!used) return [];
  const known = new Set(reference);
  return used.filter((value) => !known.has(value)).sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' }));
}
