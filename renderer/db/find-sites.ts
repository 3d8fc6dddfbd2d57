// A site filter covers the site and every place under it ("North Campus" finds "North Campus › Building B › Floor 2").
import { Dexie } from 'dexie';
import { PATH_SEPARATOR } from '../../shared/domain';
import type { LanternDb } from './database';

/** Distinct sites read at most under one filter (a campus with more places than this is cut, never scanned whole). */
const MAX_SITES_UNDER = 500;

/** Whether `siteKey` (a formatted path) is `site` itself or a place under it. */
export function isWithinSite(siteKey: string, site: string): boolean {
  return siteKey === site || siteKey.startsWith(site + PATH_SEPARATOR);
}

/**
 * The distinct site keys incidents carry at or under `site`, in index order: a skip-scan over [siteKey+updatedAt]
 * from `site` on, one single-key read per distinct site. Places under a site sort right after it ("A" < "A › B" <
 * "A › C" < "A-East" < "A2": the separator starts with a space, below every printable character), so the scan stops at
 * the first key past them; a name continuing with a control character would sort between and is stepped over.
 */
export async function siteKeysUnder(db: LanternDb, site: string): Promise<string[]> {
  const keys: string[] = [];
  let from: [string, unknown] = [site, Dexie.minKey];
  let inclusive = true;
  for (let reads = 0; reads < MAX_SITES_UNDER * 2 && keys.length < MAX_SITES_UNDER; reads++) {
    const range = db.incidents.where('[siteKey+updatedAt]');
    const [key] = await (inclusive ? range.aboveOrEqual(from) : range.above(from)).limit(1).keys();
    const found: unknown = Array.isArray(key) ? key[0] : undefined;
    if (typeof found !== 'string') break;
    if (isWithinSite(found, site)) keys.push(found);
    else if (found > site + PATH_SEPARATOR) break; // past every place under the site
    from = [found, Dexie.maxKey];
    inclusive = false;
  }
  return keys;
}
