// Plain-text briefings for working without network: a short SMS/radio update and a full printable briefing of one incident.
import {
  correctedBy,
  formatUtcOffset,
  lastStakeholderUpdateAt,
  nextStakeholderUpdateDue,
  OPEN_STATUSES,
  PRIORITY_LABELS,
  STATUS_LABELS,
  stakeholderUpdateCadence,
  updateEveryText,
  intervalText,
  type Incident,
  type SlaClock,
  type SlaClocks,
  type TimelineEvent,
} from '../../../shared/domain';
import { currentResolution, currentSystemStatus, FIELD_LABELS } from '../../../shared/domain';
import { fieldValueText } from '../field-words';
import { formatPathOrDash } from '../format';
import { checklistSection, evidenceSection, linksSection, reviewSection, systemsSection } from './briefing-sections';
import { asciiFriendly, authorText, cleanText, clockText, commanderText, endedText, entryTimeText, fitSegments, localTimeWithOffset, oneLine, readerOffsetAt, zonedTimeText, type Segment } from './briefing-words';
import { elapsedOfTarget, slaCellText, THRESHOLD_LABELS } from './sla-format';
import type { LinkView } from '../../db/links';
import { repliesByCommunication } from '../../../shared/domain/communication-reply';
import { describeEvent, entryKindLabel, otherIncidentText, replyText, type IncidentNumberOf } from './timeline-text';

/** An SMS is 160 GSM characters; two joined parts stay readable on a phone and over the radio. */
export const SHORT_UPDATE_LIMIT = 300;
/** How many timeline entries a briefing lists, newest first. */
export const BRIEFING_TIMELINE_ENTRIES = 10;

/** What a briefing needs besides the incident: the moment it is made, and what the detail view already knows. */
export interface BriefingContext {
  readonly nowMs: number;
  /** This device's stakeholder-update interval for major incidents (minutes); null: none. */
  readonly majorUpdateDefault: number | null;
  /** The incident's SLA clocks at nowMs, when they have been read; left out otherwise. */
  readonly sla?: SlaClocks | undefined;
  /** A drill runs on this device: a real incident's update then says so first ("REAL WORLD"), as radio practice does. */
  readonly drillOn?: boolean;
  /** Other incidents' numbers on this device, for entries naming one (links, duplicates); left out: "another incident". */
  readonly numberOf?: IncidentNumberOf | undefined;
  /** The incident's current links (number, title, status null: not on this computer), when read; left out otherwise. */
  readonly links?: readonly Pick<LinkView, 'relation' | 'number' | 'title' | 'status'>[] | undefined;
  /** The numbers of the incidents cancelled as duplicates of this one (found by what they name), when read. */
  readonly duplicates?: readonly string[] | undefined;
}

export interface BriefingField {
  readonly label: string;
  readonly value: string;
}

export interface BriefingSection {
  readonly heading: string;
  /** Counts beside the heading ("1 of 3 done"), kept apart so the plain text can capitalise the heading alone. */
  readonly detail?: string;
  /** 'list': one item per entry (items may hold line breaks); 'text': running text, one paragraph per item. */
  readonly kind: 'list' | 'text';
  readonly items: readonly string[];
}

/** One briefing, rendered either as plain text (copy) or as a structured print block; both read the same words. */
export interface Briefing {
  readonly title: string;
  readonly major: boolean;
  /** Recorded during a drill: marked at the top of every briefing, so nobody acts on it as real. */
  readonly exercise: boolean;
  readonly fields: readonly BriefingField[];
  readonly sections: readonly BriefingSection[];
  readonly footer: string;
}

export type BriefingPurpose = 'copied' | 'printed';

// ---------------------------------------------------------------------------
// Facts shared by both texts.
// ---------------------------------------------------------------------------

/** "On hold (Awaiting parts)", "Resolved (Fixed)", "Cancelled (Duplicate)", else the status label. */
function statusText(incident: Incident): string {
  const label = STATUS_LABELS[incident.status];
  const reason =
    incident.status === 'on_hold' ? incident.holdReason
    : incident.status === 'resolved' || incident.status === 'closed' ? incident.resolutionCode
    : incident.status === 'cancelled' ? incident.cancelReason
    : null;
  return reason ? `${label} (${oneLine(reason)})` : label;
}

function latestEscalation(events: readonly TimelineEvent[]): Extract<TimelineEvent, { kind: 'escalated' }> | undefined {
  let latest: Extract<TimelineEvent, { kind: 'escalated' }> | undefined;
  for (const event of events) if (event.kind === 'escalated' && (latest === undefined || newerFirst(event, latest) < 0)) latest = event;
  return latest;
}

/** HLC order, newest first, with the id as tie-break (the order every replica agrees on). */
function newerFirst(a: TimelineEvent, b: TimelineEvent): number {
  if (a.hlc !== b.hlc) return a.hlc > b.hlc ? -1 : 1;
  return a.id > b.id ? -1 : a.id < b.id ? 1 : 0;
}

interface UpdateDue {
  readonly dueAtMs: number;
  readonly overdue: boolean;
  readonly everyMinutes: number;
}

/** When the next stakeholder update is due, as the detail header computes it; null when none is asked for. */
function updateDue(incident: Incident, events: readonly TimelineEvent[], context: BriefingContext): UpdateDue | null {
  const { everyMinutes } = stakeholderUpdateCadence(incident, context.majorUpdateDefault);
  if (everyMinutes === null || !OPEN_STATUSES.includes(incident.status)) return null;
  const dueAtMs = nextStakeholderUpdateDue(lastStakeholderUpdateAt(events), Date.parse(incident.createdAt), everyMinutes);
  return { dueAtMs, overdue: context.nowMs >= dueAtMs, everyMinutes };
}

/** The clock that matters now: time to own until someone owns it, then time to resolve; none once both stopped. */
function currentSlaClock(sla: SlaClocks | undefined): { name: string; clock: SlaClock } | null {
  if (!sla) return null;
  if (sla.response.state === 'running') return { name: 'own', clock: sla.response };
  if (sla.resolve.state !== 'stopped') return { name: 'resolve', clock: sla.resolve };
  return null;
}

// ---------------------------------------------------------------------------
// The short update (SMS / radio).
// ---------------------------------------------------------------------------

/**
 * One line, most important facts first: "K7QM-0042 P1 MAJOR In progress - Generator B failed - Site: Main campus >
 * Block A - Owner: Ana Diaz (Facilities) - SLA resolve: 42m left - Next update 14:30 - As of 13:05 UTC+01:00".
 * At most `limit` characters; when longer, the longest free-text facts are cut first, so short ones survive whole.
 */
export function buildShortUpdate(incident: Incident, events: readonly TimelineEvent[], context: BriefingContext, limit = SHORT_UPDATE_LIMIT): string {
  const marker = incident.exercise === true ? 'EXERCISE ' : context.drillOn === true ? 'REAL WORLD ' : '';
  const head = `${marker}${incident.number} P${incident.priority}${incident.major ? ' MAJOR' : ''} ${statusText(incident)}`;
  const systems = systemsInBrief(events);
  const commander = commanderText(incident);
  const owner = incident.assignee ? `Owner: ${oneLine(incident.assignee)}${incident.team ? ` (${oneLine(incident.team)})` : ''}` : incident.team ? `Team: ${oneLine(incident.team)}` : 'Owner: none yet';
  const escalation = latestEscalation(events);
  const sla = currentSlaClock(context.sla);
  const due = updateDue(incident, events, context);
  const segments: Segment[] = [
    { text: head, flexible: false },
    { text: oneLine(incident.title), flexible: true },
    ...(incident.site.length > 0 ? [{ text: `Site: ${oneLine(formatPathOrDash(incident.site))}`, flexible: true }] : []),
    { text: owner, flexible: true },
    ...(commander !== null ? [{ text: `Commander: ${commander}`, flexible: true }] : []),
    ...(escalation ? [{ text: `Escalated to ${oneLine(escalation.target)}`, flexible: true }] : []),
    ...(systems ? [{ text: systems, flexible: true }] : []),
    ...(sla ? [{ text: `SLA ${sla.name}: ${slaCellText(sla.clock)}`, flexible: false }] : []),
    ...(due ? [{ text: `${due.overdue ? 'Update overdue since' : 'Next update'} ${clockText(due.dueAtMs, context.nowMs)}`, flexible: false }] : []),
    { text: `As of ${clockText(context.nowMs, context.nowMs)} ${formatUtcOffset(readerOffsetAt(context.nowMs))}`, flexible: false },
  ].map((segment) => ({ ...segment, text: asciiFriendly(segment.text) }));
  return fitSegments(segments, limit);
}

/** "Systems: 1 down (Normal power), 2 partial" from the latest HICS 251 state; null when nothing is down or partial. */
function systemsInBrief(events: readonly TimelineEvent[]): string | null {
  const { systems } = currentSystemStatus(events);
  const down = systems.filter((line) => line.state === 'non_functional').map((line) => oneLine(line.system));
  const partial = systems.filter((line) => line.state === 'partial').length;
  if (down.length === 0 && partial === 0) return null;
  return `Systems: ${[down.length > 0 ? `${down.length} down (${down.join(', ')})` : '', partial > 0 ? `${partial} partial` : ''].filter((part) => part !== '').join(', ')}`;
}

// ---------------------------------------------------------------------------
// The full briefing.
// ---------------------------------------------------------------------------

function slaLine(clock: SlaClock): string {
  const level = clock.threshold === 'none' ? '' : ` (${THRESHOLD_LABELS[clock.threshold]})`;
  return `${elapsedOfTarget(clock)} · ${slaCellText(clock)}${level}`;
}

function updateDueText(incident: Incident, due: UpdateDue | null, nowMs: number): string {
  // An ended incident asks for no more updates, whatever its cadence says: "none asked for" would read as an oversight.
  if (due === null) return endedText(incident.status) ?? 'none asked for';
  const when = localTimeWithOffset(due.dueAtMs);
  const minutes = Math.max(1, Math.round(Math.abs(due.dueAtMs - nowMs) / 60_000));
  return due.overdue
    ? `OVERDUE by ${intervalText(minutes)} (was due ${when}, ${updateEveryText(due.everyMinutes)})`
    : `${when} (in ${intervalText(minutes)}, ${updateEveryText(due.everyMinutes)})`;
}

function timelineSection(events: readonly TimelineEvent[], numberOf: IncidentNumberOf | undefined): BriefingSection {
  const corrected = new Set<string>();
  for (const event of events) {
    const target = correctedBy(event);
    if (target !== undefined) corrected.add(target);
  }
  const latest = [...events].sort(newerFirst).slice(0, BRIEFING_TIMELINE_ENTRIES);
  const shown = events.length > latest.length ? `${latest.length} of ${events.length}` : `${latest.length}`;
  // A reply reads under its message (HICS 213: on the same form) when that message is listed too; else on its own.
  const listed = new Set(latest.map((event) => event.id));
  const replies = repliesByCommunication(latest);
  return {
    heading: 'Latest timeline entries',
    detail: `${shown}, newest first`,
    kind: 'list',
    items: latest.length > 0
      ? latest.filter((event) => event.kind !== 'communication_reply' || !listed.has(event.communicationId)).map((event) => {
          // An automatic alert is labelled as one, not "Communication": nothing was sent (its text says so too).
          const label = entryKindLabel(event);
          const meta = `${entryTimeText(event)} · ${label} · ${authorText(event.author)}${corrected.has(event.id) ? ' · corrected later' : ''}`;
          const body = cleanText(entryText(event, events, replies.get(event.id) ?? [], numberOf)).trim();
          return body === '' ? meta : `${meta}\n${body}`;
        })
      : ['No entries.'],
  };
}

/** An entry's text in the briefing: a communication with its listed replies; a reply standing alone says what it answers. */
function entryText(event: TimelineEvent, events: readonly TimelineEvent[], replies: readonly Extract<TimelineEvent, { kind: 'communication_reply' }>[], numberOf: IncidentNumberOf | undefined): string {
  if (event.kind === 'communication_reply') {
    const message = events.find((candidate) => candidate.id === event.communicationId);
    const answers = message ? `Reply to the ${entryKindLabel(message).toLowerCase()} of ${zonedTimeText(message.at)}: ${oneLine(describeEvent(message, numberOf))}` : 'Reply to a communication not on this computer';
    return `${answers}\n${replyText(event, zonedTimeText)}`;
  }
  return [describeEvent(event, numberOf), ...replies.map((reply) => replyText(reply, zonedTimeText))].join('\n');
}

/** Every fact of the incident a person taking over (or a radio room) needs, in the app's own words. */
export function buildBriefing(incident: Incident, events: readonly TimelineEvent[], context: BriefingContext, purpose: BriefingPurpose = 'copied'): Briefing {
  const commander = commanderText(incident);
  const escalation = latestEscalation(events);
  const resolution = incident.status === 'resolved' || incident.status === 'closed' ? currentResolution(events) : null;
  const fields: BriefingField[] = [
    { label: 'Number', value: incident.number },
    { label: 'Title', value: oneLine(incident.title) },
    { label: 'Status', value: statusText(incident) },
    ...(incident.duplicateOf ? [{ label: 'Duplicate of', value: otherIncidentText(incident.duplicateOf, context.numberOf) }] : []),
    // The other side of a cancellation as a duplicate: the incident that stayed open names those folded into it.
    ...(context.duplicates && context.duplicates.length > 0 ? [{ label: 'Duplicates', value: context.duplicates.join(', ') }] : []),
    {
      label: 'Priority',
      value: `${PRIORITY_LABELS[incident.priority]} (impact ${fieldValueText('impact', incident.impact)}, urgency ${fieldValueText('urgency', incident.urgency)})`,
    },
    { label: 'Major incident', value: fieldValueText('major', incident.major) },
    ...(commander !== null ? [{ label: FIELD_LABELS.commander, value: commander }] : []),
    { label: 'Exercise', value: incident.exercise === true ? 'Yes (drill, not a real incident)' : 'No' },
    { label: 'Category', value: oneLine(formatPathOrDash(incident.category)) },
    { label: 'Site', value: oneLine(formatPathOrDash(incident.site)) },
    { label: 'Team', value: oneLine(fieldValueText('team', incident.team)) },
    { label: 'Assignee', value: oneLine(fieldValueText('assignee', incident.assignee)) },
    { label: 'Reporter', value: oneLine(fieldValueText('reporter', incident.reporter)) },
    { label: 'Occurred at', value: zonedTimeText(incident.occurredAt) },
    { label: 'Detected at', value: incident.detectedAt ? zonedTimeText(incident.detectedAt) : fieldValueText('detectedAt', null) },
    { label: 'Reported at', value: zonedTimeText(incident.reportedAt) },
    ...(resolution ? [{ label: 'Resolved at', value: zonedTimeText(resolution.at) }] : []),
    { label: 'Recorded by', value: oneLine(authorText(incident.createdBy)) },
    ...(context.sla
      ? [
          { label: 'SLA time to own', value: slaLine(context.sla.response) },
          { label: 'SLA time to resolve', value: slaLine(context.sla.resolve) },
        ]
      : []),
    {
      label: 'Latest escalation',
      value: escalation ? oneLine(`${describeEvent(escalation)} (${zonedTimeText(escalation.at)}, by ${authorText(escalation.author)})`) : 'none',
    },
    { label: 'Next update due', value: updateDueText(incident, updateDue(incident, events, context), context.nowMs) },
  ];
  const checklist = checklistSection(events);
  const systems = systemsSection(events);
  const evidence = evidenceSection(events);
  const review = reviewSection(events);
  const links = linksSection(context.links);
  const description = cleanText(incident.description).trim();
  const sections: BriefingSection[] = [
    ...(systems ? [systems] : []),
    ...(checklist ? [checklist] : []),
    ...(evidence ? [evidence] : []),
    ...(links ? [links] : []),
    { heading: 'Description', kind: 'text', items: [description === '' ? '—' : description] },
    // NIST SP 800-61's record, where written: what happens next first, for whoever takes over.
    ...(['nextSteps', 'indicators', 'impactAssessment', 'contacts'] as const).flatMap((field): BriefingSection[] => {
      const text = cleanText(incident[field] ?? '').trim();
      return text === '' ? [] : [{ heading: FIELD_LABELS[field], kind: 'text', items: [text] }];
    }),
    ...(review ? [review] : []),
    timelineSection(events, context.numberOf),
  ];
  return {
    title: `${incident.number} — ${oneLine(incident.title)}`,
    major: incident.major,
    exercise: incident.exercise === true,
    fields,
    sections,
    footer: `${purpose === 'printed' ? 'Printed' : 'Copied'} ${localTimeWithOffset(context.nowMs)} from Lantern on this device`,
  };
}

/** Indents every line after the first, so an entry's own line breaks stay inside it. */
function indentRest(text: string, indent: string): string {
  return text.split('\n').join(`\n${indent}`);
}

/** The briefing as plain text (never HTML): aligned fields, then the sections, then the footer. */
export function briefingText(briefing: Briefing): string {
  const width = Math.max(...briefing.fields.map((field) => field.label.length)) + 2;
  const lines: string[] = ['INCIDENT BRIEFING', briefing.title];
  if (briefing.exercise) lines.push('*** EXERCISE - NOT A REAL INCIDENT ***');
  if (briefing.major) lines.push('*** MAJOR INCIDENT ***');
  lines.push('');
  for (const field of briefing.fields) lines.push(`${`${field.label}:`.padEnd(width)}${field.value}`);
  for (const section of briefing.sections) {
    lines.push('', `${section.heading.toUpperCase()}${section.detail ? ` (${section.detail})` : ''}`);
    for (const item of section.items) lines.push(section.kind === 'list' ? `- ${indentRest(item, '  ')}` : item);
  }
  lines.push('', '--', briefing.footer);
  // Marked at the end too, as exercise messages are: a page read on its own still says it is a drill.
  if (briefing.exercise) lines.push('*** EXERCISE - NOT A REAL INCIDENT ***');
  return `${lines.join('\n')}\n`;
}

/** Shorthand: the full briefing as plain text. */
export function buildBriefingText(incident: Incident, events: readonly TimelineEvent[], context: BriefingContext, purpose: BriefingPurpose = 'copied'): string {
  return briefingText(buildBriefing(incident, events, context, purpose));
}
