// React hooks over the host's sync: live status, the stored connection, and the local sync tables.
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState } from 'react';
import { INITIAL_SYNC_STATUS, type SyncStatus } from '../../../shared/sync/engine';
import { useServices } from '../../app/services';
import type { SyncConnection } from '../../host/host';
import { readIncidentSyncState, readLocalOnlySummary, readOpenConflicts, readRefusedChanges, type ConflictView, type IncidentSyncState, type LocalOnlySummary, type RefusedChangeView } from '../../db/sync-state';

export function useSyncStatus(): SyncStatus {
  const { host } = useServices();
  const [status, setStatus] = useState<SyncStatus>(INITIAL_SYNC_STATUS);
  useEffect(() => {
    let alive = true;
    const unsubscribe = host.sync.onStatus((next) => alive && setStatus(next));
    void host.sync.getStatus().then((first) => alive && setStatus(first), () => undefined);
    return () => {
      alive = false;
      unsubscribe();
    };
  }, [host]);
  return status;
}

/** undefined while loading; `reload` after connect/disconnect. */
export function useSyncConnection(): { connection: SyncConnection | null | undefined; reload: () => void } {
  const { host } = useServices();
  const [connection, setConnection] = useState<SyncConnection | null | undefined>(undefined);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let alive = true;
    void host.sync.getConnection().then((value) => alive && setConnection(value), () => alive && setConnection(null));
    return () => {
      alive = false;
    };
  }, [host, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { connection, reload };
}

export function useIncidentSyncState(incidentId: string): IncidentSyncState | undefined {
  const { db } = useServices();
  return useLiveQuery(() => readIncidentSyncState(db, incidentId), [db, incidentId]);
}

export function useLocalOnlySummary(): LocalOnlySummary | undefined {
  const { db } = useServices();
  return useLiveQuery(() => readLocalOnlySummary(db), [db]);
}

export function useOpenConflicts(): ConflictView[] | undefined {
  const { db } = useServices();
  return useLiveQuery(() => readOpenConflicts(db), [db]);
}

export function useRefusedChanges(): RefusedChangeView[] | undefined {
  const { db } = useServices();
  return useLiveQuery(() => readRefusedChanges(db), [db]);
}
