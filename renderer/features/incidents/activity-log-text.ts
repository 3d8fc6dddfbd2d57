// An activity log (HICS 214) of one person on one incident: the header the form asks for and their timed entries, as plain text or for print.
import { activityLines, correctedBy, formatUtcOffset, type ActivityPerson, type Author, type Incident, type TimelineEvent } from '../../../shared/domain';
import { clockMarkTag, likelyTime } from '../clock-mark-words';
import { formatLocal, formatPathOrDash } from '../format';
import { cleanText, localTimeWithOffset, oneLine, readerOffsetAt } from './briefing-words';
import { describeEvent, entryKindLabel, summarizeEvent, type IncidentNumberOf } from './timeline-text';

export interface ActivityLogRequest {
  readonly person: ActivityPerson;
  /** The operational period, epoch ms: from `fromMs` up to (not including) `toMs`; Infinity: up to now. */
  readonly fromMs: number;
  readonly toMs: number;
  readonly nowMs: number;
  /** The person at the keyboard, named as who printed or copied it; undefined when nobody has said. */
  readonly madeBy: Author | undefined;
  /** Other incidents' numbers, for entries naming one (a link, a duplicate); left out: "another incident". */
  readonly numberOf?: IncidentNumberOf | undefined;
}

export interface ActivityLogRow {
  /** Local time; the offset only where it differs from the log's (a DST change inside the period), and marks. */
  readonly time: string;
  /** "Note", "Status", … */
  readonly kind: string;
  /** What the entry says; may hold line breaks. A correction says first what it corrects. */
  readonly activity: string;
  /** "Corrected 27 Nov 2026 14:10 by Ana Ruiz: …", one per later correction. */
  readonly corrections: readonly string[];
}

export interface ActivityLog {
  readonly title: string;
  readonly exercise: boolean;
  /** One line naming the log, repeated at the top of every printed page: "K7QM-0042 · Ana Ruiz — Unit Leader". */
  readonly pageHeading: string;
  readonly fields: readonly { readonly label: string; readonly value: string }[];
  readonly rows: readonly ActivityLogRow[];
  /** HICS 214's "Prepared by": the person whose log it is, with the date and time it was made. */
  readonly preparedBy: string;
  readonly footer: string;
}

function authorText(author: Pick<Author, 'name' | 'position'>): string {
  return author.position ? `${oneLine(author.name)} (${oneLine(author.position)})` : oneLine(author.name);
}

/**
 * The row's time in the log's zone, with what differs spelled out. A clock found off gives its likely real time too
 * (the log is a formal record); "not checked" is said once in the header instead when it holds for every row.
 */
function rowTime(event: TimelineEvent, logOffset: number, uncheckedSaidOnce = false): string {
  const ms = Date.parse(event.at.utc);
  const offset = readerOffsetAt(ms);
  const parts = [formatLocal(event.at.utc)];
  if (offset !== logOffset) parts.push(formatUtcOffset(offset));
  if (event.at.offsetMinutes !== offset) parts.push(`(recorded at ${formatUtcOffset(event.at.offsetMinutes)})`);
  if (event.clock?.state === 'off') parts.push(`(${clockMarkTag(event.clock)}; real time about ${likelyTime(event.clock.hqMinusDeviceMs, event.at)})`);
  else if (event.clock && !uncheckedSaidOnce) parts.push(`(${clockMarkTag(event.clock)})`);
  return parts.join(' ');
}

/** The log of `request.person` on `incident`: HICS 214's header fields, then every entry of theirs in the period. */
export function buildActivityLog(incident: Incident, events: readonly TimelineEvent[], request: ActivityLogRequest, purpose: 'copied' | 'printed'): ActivityLog {
  const { person, nowMs, numberOf } = request;
  const logOffset = readerOffsetAt(nowMs);
  const lines = activityLines(events, person.key, request.fromMs, request.toMs);
  const allUnchecked = lines.length > 0 && lines.every(({ event }) => event.clock?.state === 'unchecked');
  const rows = lines.map(({ event, corrections, corrects }): ActivityLogRow => {
    const text = cleanText(describeEvent(event, numberOf)).trim();
    const target = corrects === undefined ? null : corrects === null ? 'Corrects an entry not on this computer' : `Corrects ${entryKindLabel(corrects)} of ${rowTime(corrects, logOffset)} by ${authorText(corrects.author)}: ${oneLine(summarizeEvent(corrects, numberOf))}`;
    return {
      time: rowTime(event, logOffset, allUnchecked),
      kind: entryKindLabel(event),
      activity: target === null ? text : `${target}\n${text}`,
      corrections: corrections.map((correction) => {
        const said = correction.kind === 'correction' || correction.kind === 'note' ? oneLine(correction.text) : '';
        // Deeper in the chain: say which correction it corrects, as the timeline does.
        const target = correctedBy(correction);
        const of = target === event.id ? undefined : corrections.find((earlier) => earlier.id === target);
        const which = of ? ` (correcting the correction of ${rowTime(of, logOffset)} by ${authorText(of.author)})` : '';
        return `Corrected ${rowTime(correction, logOffset)} by ${authorText(correction.author)}${which}: ${said}`;
      }),
    };
  });
  const zone = formatUtcOffset(logOffset);
  const end = Number.isFinite(request.toMs) ? formatLocal(new Date(request.toMs).toISOString()) : `${formatLocal(new Date(nowMs).toISOString())} (now)`;
  const number = `${incident.number} — ${oneLine(incident.title)}`;
  const madeBy = request.madeBy ? ` by ${authorText(request.madeBy)}` : '';
  return {
    title: number,
    exercise: incident.exercise === true,
    pageHeading: `${incident.number} · ${authorText(person)}`,
    fields: [
      { label: 'Incident', value: number },
      { label: 'Site', value: oneLine(formatPathOrDash(incident.site)) },
      { label: 'Name', value: oneLine(person.name) },
      { label: 'Position', value: person.position === undefined ? '—' : oneLine(person.position) },
      { label: 'Operational period', value: `${formatLocal(new Date(request.fromMs).toISOString())} to ${end}` },
      { label: 'Times', value: `local time, ${zone}, as each laptop's clock read it` },
      ...(allUnchecked ? [{ label: 'Clock', value: 'not checked against HQ for any entry below (no recent sync)' }] : []),
    ],
    rows,
    preparedBy: `${authorText(person)}, ${localTimeWithOffset(nowMs)}`,
    footer: `${purpose === 'printed' ? 'Printed' : 'Copied'} ${localTimeWithOffset(nowMs)}${madeBy} from Lantern on this device`,
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
