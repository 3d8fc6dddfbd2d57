// Live possible-duplicate suggestions for the capture form.
import { useLiveQuery } from 'dexie-react-hooks';
import type { Incident } from '../../shared/domain';
import { useLanternDb } from './db-context';
import { findPossibleDuplicates, type DuplicateQuery } from './duplicates';

export function usePossibleDuplicates(query: DuplicateQuery): Incident[] | undefined {
  const db = useLanternDb();
  const { siteKey, categoryKey, occurredMs, windowMs, limit } = query;
  return useLiveQuery(
    () => findPossibleDuplicates(db, { siteKey, categoryKey, occurredMs, ...(windowMs !== undefined ? { windowMs } : {}), ...(limit !== undefined ? { limit } : {}) }),
    [db, siteKey, categoryKey, occurredMs, windowMs, limit],
  );
}
