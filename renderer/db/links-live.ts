// Live link list for the detail view: re-renders when either incident's `linked` entries change.
import { useLiveQuery } from 'dexie-react-hooks';
import { useLanternDb } from './db-context';
import { readLinkViews, type LinkView } from './links';

export function useLinks(incidentId: string): LinkView[] | undefined {
  const db = useLanternDb();
  return useLiveQuery(() => readLinkViews(db, incidentId), [db, incidentId]);
}
