// Watches this device's drill mode (undefined while it is read).
import { useLiveQuery } from 'dexie-react-hooks';
import { useLanternDb } from '../../db';
import { readDrillMode } from '../../db/drill-mode';
import type { DrillMode } from '../../db/meta';

export function useDrillMode(): DrillMode | undefined {
  const db = useLanternDb();
  return useLiveQuery(() => readDrillMode(db), [db]);
}
