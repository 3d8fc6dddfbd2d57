// React hooks over the host's sync: live status, the stored connection, and the local sync tables.
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState } from 'react';
import { INITIAL_SYNC_STATUS, type SyncStatus } from '../../../shared/sync/engine';
import { useServices } from '../../app/services';
import type { SyncConnection } from '../../host/host';
import { readIncidentSyncState, readLocalOnlySummary, readOpenConflicts, readRefusedChanges, type ConflictView, type IncidentSyncBadgeState, type LocalOnlySummary, type RefusedChangeView } from '../../db/sync-state';
import { readWaitingToSend, type WaitingToSend } from './waiting-to-send';

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

/**
 * A live query over one of the sync-state readers. The querier is an async function on purpose: the readers await
 * their own helpers (native promises) between reads, and Dexie follows a live query across such awaits only when its
 * querier is async. With a plain arrow, a re-run set off by a commit (a sync's receipts) lost track after the first
 * await, so later reads — the attachments — were no longer observed, and an upload finishing left "1 file" on screen.
 */
function useSyncLiveQuery<T>(read: () => Promise<T>, deps: unknown[]): T | undefined {
  return useLiveQuery(async () => await read(), deps);
}

export function useIncidentSyncState(incidentId: string): IncidentSyncBadgeState | undefined {
  const { db } = useServices();
  return useSyncLiveQuery(() => readIncidentSyncState(db, incidentId), [db, incidentId]);
}

export function useLocalOnlySummary(): LocalOnlySummary | undefined {
  const { db } = useServices();
  return useSyncLiveQuery(() => readLocalOnlySummary(db), [db]);
}

/** Changes and files not at HQ yet, live (undefined while loading): the pill and the dialog never say "Up to date" over them. */
export function useWaitingToSend(): WaitingToSend | undefined {
  const { db } = useServices();
  return useSyncLiveQuery(() => readWaitingToSend(db), [db]);
}

export function useOpenConflicts(): ConflictView[] | undefined {
  const { db } = useServices();
  return useSyncLiveQuery(() => readOpenConflicts(db), [db]);
}

export function useRefusedChanges(): RefusedChangeView[] | undefined {
  const { db } = useServices();
  return useSyncLiveQuery(() => readRefusedChanges(db), [db]);
}
