// Plain-text descriptions of timeline entries (rendered as text nodes, never as HTML).
import {
  automaticAlertText,
  COMMUNICATION_PRIORITY_LABELS,
  CUSTODY_ACTION_LABELS,
  findTemplate,
  PHASE_LABELS,
  PRIORITY_LABELS,
  REVIEW_FIELD_LABELS,
  REVIEW_PARTS,
  STATUS_LABELS,
  SYSTEM_STATE_LABELS,
  TIMELINE_KIND_LABELS,
  type Priority,
  type PriorityChange,
  type TimelineEvent,
  type ZonedTime,
} from '../../../shared/domain';
import { fieldLabel, fieldValueText, namesIncident } from '../field-words';
import { formatZoned } from '../format';

/**
 * Another incident's number as this device knows it, for entries that name one (a link, a duplicate): null when that
 * incident is not on this computer, undefined when not known (yet). Read from the local database where shown
 * (useIncidentNumbers), as the entries hold only its id, which nobody can read.
 */
export type IncidentNumberOf = (incidentId: string) => string | null | undefined;

const NOT_KNOWN: IncidentNumberOf = () => undefined;

/** "NQJS-0002", or plain words when the number is not here: never the raw id. */
export function otherIncidentText(id: unknown, numberOf: IncidentNumberOf = NOT_KNOWN): string {
  if (typeof id !== 'string' || id === '') return '—';
  const number = numberOf(id);
  return number ?? (number === null ? 'an incident not on this computer' : 'another incident');
}


/** The other incidents `events` name (link targets, the incident a cancelled one duplicates): what numberOf is asked. */
export function referencedIncidentIds(events: readonly TimelineEvent[]): string[] {
  const ids = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string' && value !== '') ids.add(value);
  };
  for (const event of events) {
    if (event.kind === 'linked') add(event.targetId);
    else if (event.kind === 'status_changed') add(event.details.duplicateOf);
    else if (event.kind === 'fields_changed') {
      for (const change of event.changes) {
        if (namesIncident(change.field)) {
          add(change.from);
          add(change.to);
        }
      }
    }
  }
  return [...ids].sort();
}

/** The kind label of an automatic alert, wherever entries are labelled (timeline, filter, briefing, activity log). */
export const AUTOMATIC_ALERT_LABEL = 'Automatic alert';

/** An entry Lantern wrote for an escalation rule that notifies a role: stored as a communication, but nothing was sent. */
export function isAutomaticAlert(event: TimelineEvent): boolean {
  return automaticAlertText(event) !== null;
}

/**
 * What kind of entry it is, as a person reads it: the kind's label, except that an automatic alert says so rather than
 * "Communication" (its stored kind, kept so synced entries keep their shape).
 */
export function entryKindLabel(event: TimelineEvent): string {
  return isAutomaticAlert(event) ? AUTOMATIC_ALERT_LABEL : TIMELINE_KIND_LABELS[event.kind];
}

/** Longer than this (or with line breaks), a text change reads as blocks, not "old → new" on one line. */
const INLINE_TEXT_MAX = 60;

/**
 * One field's change. Short values: "Title: Chiller trip → Chiller 2 tripped". Long or multi-line text: the new text
 * under the field's name, then what it was, so where the old ends and the new begins is plain to see.
 */
function changeText(change: { field: string; from: unknown; to: unknown }, numberOf: IncidentNumberOf): string {
  const label = fieldLabel(change.field);
  const valueText = (value: unknown) => (namesIncident(change.field) ? otherIncidentText(value, numberOf) : fieldValueText(change.field, value));
  const from = valueText(change.from);
  const to = valueText(change.to);
  const long = (value: unknown) => typeof value === 'string' && (value.includes('\n') || value.length > INLINE_TEXT_MAX);
  if (!long(change.from) && !long(change.to)) return `${label}: ${from} → ${to}`;
  const empty = (value: unknown) => value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
  if (empty(change.to)) return `${label} cleared. It was:\n${from}`;
  if (empty(change.from)) return `${label}:\n${to}`;
  return `${label}:\n${to}\nIt was:\n${from}`;
}

/** "P1 — Critical", as the impact and urgency beside it read ("1 — High"). */
function priorityText(priority: Priority): string {
  return PRIORITY_LABELS[priority].replace(' ', ' — ');
}

/**
 * `numberOf` names the other incidents an entry points at; without it they read "another incident". `priorityChange`
 * is the priority an impact or urgency change moved (priorityChangesOf), said with it: the change the SLA targets follow.
 */
export function describeEvent(event: TimelineEvent, numberOf: IncidentNumberOf = NOT_KNOWN, priorityChange?: PriorityChange): string {
  switch (event.kind) {
    case 'created':
      return `Incident recorded: ${event.title}`;
    case 'note':
      return event.text;
    case 'status_changed': {
      const details = Object.entries(event.details).map(([key, value]) => `${fieldLabel(key)}: ${namesIncident(key) ? otherIncidentText(value, numberOf) : value}`);
      return [`${STATUS_LABELS[event.from]} → ${STATUS_LABELS[event.to]}`, ...details].join(' · ');
    }
    case 'fields_changed': {
      const parts = event.changes.map((change) => changeText(change, numberOf));
      if (priorityChange) parts.push(`Priority: ${priorityText(priorityChange[0])} → ${priorityText(priorityChange[1])}`);
      // A long text on its own lines; then every change of the entry goes on its own line too.
      return parts.join(parts.some((part) => part.includes('\n')) ? '\n' : ' · ');
    }
    case 'escalated':
      return `${event.level === 'functional' ? 'Functional escalation to' : 'Hierarchical escalation to'} ${event.target} · Reason: ${event.reason}`;
    case 'communication': {
      // A rule's automatic alert is kept as a communication from Lantern, but nothing was sent: it reads as what it is.
      const alert = automaticAlertText(event);
      if (alert !== null) return `${alert.head}\n${alert.message}`;
      const head = [
        event.priority !== undefined ? COMMUNICATION_PRIORITY_LABELS[event.priority] : '',
        `${event.direction === 'outgoing' ? 'Sent' : 'Received'} by ${event.channel}`,
        `From ${event.from} to ${event.to}`,
        event.subject !== undefined ? `Subject: ${event.subject}` : '',
      ];
      return [head.filter((part) => part !== '').join(' · '), event.message, event.actionTaken !== undefined ? `Action taken: ${event.actionTaken}` : ''].filter((part) => part !== '').join('\n');
    }
    case 'communication_reply':
      return replyText(event);
    case 'correction':
      return event.text;
    case 'linked':
      return `${event.action === 'link' ? 'Linked' : 'Unlinked'} ${otherIncidentText(event.targetId, numberOf)} (${event.relation})`;
    case 'checklist_added': {
      if (event.templateId !== undefined) {
        const name = findTemplate(event.templateId)?.name ?? event.templateId;
        return `Checklist from the ${name} template: ${event.steps.length} ${event.steps.length === 1 ? 'step' : 'steps'}`;
      }
      return event.steps.map((step) => `Step added (${PHASE_LABELS[step.phase]}): ${step.text}`).join('\n');
    }
    case 'checklist_ticked':
      return `${event.ticked ? 'Ticked' : 'Unticked'}: ${event.step}`;
    case 'review':
      return REVIEW_PARTS.filter((part) => event[part] !== '').map((part) => `${REVIEW_FIELD_LABELS[part]}: ${event[part]}`).join('\n');
    case 'system_status': {
      // A line per system that needs attention; the working ones (often most of HICS 251's list) share one line.
      const working = event.systems.filter((line) => line.state === 'functional' && line.reason === '' && line.repairEstimate === '');
      const others = event.systems
        .filter((line) => !working.includes(line))
        .map((line) => [`${line.system}: ${SYSTEM_STATE_LABELS[line.state]}`, line.reason, line.repairEstimate !== '' ? `repair estimate ${line.repairEstimate}` : '']
          .filter((part) => part !== '')
          .join(' · '));
      const workingLine = working.length > 0 ? `${SYSTEM_STATE_LABELS.functional}: ${working.map((line) => line.system).join(', ')}` : '';
      return [...others, workingLine].filter((part) => part !== '').join('\n');
    }
    case 'custody': {
      const who = [event.from !== '' ? `from ${event.from}` : '', event.to !== '' ? `to ${event.to}` : ''].filter((part) => part !== '').join(' ');
      const facts = [`${CUSTODY_ACTION_LABELS[event.action]}: ${event.item}`, who, event.location !== '' ? `kept at ${event.location}` : '', `at ${formatZoned(event.handledAt)}`];
      return [facts.filter((part) => part !== '').join(' · '), event.notes].filter((part) => part !== '').join('\n');
    }
    default:
      return '';
  }
}

/** A communication's reply as it reads on its own lines: who replied and when, what they said, what was done. */
export function replyText(reply: Extract<TimelineEvent, { kind: 'communication_reply' }>, timeText: (time: ZonedTime) => string = formatZoned): string {
  return [`Reply from ${reply.from} · ${timeText(reply.repliedAt)}`, reply.text, reply.actionTaken !== undefined ? `Action taken: ${reply.actionTaken}` : ''].filter((part) => part !== '').join('\n');
}

/** Short one-line summary of an entry, used where a correction names what it corrects. */
export function summarizeEvent(event: TimelineEvent, numberOf: IncidentNumberOf = NOT_KNOWN): string {
  const text = describeEvent(event, numberOf).replace(/\s+/g, ' ');
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
