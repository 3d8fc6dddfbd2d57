// The person at the keyboard (and who worked here before), read live from the local database so every screen updates on a switch.
import { useLiveQuery } from 'dexie-react-hooks';
import type { Author } from '../../../shared/domain';
import { getCurrentUser, useLanternDb } from '../../db';
import { getRecentUsers } from '../../db/current-user';

export function useCurrentUser(): Author | undefined {
  const db = useLanternDb();
  return useLiveQuery(() => getCurrentUser(db), [db]);
}

/** People who worked on this computer, most recent first (the quick switch's list). */
export function useRecentUsers(): Author[] | undefined {
  const db = useLanternDb();
  return useLiveQuery(() => getRecentUsers(db), [db]);
}
