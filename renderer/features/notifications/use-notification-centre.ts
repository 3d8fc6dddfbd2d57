// Live view of the notification centre (entries, unread count) from the host, refreshed on every change.
import { useCallback, useEffect, useState } from 'react';
import { unreadIdsOf } from '../../../shared/notifications/centre';
import type { CentreSnapshot, HostNotifications } from '../../host/host-notifications';

const EMPTY: CentreSnapshot = { entries: [], unread: 0 };

export function useNotificationCentre(notifications: HostNotifications) {
  const [snapshot, setSnapshot] = useState<CentreSnapshot>(EMPTY);
  const [problem, setProblem] = useState<string | null>(null);

  const refresh = useCallback(() => {
    notifications.list().then(
      (next) => {
        setSnapshot(next);
        setProblem(null);
      },
      () => setProblem('The notification centre could not be read. Restart Lantern if this persists.'),
    );
  }, [notifications]);

  useEffect(() => {
    const unsubscribe = notifications.onChanged(setSnapshot);
    refresh();
    return unsubscribe;
  }, [notifications, refresh]);

  const markRead = useCallback(
    async (ids?: readonly string[]) => {
      try {
        await notifications.markRead(ids);
      } catch {
        setProblem('Could not mark the notifications read.');
      }
      refresh();
    },
    [notifications, refresh],
  );

  /**
   * Everything about an incident is read once the person opens it. Asked of the host's current list, not of this
   * view's copy (which may not have loaded yet); marked through markRead, so main (Electron) or the page's journal
   * (browser) saves it like any other read.
   */
  const markIncidentRead = useCallback(
    async (incidentId: string) => {
      try {
        const ids = unreadIdsOf((await notifications.list()).entries, incidentId);
        if (ids.length > 0) await notifications.markRead(ids);
      } catch {
        setProblem('Could not mark the notifications of this incident read.');
      }
    },
    [notifications],
  );

  return { ...snapshot, problem, markRead, markIncidentRead };
}
