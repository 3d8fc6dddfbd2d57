// Live query for the files of one incident (undefined while loading); files only HQ holds come without bytes.
import { useLiveQuery } from 'dexie-react-hooks';
import { listAttachments } from './attachments';
import { useLanternDb } from './db-context';
import type { StoredAttachment } from './attachments-stored';

export function useAttachments(incidentId: string): StoredAttachment[] | undefined {
  const db = useLanternDb();
  return useLiveQuery(() => listAttachments(db, incidentId), [db, incidentId]);
}
