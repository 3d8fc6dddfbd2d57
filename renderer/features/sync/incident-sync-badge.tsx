// Per-incident sync badge: only on this device / sent / confirmed by HQ (live from the outbox).
import { INCIDENT_SYNC_LABELS } from './sync-words';
import { useIncidentSyncState } from './use-sync';

export function IncidentSyncBadge({ incidentId }: { incidentId: string }) {
  const state = useIncidentSyncState(incidentId);
  if (state === undefined) return null;
  const label = INCIDENT_SYNC_LABELS[state];
  return (
    <span className={`badge sync-badge sync-badge-${state}`} title={label.title}>
      {label.text}
    </span>
  );
}
