// Plain-text descriptions of timeline entries (rendered as text nodes, never as HTML).
import { findTemplate, PHASE_LABELS, STATUS_LABELS, type TimelineEvent } from '../../../shared/domain';
import { fieldLabel, fieldValueText } from '../field-words';

export function describeEvent(event: TimelineEvent): string {
  switch (event.kind) {
    case 'created':
      return `Incident recorded: ${event.title}`;
    case 'note':
      return event.text;
    case 'status_changed': {
      const details = Object.entries(event.details).map(([key, value]) => `${fieldLabel(key)}: ${value}`);
      return [`${STATUS_LABELS[event.from]} → ${STATUS_LABELS[event.to]}`, ...details].join(' · ');
    }
    case 'fields_changed':
      return event.changes.map((c) => `${fieldLabel(c.field)}: ${fieldValueText(c.field, c.from)} → ${fieldValueText(c.field, c.to)}`).join(' · ');
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
