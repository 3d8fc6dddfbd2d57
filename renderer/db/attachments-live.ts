// Live query for the files of one incident (undefined while loading).
import { useLiveQuery } from 'dexie-react-hooks';
import { listAttachments } from './attachments';
import { useLanternDb } from './db-context';
import type { AttachmentRow } from './rows';

export function useAttachments(incidentId: string): AttachmentRow[] | undefined {
  const db = useLanternDb();
  return useLiveQuery(() => listAttachments(db, incidentId), [db, incidentId]);
}
