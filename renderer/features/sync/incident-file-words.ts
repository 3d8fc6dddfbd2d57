// Badge words for an incident whose changes reached HQ but one of whose attached files has not (kept apart from sync-words.ts).
import type { IncidentSyncBadgeState } from '../../db/sync-state';
import { INCIDENT_SYNC_LABELS } from './sync-words';

export const FILES_NOT_AT_HQ_LABEL = {
  text: 'Files not at HQ yet',
  title: 'A file attached to this incident is only on this device so far. Lantern sends it at the next sync; keep this device until then.',
} as const;

/** The badge's text and tooltip for any state the badge can show. */
export function incidentSyncLabel(state: IncidentSyncBadgeState): { text: string; title: string } {
  return state === 'files-local' ? FILES_NOT_AT_HQ_LABEL : INCIDENT_SYNC_LABELS[state];
}
