// Live query for the files of one incident under its own names (undefined while loading); files only HQ holds come without bytes.
import { useLiveQuery } from 'dexie-react-hooks';
import { listAttachments } from './attachments';
import type { IncidentFile } from './attachments-names';
import { useLanternDb } from './db-context';

export function useAttachments(incidentId: string): IncidentFile[] | undefined {
  const db = useLanternDb();
  return useLiveQuery(() => listAttachments(db, incidentId), [db, incidentId]);
}
