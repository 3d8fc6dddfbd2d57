// Under a resolved incident's heading: when Lantern will close it automatically (DOMAIN.md: N days after resolved).
import { autoClosePlan, autoCloseReadiness, type Incident, type TimelineEvent } from '../../../shared/domain';
import { useAutoCloseDays } from '../../db/auto-close';
import { formatLocal } from '../format';
import { autoCloseSyncStateFrom } from '../notifications/auto-close-sync-state';
import { useSyncConnection, useSyncStatus } from '../sync/use-sync';
import { useMinuteNow } from './sla-hooks';

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

export function AutoCloseNotice({ incident, events }: { incident: Incident; events: readonly TimelineEvent[] }) {
  const closeAfter = useAutoCloseDays();
  const { connection } = useSyncConnection();
  const status = useSyncStatus();
  const nowMs = useMinuteNow();
  if (closeAfter === undefined || incident.status !== 'resolved') return null;
  if (closeAfter === 0) {
    return (
      <p className="auto-close-due" role="group" aria-label="Automatic close">
        Automatic close is off on this device: it stays resolved until someone closes it.
      </p>
    );
  }
  const plan = autoClosePlan(incident, events, closeAfter);
  if (plan === null) return null;
  const sync = autoCloseSyncStateFrom(connection !== null && connection !== undefined, status);
  const when = formatLocal(new Date(plan.dueAtMs).toISOString());
  const readiness = autoCloseReadiness(plan, nowMs, sync);
  return (
    <p className="auto-close-due" role="group" aria-label="Automatic close">
      {readiness === 'not-yet'
        ? `Closes automatically ${when} (${days(plan.days)} after it was resolved) unless it is reopened.`
        : readiness === 'waiting-for-sync'
          ? `Due to close automatically since ${when}. Lantern closes it once a sync with HQ has brought in everything, so a reopen made on another laptop is seen first.`
          : `Due to close automatically since ${when}; Lantern closes it within a few minutes.`}
    </p>
  );
}
