// Per-incident sync badge: only on this device / sent / files not at HQ yet / confirmed by HQ (live from the outbox and files).
import { incidentSyncLabel } from './incident-file-words';
import { useIncidentSyncState } from './use-sync';

export function IncidentSyncBadge({ incidentId }: { incidentId: string }) {
  const state = useIncidentSyncState(incidentId);
  if (state === undefined) return null;
  const label = incidentSyncLabel(state);
  return (
    <span className={`badge sync-badge sync-badge-${state}`} title={label.title}>
      {label.text}
    </span>
  );
}
