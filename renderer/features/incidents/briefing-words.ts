// Words of a briefing: text from other devices made safe and plain (one line, ASCII for SMS, clipped, fitted to an SMS), and times with their UTC offset.
import { formatUtcOffset, STATUS_LABELS, type Author, type Incident, type Status, type TimelineEvent, type ZonedTime } from '../../../shared/domain';
import { clockMarkTag } from '../clock-mark-words';
import { formatLocal, formatLocalClock } from '../format';

/** "Ana Diaz (Facility Unit Leader)": a person as every briefing line names them. */
export function authorText(author: Author): string {
  return author.position ? `${author.name} (${author.position})` : author.name;
}

const ENDED_STATUSES: ReadonlySet<Status> = new Set(['resolved', 'closed', 'cancelled']);

/** "none (incident closed)": what a briefing says of something an ended incident no longer has or needs; null while it is open. */
export function endedText(status: Status): string | null {
  return ENDED_STATUSES.has(status) ? `none (incident ${STATUS_LABELS[status].toLowerCase()})` : null;
}

/**
 * The incident commander as a briefing names them, on one line; on a major incident without one, "none yet" while it
 * is open and "none (incident closed)" once it ended (nobody is still to be named); null (left out) on an incident that
 * is neither major nor commanded, as the detail view leaves the field out.
 */
export function commanderText(incident: Pick<Incident, 'major' | 'commander' | 'status'>): string | null {
  const name = oneLine(incident.commander ?? '').trim();
  if (name !== '') return name;
  return incident.major ? (endedText(incident.status) ?? 'none yet') : null;
}

// ---------------------------------------------------------------------------
// Text hygiene: entries come from other devices and HQ, so nothing in them may steer the layout.
// ---------------------------------------------------------------------------

/** C0/C1 controls (but tab and line breaks) and the bidi overrides that could make printed text read differently. */
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** Keeps line breaks (normalised to \n) and drops controls. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(UNSAFE_CHARACTERS, '').replace(/\t/g, ' ');
}

/** One line: every run of whitespace (line breaks too) becomes one space. */
export function oneLine(text: string): string {
  return cleanText(text).replace(/\s+/g, ' ').trim();
}

/** Typography the app uses, spelled so any phone, pager or radio operator's log can carry it (GSM-7 has none of it). */
const ASCII_REPLACEMENTS: ReadonlyArray<readonly [RegExp, string]> = [
  [/[\u2012-\u2015\u2212]/g, '-'],
  [/\u203A/g, '>'],
  [/\u2039/g, '<'],
  [/\u2026/g, '...'],
  [/\u2192/g, '->'],
  [/\u00D7/g, 'x'],
  [/\u00B7/g, '-'],
  [/[\u2018\u2019]/g, "'"],
  [/[\u201C\u201D]/g, '"'],
  [/[\u00A0\u2007\u202F]/g, ' '],
];

export function asciiFriendly(text: string): string {
  return ASCII_REPLACEMENTS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

/** Cuts text to at most `max` characters, at a word boundary when one is near, marked with "...". */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 4) return '';
  const cut = text.slice(0, max - 3);
  const space = cut.lastIndexOf(' ');
  const head = space >= cut.length * 0.6 ? cut.slice(0, space) : cut;
  return `${head.replace(/[\s,;:.>/(-]+$/, '')}...`;
}

/** A fact of the short update (SMS / radio), see fitSegments. */
export interface Segment {
  readonly text: string;
  /** Flexible segments are shortened (longest first) when the update would pass the limit; fixed ones never are. */
  readonly flexible: boolean;
}

const SEPARATOR = ' - ';

/** Joins the segments within `limit`: flexible ones share what the fixed ones leave, each cut to one common cap. */
export function fitSegments(segments: readonly Segment[], limit: number): string {
  const joined = segments.map((s) => s.text).join(SEPARATOR);
  if (joined.length <= limit) return joined;
  const fixed = segments.filter((s) => !s.flexible).reduce((sum, s) => sum + s.text.length, 0);
  const budget = limit - fixed - SEPARATOR.length * (segments.length - 1);
  const lengths = segments.filter((s) => s.flexible).map((s) => s.text.length).sort((a, b) => a - b);
  // The largest cap with sum(min(length, cap)) <= budget: short facts stay whole, the long ones are cut evenly.
  let cap = 0;
  let used = 0;
  for (let i = 0; i < lengths.length; i += 1) {
    const remaining = lengths.length - i;
    const even = Math.floor((budget - used) / remaining);
    if (lengths[i]! <= even) {
      used += lengths[i]!;
      cap = lengths[i]!;
    } else {
      cap = even;
      break;
    }
  }
  const fitted = segments
    .map((s) => (s.flexible ? clip(s.text, cap) : s.text))
    .filter((text) => text !== '')
    .join(SEPARATOR);
  // Only reachable with a tiny limit (the fixed facts alone do not fit): never hand out more than was asked for.
  return fitted.length <= limit ? fitted : clip(fitted, limit);
}

// ---------------------------------------------------------------------------
// Times: the reader's local time, always with its UTC offset (a briefing travels to people in other zones).
// ---------------------------------------------------------------------------

/** The reader's offset at that instant (east of UTC; DST-aware), never -0. */
export function readerOffsetAt(ms: number): number {
  const offset = -new Date(ms).getTimezoneOffset();
  return offset === 0 ? 0 : offset;
}

/** "26 Nov 2026 14:30 UTC+01:00" for an instant. */
export function localTimeWithOffset(ms: number): string {
  return `${formatLocal(new Date(ms).toISOString())} ${formatUtcOffset(readerOffsetAt(ms))}`;
}

/** A recorded time in local time with the offset, plus the recorder's own offset when it was not ours. */
export function zonedTimeText(time: ZonedTime): string {
  const ms = Date.parse(time.utc);
  const text = localTimeWithOffset(ms);
  return time.offsetMinutes === readerOffsetAt(ms) ? text : `${text} (recorded at ${formatUtcOffset(time.offsetMinutes)})`;
}

/** An entry's recorded time as zonedTimeText, plus its clock mark ("(clock not checked)") when it has one. */
export function entryTimeText(event: Pick<TimelineEvent, 'at' | 'clock'>): string {
  const time = zonedTimeText(event.at);
  return event.clock ? `${time} (${clockMarkTag(event.clock)})` : time;
}

/** "14:30" today, "27 Nov 2026 14:30" on another day (local). */
export const clockText = formatLocalClock;
