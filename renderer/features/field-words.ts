// Incident fields and their values in the words the rest of the UI uses (timeline, conflicts): "In progress", "2 — Medium".
import { AUTO_CLOSE_DETAIL, FIELD_LABELS, LEVEL_LABELS, STATUS_LABELS, updateEveryText, type Status, type SyncedField } from '../../shared/domain';
import { formatZoned } from './format';

const EXTRA_LABELS: Record<string, string> = { reopenReason: 'Reopen reason', [AUTO_CLOSE_DETAIL]: 'Closed automatically' };

/** The label a person knows a field by; unknown names pass through. */
export function fieldLabel(field: string): string {
  return Object.hasOwn(FIELD_LABELS, field) ? FIELD_LABELS[field as SyncedField] : (EXTRA_LABELS[field] ?? field);
}

/** The fields whose value is another incident's id (a UUID nobody can read): shown as that incident's number. */
const INCIDENT_ID_FIELDS: ReadonlySet<string> = new Set(['duplicateOf']);

/** Whether `field` holds another incident's id, so a view names it by number (otherIncidentText in timeline-text.ts). */
export function namesIncident(field: string): boolean {
  return INCIDENT_ID_FIELDS.has(field);
}

/** A field's value in words ("—" for nothing). */
export function fieldValueText(field: string, value: unknown): string {
  // Views that can look the number up do so before asking here; without it, plain words rather than the raw id.
  if (namesIncident(field)) return typeof value === 'string' && value !== '' ? 'another incident' : '—';
  if (field === 'updateEveryMinutes') {
    if (value === null || value === undefined) return 'default';
    if (value === 0) return 'none';
    if (typeof value === 'number') return updateEveryText(value);
  }
  if (field === 'status' && typeof value === 'string' && Object.hasOwn(STATUS_LABELS, value)) return STATUS_LABELS[value as Status];
  if ((field === 'impact' || field === 'urgency') && (value === 1 || value === 2 || value === 3)) return `${value} — ${LEVEL_LABELS[value]}`;
  if ((field === 'major' || field === 'exercise') && typeof value === 'boolean') return value ? 'Yes' : 'No';
  // Incidents recorded before drills could be marked were all real.
  if (field === 'exercise' && (value === undefined || value === null)) return 'No';
  // Optional, unlike the other times: empty means nobody said when it was noticed, as the detail view puts it.
  if (field === 'detectedAt' && (value === null || value === undefined)) return 'not recorded';
  return plainValue(value);
}

function plainValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' › ') : '—';
  if (typeof value === 'object' && 'utc' in value && 'offsetMinutes' in value) return formatZoned(value as { utc: string; offsetMinutes: number });
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
