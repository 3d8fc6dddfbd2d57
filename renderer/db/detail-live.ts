// The detail view's one live query: the incident and its whole timeline, read together so they arrive in one render.
import { useLiveQuery } from 'dexie-react-hooks';
import type { Incident, TimelineEvent } from '../../shared/domain';
import { useLanternDb } from './db-context';
import { getIncident, getTimeline } from './queries';

export interface IncidentDetailData {
  /** null when no incident has this id on this device. */
  incident: Incident | null;
  /** HLC order; one indexed range read (getAll on [incidentId+hlc]). */
  events: TimelineEvent[];
}

/**
 * Both reads are issued at once (no waterfall: the timeline does not wait for the incident to render first), and
 * the header, checklist and timeline all derive from this one result instead of each running its own query.
 */
export function useIncidentDetail(id: string): IncidentDetailData | undefined {
  const db = useLanternDb();
  return useLiveQuery(async () => {
    const [incident, events] = await Promise.all([getIncident(db, id), getTimeline(db, id)]);
    return { incident, events };
  }, [db, id]);
}
