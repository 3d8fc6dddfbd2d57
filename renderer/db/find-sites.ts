// A site filter covers the site and every place under it ("North Campus" finds "North Campus › Building B › Floor 2").
import { Dexie } from 'dexie';
import { PATH_SEPARATOR } from '../../shared/domain';
import type { LanternDb } from './database';

/** Distinct sites (and other names met on the way) read at most; past it, the filter walks the list instead. */
const MAX_SITE_READS = 500;

/** Whether `siteKey` (a formatted path) is `site` itself or a place under it. */
export function isWithinSite(siteKey: string, site: string): boolean {
  return siteKey === site || siteKey.startsWith(site + PATH_SEPARATOR);
}

/**
 * The distinct site keys incidents carry at or under `site`, in index order: a skip-scan over [siteKey+updatedAt]
 * from `site` on, one single-key read per distinct site. Places under a site sort right after it ("A" < "A › B" <
 * "A › C" < "A-East" < "A2": the separator starts with a space, below every printable character), so the scan stops at
 * the first key past them; a name continuing with a control character would sort between and is stepped over.
 * null when more than MAX_SITE_READS keys would have to be read: the caller then checks every row it walks instead
 * (never a list cut short without a word).
 */
export async function siteKeysUnder(db: LanternDb, site: string): Promise<string[] | null> {
  const keys: string[] = [];
  let from: [string, unknown] = [site, Dexie.minKey];
  let inclusive = true;
  for (let reads = 0; ; reads++) {
    if (reads >= MAX_SITE_READS) return null;
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
