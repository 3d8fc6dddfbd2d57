// The stored SLA policies and their assignment, live (undefined while loading).
import { useLiveQuery } from 'dexie-react-hooks';
import type { SlaPolicySet } from '../../../shared/domain';
import { useLanternDb } from '../../db';
import { readSlaPolicySet } from '../../db/sla-policies';

export function useSlaPolicySet(): SlaPolicySet | undefined {
  const db = useLanternDb();
  return useLiveQuery(() => readSlaPolicySet(db), [db]);
}
