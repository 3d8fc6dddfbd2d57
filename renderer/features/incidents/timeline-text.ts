// Plain-text descriptions of timeline entries (rendered as text nodes, never as HTML).
import { FIELD_LABELS, findTemplate, PHASE_LABELS, STATUS_LABELS, updateEveryText, type SyncedField, type TimelineEvent } from '../../../shared/domain';
import { formatZoned } from '../format';

export function describeEvent(event: TimelineEvent): string {
  switch (event.kind) {
    case 'created':
      return `Incident recorded: ${event.title}`;
    case 'note':
      return event.text;
    case 'status_changed': {
      const details = Object.entries(event.details).map(([key, value]) => `${labelFor(key)}: ${value}`);
      return [`${STATUS_LABELS[event.from]} → ${STATUS_LABELS[event.to]}`, ...details].join(' · ');
    }
    case 'fields_changed':
      return event.changes.map((c) => `${labelFor(c.field)}: ${showField(c.field, c.from)} → ${showField(c.field, c.to)}`).join(' · ');
    case 'escalated':
      return `${event.level === 'functional' ? 'Functional escalation to' : 'Hierarchical escalation to'} ${event.target} · Reason: ${event.reason}`;
    case 'communication':
      return `${event.direction === 'outgoing' ? 'Sent' : 'Received'} by ${event.channel} · From ${event.from} to ${event.to}\n${event.message}`;
    case 'correction':
      return event.text;
    case 'linked':
      return `${event.action === 'link' ? 'Linked' : 'Unlinked'} incident (${event.relation})`;
    case 'checklist_added': {
      if (event.templateId !== undefined) {
        const name = findTemplate(event.templateId)?.name ?? event.templateId;
        return `Checklist from the ${name} template: ${event.steps.length} ${event.steps.length === 1 ? 'step' : 'steps'}`;
      }
      return event.steps.map((step) => `Step added (${PHASE_LABELS[step.phase]}): ${step.text}`).join('\n');
    }
    case 'checklist_ticked':
      return `${event.ticked ? 'Ticked' : 'Unticked'}: ${event.step}`;
    default:
      return '';
  }
}

/** Short one-line summary of an entry, used where a correction names what it corrects. */
export function summarizeEvent(event: TimelineEvent): string {
  const text = describeEvent(event).replace(/\s+/g, ' ');
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

const EXTRA_LABELS: Record<string, string> = { reopenReason: 'Reopen reason' };

function labelFor(field: string): string {
  return Object.hasOwn(FIELD_LABELS, field) ? FIELD_LABELS[field as SyncedField] : (EXTRA_LABELS[field] ?? field);
}

/** A field's value in words where a bare value would mislead (the stakeholder-update interval: 0 means none). */
function showField(field: string, value: unknown): string {
  if (field === 'updateEveryMinutes') {
    if (value === null || value === undefined) return 'default';
    if (value === 0) return 'none';
    if (typeof value === 'number') return updateEveryText(value);
  }
  return show(value);
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.join(' › ') : '—';
  if (typeof value === 'object' && 'utc' in value) return formatZoned(value as { utc: string; offsetMinutes: number });
  return String(value);
}
