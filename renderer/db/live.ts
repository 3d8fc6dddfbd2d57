// Live queries for React: components re-render when the rows they read change (undefined while loading).
import { useLiveQuery } from 'dexie-react-hooks';
import type { Author, Incident, TimelineEvent } from '../../shared/domain';
import { getCurrentUser } from './current-user';
import { countIncidents } from './find-count';
import { findIncidents, type FindQuery } from './find-query';
import { readReferenceLists, type ReferenceLists } from './reference';
import { listSavedViews, type SavedViewRow } from './saved-views';
import { useLanternDb } from './db-context';
import { listDrafts, type Draft } from './drafts';
import { countPendingOutbox, getIncident, getTimeline, listIncidentsPage, type IncidentPageQuery } from './queries';

export function useIncidentsPage(query: IncidentPageQuery = {}): Incident[] | undefined {
  const db = useLanternDb();
  const { status, limit, before } = query;
  const beforeUpdatedAt = before?.updatedAt;
  const beforeId = before?.id;
  return useLiveQuery(
    () =>
      listIncidentsPage(db, {
        ...(status !== undefined ? { status } : {}),
        ...(limit !== undefined ? { limit } : {}),
        ...(beforeUpdatedAt !== undefined && beforeId !== undefined ? { before: { updatedAt: beforeUpdatedAt, id: beforeId } } : {}),
      }),
    // Primitive deps: a new filter object with the same values must not restart the query.
    [db, status, limit, beforeUpdatedAt, beforeId],
  );
}

/** undefined while loading, null when no incident has this id on this device. */
export function useIncident(id: string): Incident | null | undefined {
  const db = useLanternDb();
  return useLiveQuery(() => getIncident(db, id), [db, id]);
}

export function useTimeline(incidentId: string): TimelineEvent[] | undefined {
  const db = useLanternDb();
  return useLiveQuery(() => getTimeline(db, incidentId), [db, incidentId]);
}

export function usePendingOutboxCount(): number | undefined {
  const db = useLanternDb();
  return useLiveQuery(() => countPendingOutbox(db), [db]);
}

export function useDrafts(): Draft[] | undefined {
  const db = useLanternDb();
  return useLiveQuery(() => listDrafts(db), [db]);
}

/** The first `limit` incidents matching the query; re-runs when incidents (or the query) change. */
export function useFindIncidents(query: FindQuery, limit: number): Incident[] | undefined {
  const db = useLanternDb();
  // A JSON key: a new query object with the same content must not restart the live query.
  const key = JSON.stringify(query);
  return useLiveQuery(() => findIncidents(db, JSON.parse(key) as FindQuery, limit), [db, key, limit]);
}

/** How many incidents match (undefined while loading or when no index can count this filter combination). */
export function useIncidentCount(query: FindQuery): number | undefined {
  const db = useLanternDb();
  const key = JSON.stringify({ ...query, sort: undefined, nowMs: undefined });
  return useLiveQuery(() => countIncidents(db, JSON.parse(key) as FindQuery), [db, key]);
}

/**
 * Whether this device holds any incident (undefined while loading). One key read: it tells "nothing matches" from
 * "nothing here" without counting the whole table again after every write, as a count would on a large device.
 */
export function useAnyIncidentOnDevice(): boolean | undefined {
  const db = useLanternDb();
  return useLiveQuery(async () => (await db.incidents.limit(1).primaryKeys()).length > 0, [db]);
}

export function useReferenceLists(): ReferenceLists | undefined {
  const db = useLanternDb();
  return useLiveQuery(() => readReferenceLists(db), [db]);
}

export function useSavedViews(): SavedViewRow[] | undefined {
  const db = useLanternDb();
  return useLiveQuery(() => listSavedViews(db), [db]);
}

export function useCurrentUser(): Author | undefined {
  const db = useLanternDb();
  return useLiveQuery(() => getCurrentUser(db), [db]);
}
