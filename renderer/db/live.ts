// Live queries for React: components re-render when the rows they read change (undefined while loading).
import { useLiveQuery } from 'dexie-react-hooks';
import type { Incident, TimelineEvent } from '../../shared/domain';
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
