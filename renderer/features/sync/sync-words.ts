// Plain words for sync state: the top-bar pill, its full description, per-incident badges, byte sizes and conflict values.
import { describeSkew, type SyncStatus, type SyncStatusErrorKind } from '../../../shared/sync/engine';
import type { IncidentSyncState } from '../../db/sync-state';
import { formatLocal } from '../format';
import type { WaitingToSend } from './waiting-to-send';

export interface StatusWords {
  /** Compact text for the top-bar pill ("Synced 07:45", "Sync failing: disconnected by HQ"); fits at 1024 px. */
  text: string;
  /** A shorter pill for a narrow top bar ("Sync off"), where `text` would end in an ellipsis; absent: `text` fits. */
  short?: string;
  /** The state in full words ("Up to date", "Sync failing"): the dialog's status line. */
  state: string;
  /** The longer explanation (reason, what happens next), or null. */
  detail: string | null;
  /** "Last synced 27 Nov 2026 07:45" or "Never synced"; null when the device is not connected. */
  last: string | null;
  tone: 'ok' | 'busy' | 'warn' | 'muted';
}

/**
 * The few words next to "Sync failing" in the top bar; the full message is in its description and in the dialog.
 * Each "Sync failing: …" fits the pill at 1024 px beside a long user name (about 185 px), hence the terse wording.
 */
const SHORT_REASONS: Record<SyncStatusErrorKind, string> = {
  offline: 'HQ not reachable',
  timeout: 'HQ too slow',
  unauthorized: 'sign-in refused',
  revoked: 'cut off by HQ',
  'client-newer': 'HQ too old',
  'client-outdated': 'app too old',
  'epoch-changed': 'HQ restored',
  'server-error': 'HQ error',
  'bad-response': 'bad answer',
  'rate-limited': 'HQ busy',
  'local-storage': 'storage error',
};

const NO_NETWORK = 'This computer has no network connection. Lantern keeps working and syncs when the connection is back. Your data stays on this device.';

/**
 * `online` is navigator.onLine: the engine's "offline" only means HQ did not answer, which is just as often HQ being
 * down while the network is fine, so "Offline" is said only when the computer itself has no network.
 * `waiting` is what the database holds for HQ right now (undefined while it is read: the engine's count of its last
 * run stands in). It decides over the engine's state: a change saved after the last run is not "Up to date".
 */
export function statusWords(status: SyncStatus, connected: boolean, online = true, now = Date.now(), waiting?: WaitingToSend): StatusWords {
  if (!connected) {
    return { text: 'Sync: not connected', short: 'Sync off', state: 'Not connected', detail: 'This device does not sync with HQ yet. Open Sync settings to connect it.', last: null, tone: 'muted' };
  }
  const last = status.lastSuccessAt !== null ? `Last synced ${formatLocal(new Date(status.lastSuccessAt).toISOString())}` : 'Never synced';
  const synced = status.lastSuccessAt !== null ? `Synced ${compactTime(status.lastSuccessAt, now)}` : 'Not synced yet';
  // A failure that needs a person (HQ cut the device off) stays on screen without a network too; it is still the news.
  if (!online && status.state !== 'syncing' && status.state !== 'failing') return { text: 'Offline', state: 'Offline', detail: NO_NETWORK, last, tone: 'muted' };
  switch (status.state) {
    case 'syncing': {
      const p = status.progress;
      const busy = (text: string, detail: string | null): StatusWords => ({ text, state: text, detail, last, tone: 'busy' });
      if (p && p.phase === 'push' && p.total !== undefined) return busy(`Syncing ${p.done} of ${p.total}`, 'Sending changes to HQ.');
      if (p && p.phase === 'pull') return busy(`Syncing: ${p.done} received`, 'Receiving changes from HQ.');
      // The engine reports files done and total only, no byte counts, so the file number is all there is to show.
      if (p && p.phase === 'files' && p.total !== undefined && p.total > 0) return busy(`Uploading file ${Math.min(p.done + 1, p.total)} of ${p.total}`, 'Sending attached files to HQ.');
      return busy('Syncing…', null);
    }
    case 'offline':
      // The network is up (checked above), so HQ itself did not answer: down, unreachable from here, or too slow.
      return { text: 'HQ not reachable', state: 'HQ not reachable', detail: status.lastError?.message ?? 'HQ cannot be reached. Lantern keeps working and syncs when the connection is back.', last, tone: 'muted' };
    case 'failing': {
      const reason = status.lastError ? SHORT_REASONS[status.lastError.kind] : null;
      return { text: reason ? `Sync failing: ${reason}` : 'Sync failing', short: 'Sync failing', state: 'Sync failing', detail: status.lastError?.message ?? 'The last sync failed.', last, tone: 'warn' };
    }
    default: {
      const held = waitingWords(waiting ?? { changes: status.pending ?? 0, files: 0 });
      if (held === null) {
        // "Up to date" only when the last run succeeded and nothing waits here; idle: more to receive, or no run yet.
        return status.state === 'up-to-date'
          ? { text: synced, state: 'Up to date', detail: null, last, tone: 'ok' }
          : { text: synced, state: 'Waiting for the next sync', detail: null, last, tone: 'muted' };
      }
      // HQ turned some away for now (an HQ older than this Lantern): say why, or the count would wait unexplained for good.
      const why = status.waitingReason ?? null;
      return { text: held.pill, short: 'Not sent yet', state: `${held.full} to be sent to HQ`, detail: why, last, tone: why ? 'warn' : 'muted' };
    }
  }
}

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "2 changes waiting" and "2 changes and 1 file waiting" (the pill shortens the pair to fit at 1024 px); null: nothing waits. */
function waitingWords({ changes, files }: WaitingToSend): { pill: string; full: string } | null {
  if (changes <= 0 && files <= 0) return null;
  if (files <= 0) return { pill: `${count(changes, 'change')} waiting to be sent`, full: `${count(changes, 'change')} waiting` };
  if (changes <= 0) return { pill: `${count(files, 'file')} waiting to be sent`, full: `${count(files, 'file')} waiting` };
  return { pill: `${count(changes, 'change')}, ${count(files, 'file')} waiting`, full: `${count(changes, 'change')} and ${count(files, 'file')} waiting` };
}

/** One sentence for a tooltip or an accessible description: state, reason, last successful sync. */
export function describeStatus(words: StatusWords): string {
  return [`${words.state}.`, words.detail, words.last && `${words.last}.`].filter(Boolean).join(' ');
}

/** "07:45" today, "26 Nov 07:45" another day: short enough for the pill at 1024 px. */
export function compactTime(epochMs: number, now = Date.now()): string {
  const date = new Date(epochMs);
  const today = new Date(now);
  const time = formatLocal(date.toISOString()).split(' ');
  const sameDay = date.getFullYear() === today.getFullYear() && date.getMonth() === today.getMonth() && date.getDate() === today.getDate();
  // formatLocal gives "26 Nov 2026 07:45": keep the time, and the day and month when it is not today.
  return sameDay ? time[3]! : `${time[0]} ${time[1]} ${time[3]}`;
}

/** True when HQ's last answer means this device must be enrolled again (an administrator's code is needed). */
export function needsReEnrollment(status: SyncStatus): boolean {
  return status.lastError?.kind === 'revoked' || status.lastError?.kind === 'unauthorized';
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
