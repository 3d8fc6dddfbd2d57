// An activity log (HICS 214) of one person on one incident: the header the form asks for and their timed entries, as plain text or for print.
import { activityLines, TIMELINE_KIND_LABELS, type ActivityPerson, type Author, type Incident, type TimelineEvent } from '../../../shared/domain';
import { formatPathOrDash } from '../format';
import { cleanText, localTimeWithOffset, oneLine, zonedTimeText } from './briefing-words';
import { describeEvent } from './timeline-text';

export interface ActivityLogRequest {
  readonly person: ActivityPerson;
  /** The operational period, epoch ms, both ends included. */
  readonly fromMs: number;
  readonly toMs: number;
  readonly nowMs: number;
  /** Who prepares the log (the person at the keyboard); undefined when nobody has said who is working. */
  readonly preparedBy: Author | undefined;
}

export interface ActivityLogRow {
  /** The entry's recorded time, local with its offset (and the recorder's, when it differed). */
  readonly time: string;
  /** "Note", "Status", … */
  readonly kind: string;
  /** What the entry says; may hold line breaks. */
  readonly activity: string;
  /** "Corrected 27 Nov 2026 14:10 UTC+01:00 by Ana Ruiz: …", one per later correction. */
  readonly corrections: readonly string[];
}

export interface ActivityLog {
  readonly title: string;
  readonly exercise: boolean;
  readonly fields: readonly { readonly label: string; readonly value: string }[];
  readonly rows: readonly ActivityLogRow[];
  readonly preparedBy: string;
  readonly footer: string;
}

function authorText(author: Author): string {
  return author.position ? `${oneLine(author.name)} (${oneLine(author.position)})` : oneLine(author.name);
}

/** The log of `request.person` on `incident`: HICS 214's header fields, then every entry of theirs in the period. */
export function buildActivityLog(incident: Incident, events: readonly TimelineEvent[], request: ActivityLogRequest, purpose: 'copied' | 'printed'): ActivityLog {
  const { person } = request;
  const rows = activityLines(events, person.key, request.fromMs, request.toMs).map(({ event, corrections }): ActivityLogRow => ({
    time: zonedTimeText(event.at),
    kind: TIMELINE_KIND_LABELS[event.kind],
    activity: cleanText(describeEvent(event)).trim(),
    corrections: corrections.map((correction) => {
      const text = correction.kind === 'correction' || correction.kind === 'note' ? oneLine(correction.text) : '';
      return `Corrected ${zonedTimeText(correction.at)} by ${authorText(correction.author)}: ${text}`;
    }),
  }));
  return {
    title: `${incident.number} — ${oneLine(incident.title)}`,
    exercise: incident.exercise === true,
    fields: [
      { label: 'Incident', value: `${incident.number} — ${oneLine(incident.title)}` },
      { label: 'Site', value: oneLine(formatPathOrDash(incident.site)) },
      { label: 'Name', value: oneLine(person.name) },
      { label: 'Position', value: person.position === undefined ? '—' : oneLine(person.position) },
      { label: 'Operational period', value: `${localTimeWithOffset(request.fromMs)} to ${localTimeWithOffset(request.toMs)}` },
    ],
    rows,
    preparedBy: `${request.preparedBy ? authorText(request.preparedBy) : 'Name not given on this device'}, ${localTimeWithOffset(request.nowMs)}`,
    footer: `${purpose === 'printed' ? 'Printed' : 'Copied'} ${localTimeWithOffset(request.nowMs)} from Lantern on this device`,
  };
}

/** "3 entries", "1 entry", "no entries". */
export function entryCount(count: number): string {
  return count === 0 ? 'no entries' : `${count} ${count === 1 ? 'entry' : 'entries'}`;
}

/** The log as plain text (never HTML): header fields aligned, then one block per entry, then who prepared it. */
export function activityLogText(log: ActivityLog): string {
  const width = Math.max(...log.fields.map((field) => field.label.length)) + 2;
  const lines: string[] = ['ACTIVITY LOG (HICS 214)', log.title];
  if (log.exercise) lines.push('*** EXERCISE - NOT A REAL INCIDENT ***');
  lines.push('');
  for (const field of log.fields) lines.push(`${`${field.label}:`.padEnd(width)}${field.value}`);
  lines.push('', `NOTABLE ACTIVITIES (${entryCount(log.rows.length)}, oldest first)`);
  if (log.rows.length === 0) lines.push('None in this period.');
  for (const row of log.rows) {
    lines.push(`- ${row.time} · ${row.kind}`);
    for (const line of [...(row.activity === '' ? [] : row.activity.split('\n')), ...row.corrections]) lines.push(`  ${line}`);
  }
  lines.push('', `Prepared by: ${log.preparedBy}`, '--', log.footer);
  // Marked at the end too, as exercise messages are: a page read on its own still says it is a drill.
  if (log.exercise) lines.push('*** EXERCISE - NOT A REAL INCIDENT ***');
  return `${lines.join('\n')}\n`;
}
