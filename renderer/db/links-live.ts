// Live link list for the detail view: re-renders when either incident's `linked` entries change; and other incidents' numbers.
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { useLanternDb } from './db-context';
import { readIncidentNumbers, readLinkViews, type LinkView } from './links';

export function useLinks(incidentId: string): LinkView[] | undefined {
  const db = useLanternDb();
  return useLiveQuery(() => readLinkViews(db, incidentId), [db, incidentId]);
}

/**
 * The numbers of the incidents `ids` on this device (absent: not here), kept current when one is renumbered or
 * arrives with a sync; undefined until first read. Ids are UUIDs and numbers have no spaces or "=", so joined
 * strings stand for both lists: the map stays the same object until a number changes (another edit of those
 * incidents re-runs the query), so a memoized timeline entry is not drawn again for nothing.
 */
export function useIncidentNumbers(ids: readonly string[]): ReadonlyMap<string, string> | undefined {
  const db = useLanternDb();
  const key = ids.join(' ');
  const read = useLiveQuery(() => readIncidentNumbers(db, key === '' ? [] : key.split(' ')), [db, key]);
  const pairs = read === undefined ? null : [...read].map(([id, number]) => `${id}=${number}`).join(' ');
  return useMemo(() => (pairs === null ? undefined : new Map(pairs === '' ? [] : pairs.split(' ').map((pair) => pair.split('=') as [string, string]))), [pairs]);
}
