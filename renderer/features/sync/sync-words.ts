// Plain words for sync state: the top-bar status line, per-incident badges, byte sizes and conflict values.
import { describeSkew, type SyncStatus } from '../../../shared/sync/engine';
import type { IncidentSyncState } from '../../db/sync-state';
import { formatLocal } from '../format';

export interface StatusWords {
  /** Short text for the top bar. */
  text: string;
  /** The longer explanation (reason, next attempt). */
  detail: string | null;
  tone: 'ok' | 'busy' | 'warn' | 'muted';
}

export function statusWords(status: SyncStatus, connected: boolean): StatusWords {
  if (!connected) return { text: 'Sync: not connected', detail: 'This device does not sync with HQ yet. Open Sync settings to connect it.', tone: 'muted' };
  const last = status.lastSuccessAt !== null ? `last synced ${formatLocal(new Date(status.lastSuccessAt).toISOString())}` : 'not synced yet';
  switch (status.state) {
    case 'syncing': {
      const p = status.progress;
      if (p && p.phase === 'push' && p.total !== undefined) return { text: `Syncing ${p.done} of ${p.total}`, detail: 'Sending changes to HQ.', tone: 'busy' };
      if (p && p.phase === 'pull') return { text: `Syncing: ${p.done} received`, detail: 'Receiving changes from HQ.', tone: 'busy' };
      if (p && p.phase === 'files' && p.total !== undefined && p.total > 0) {
        return { text: `Uploading file ${Math.min(p.done + 1, p.total)} of ${p.total}`, detail: 'Sending attached files to HQ.', tone: 'busy' };
      }
      return { text: 'Syncing…', detail: null, tone: 'busy' };
    }
    case 'offline':
      return { text: 'Offline', detail: status.lastError?.message ?? `HQ cannot be reached; Lantern keeps working and syncs when the connection is back (${last}).`, tone: 'muted' };
    case 'failing':
      return { text: 'Sync failing', detail: status.lastError?.message ?? 'The last sync failed.', tone: 'warn' };
    case 'up-to-date':
      return { text: `Up to date, ${last}`, detail: null, tone: 'ok' };
    default:
      return { text: status.pending ? `${status.pending} changes waiting, ${last}` : `Sync: ${last}`, detail: null, tone: 'muted' };
  }
}

export function skewWarning(status: SyncStatus): string | null {
  return status.clockSkew?.large ? describeSkew(status.clockSkew) : null;
}

export const INCIDENT_SYNC_LABELS: Record<IncidentSyncState, { text: string; title: string }> = {
  local: { text: 'Only on this device', title: 'Changes to this incident have not been sent to HQ yet.' },
  sent: { text: 'Sent', title: 'Sent to HQ; waiting for HQ to confirm it.' },
  confirmed: { text: 'Confirmed by HQ', title: 'HQ has every change to this incident.' },
  refused: { text: 'HQ refused a change', title: 'HQ refused a change to this incident; it is kept here. See Sync settings.' },
};

export function formatBytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

