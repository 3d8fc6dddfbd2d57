// The person at the keyboard, read live from the local database so every screen updates on a switch.
import { useLiveQuery } from 'dexie-react-hooks';
import type { Author } from '../../../shared/domain';
import { getCurrentUser, useLanternDb } from '../../db';

export function useCurrentUser(): Author | undefined {
  const db = useLanternDb();
  return useLiveQuery(() => getCurrentUser(db), [db]);
}
