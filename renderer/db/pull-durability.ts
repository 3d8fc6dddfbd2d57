// Pulled pages are committed with relaxed durability: HQ still holds them, so a power cut can only cost pulling them again.
import { Dexie, type DBCore, type Middleware } from 'dexie';

/**
 * The database is opened with 'strict' durability (database.ts): a save must survive a power cut right after the
 * person saw "saved". A pulled page needs no flush of its own: its cursor is in the same transaction, so a page
 * lost to a power cut is lost with its cursor and the next sync pulls it again, and any later strict write (a save)
 * flushes it along (the store's log is written in commit order). Measured on a fresh device's first pull (on disk,
 * Chromium), the flush per page was about a fifth of the time.
 *
 * Dexie sets durability per database only; this middleware relaxes the one transaction opened inside
 * `withRelaxedDurability`, recognised by a mark in the Dexie zone the transaction is created in, and only when it is
 * a readwrite transaction over exactly the stores the caller names. If a Dexie version stops exposing its zones,
 * the mark is never seen and the page is simply flushed (strict), as before.
 */
const MARK = 'lanternRelaxedStores';

interface DexieZones {
  PSD?: Record<string, unknown>;
  newPSD?: <T>(fn: () => T, props: Record<string, unknown>) => T;
}

const zones = Dexie.Promise as unknown as DexieZones;

function markedStores(): readonly string[] | undefined {
  const stores = zones.PSD?.[MARK];
  return Array.isArray(stores) ? (stores as string[]) : undefined;
}

function sameStores(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}

/** Register before the database opens (Dexie builds its middleware stack on open). */
export const relaxedPullDurability: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'lanternRelaxedPullDurability',
  create: (down) => ({
    ...down,
    transaction(stores, mode, options) {
      const marked = mode === 'readwrite' ? markedStores() : undefined;
      const relaxed = marked !== undefined && sameStores(marked, stores);
      return down.transaction(stores, mode, relaxed ? { ...options, durability: 'relaxed' } : options);
    },
  }),
};

/** Runs `open` (which must open one readwrite transaction over `stores`) so that transaction commits relaxed. */
export function withRelaxedDurability<T>(stores: readonly string[], open: () => Promise<T>): Promise<T> {
  return typeof zones.newPSD === 'function' ? zones.newPSD(open, { [MARK]: [...stores] }) : open();
}
