// Incidents as CSV for spreadsheets: one row each, people's words for values, times with their recorder's offset.
import Papa from 'papaparse';
import { formatPath, LEVEL_LABELS, PRIORITY_LABELS, STATUS_LABELS, type Incident, type SlaClock, type SlaClocks, type ZonedTime } from '../../../shared/domain';

/**
 * Cells a spreadsheet would run as a formula (CSV injection, OWASP): "=", "+", "-", "@", tab, CR and their full-width
 * forms. papaparse's own pattern ends in `.*$`, which misses a formula followed by a line break, so ours is anchored
 * at the start only. Such cells get a leading apostrophe, which spreadsheets show as text.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

const two = (n: number) => String(n).padStart(2, '0');

/** "2026-11-27T14:30:00+01:00": the instant in the recorder's local time with its offset (ISO 8601, sorts and parses). */
export function isoWithOffset(time: ZonedTime): string {
  const ms = Date.parse(time.utc);
  if (!Number.isFinite(ms)) return time.utc;
  const offset = Math.round(time.offsetMinutes);
  const local = new Date(ms + offset * 60_000);
  const abs = Math.abs(offset);
  const zone = `${offset < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
  return `${local.getUTCFullYear()}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())}T${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())}${zone}`;
}

const text = (value: string | null | undefined) => value ?? '';
/** "2026-11-27T13:48:58Z": the milliseconds mean nothing to a reader and keep spreadsheets from reading a date. */
const wholeSeconds = (iso: string) => iso.replace(/\.\d+Z$/, 'Z');
const yesNo = (value: boolean | undefined) => (value === true ? 'Yes' : 'No');

/**
 * One clock's result in a word a spreadsheet filter lists: "Met" / "Missed" once stopped (as the list says), "Running"
 * or "Overdue" while it runs, "Paused" while on hold (whether it is already late is in "Breached").
 */
function clockResult(clock: SlaClock): string {
  if (clock.state === 'stopped') return clock.threshold === 'breached' ? 'Missed' : 'Met';
  if (clock.state === 'paused') return 'Paused';
  return clock.threshold === 'breached' ? 'Overdue' : 'Running';
}

/**
 * An SLA cell: empty when the clocks were not read; `notJudged` for a cancelled incident, whose clocks are not judged
 * (the list says "n/a — cancelled", Statistics leave it out), so a count of breaches or of met targets skips it too.
 */
function slaCell(incident: Incident, facts: CsvRowFacts, value: (sla: SlaClocks) => string, notJudged = 'n/a'): string {
  if (!facts.sla) return '';
  return incident.status === 'cancelled' ? notJudged : value(facts.sla);
}

/** The minutes the clock counted (on-hold time and time outside its calendar left out), whole as the detail view shows them. */
const clockMinutes = (clock: SlaClock) => String(Math.floor(clock.elapsedMs / 60_000));

/** What a row says that the incident itself does not hold: read from the database per page (export-incidents.ts). */
export interface CsvRowFacts {
  /** When it was last resolved (its current resolution, as the briefing says); null unless resolved or closed. */
  readonly resolvedAt: ZonedTime | null;
  /** The number of the incident it duplicates; null when none or that incident is not on this computer. */
  readonly duplicateOfNumber: string | null;
  /** Both SLA clocks at the moment of the export, as the list's SLA column judges them; left out: the SLA cells stay empty. */
  readonly sla?: SlaClocks | null;
}

export type CsvFactsOf = (incident: Incident) => CsvRowFacts;

const NO_FACTS: CsvFactsOf = () => ({ resolvedAt: null, duplicateOfNumber: null });

/**
 * The columns, in order: header and value. The exercise mark is its own column (DOMAIN.md: marked on every export).
 * Times in the recorder's offset (Occurred, Detected, Reported, Resolved at), the record's own stamps in UTC; the SLA
 * clocks' results and minutes as of the export (empty when the clocks were not read); another
 * incident is named by its number (Duplicate of), never by its id, which nobody can read.
 */
export const CSV_COLUMNS: readonly { readonly header: string; readonly value: (incident: Incident, facts: CsvRowFacts) => string }[] = [
  { header: 'Number', value: (i) => i.number },
  { header: 'Title', value: (i) => i.title },
  { header: 'Exercise', value: (i) => yesNo(i.exercise) },
  { header: 'Status', value: (i) => STATUS_LABELS[i.status] ?? i.status },
  { header: 'Priority', value: (i) => PRIORITY_LABELS[i.priority] ?? String(i.priority) },
  { header: 'Impact', value: (i) => `${i.impact} ${LEVEL_LABELS[i.impact] ?? ''}`.trim() },
  { header: 'Urgency', value: (i) => `${i.urgency} ${LEVEL_LABELS[i.urgency] ?? ''}`.trim() },
  { header: 'Major incident', value: (i) => yesNo(i.major) },
  // Next to the flag it goes with: who commands a major incident (empty when nobody is named).
  { header: 'Incident commander', value: (i) => text(i.commander) },
  { header: 'Category', value: (i) => formatPath(i.category) },
  { header: 'Site', value: (i) => formatPath(i.site) },
  { header: 'Team', value: (i) => text(i.team) },
  { header: 'Assignee', value: (i) => text(i.assignee) },
  { header: 'Reporter', value: (i) => text(i.reporter) },
  { header: 'Occurred at', value: (i) => isoWithOffset(i.occurredAt) },
  { header: 'Detected at', value: (i) => (i.detectedAt ? isoWithOffset(i.detectedAt) : '') },
  { header: 'Reported at', value: (i) => isoWithOffset(i.reportedAt) },
  { header: 'Resolved at', value: (_, facts) => (facts.resolvedAt ? isoWithOffset(facts.resolvedAt) : '') },
  // The SLA clocks as of the export: whether each target was met and how long it took, so reports need no re-counting.
  { header: 'Time to own result', value: (i, facts) => slaCell(i, facts, (sla) => clockResult(sla.response)) },
  { header: 'Time to own (min)', value: (i, facts) => slaCell(i, facts, (sla) => clockMinutes(sla.response), '') },
  { header: 'Time to resolve result', value: (i, facts) => slaCell(i, facts, (sla) => clockResult(sla.resolve)) },
  { header: 'Time to resolve (min)', value: (i, facts) => slaCell(i, facts, (sla) => clockMinutes(sla.resolve), '') },
  { header: 'Breached', value: (i, facts) => slaCell(i, facts, (sla) => yesNo(sla.response.threshold === 'breached' || sla.resolve.threshold === 'breached')) },
  { header: 'Recorded at (UTC)', value: (i) => wholeSeconds(i.createdAt) },
  { header: 'Updated at (UTC)', value: (i) => wholeSeconds(i.updatedAt) },
  { header: 'Recorded by', value: (i) => i.createdBy.name },
  { header: 'Hold reason', value: (i) => text(i.holdReason) },
  { header: 'Resolution code', value: (i) => text(i.resolutionCode) },
  { header: 'Resolution notes', value: (i) => text(i.resolutionNotes) },
  { header: 'Cancel reason', value: (i) => text(i.cancelReason) },
  { header: 'Duplicate of', value: (_, facts) => text(facts.duplicateOfNumber) },
  { header: 'Tags', value: (i) => i.tags.join(', ') },
  { header: 'Description', value: (i) => i.description },
  { header: 'Indicators / symptoms', value: (i) => text(i.indicators) },
  { header: 'Impact assessment', value: (i) => text(i.impactAssessment) },
  { header: 'Next steps', value: (i) => text(i.nextSteps) },
  { header: 'Contacts', value: (i) => text(i.contacts) },
  { header: 'Id', value: (i) => i.id },
];

/**
 * CSV lines (CRLF, RFC 4180 quoting) for these incidents; with the header line when `header` is set. `factsOf` gives
 * what the incident does not hold (left out: those cells stay empty).
 */
export function incidentsToCsv(incidents: readonly Incident[], header: boolean, factsOf: CsvFactsOf = NO_FACTS): string {
  const rows = incidents.map((incident) => {
    const facts = factsOf(incident);
    return CSV_COLUMNS.map((column) => column.value(incident, facts));
  });
  if (rows.length === 0 && !header) return '';
  const csv = Papa.unparse({ fields: CSV_COLUMNS.map((column) => column.header), data: rows }, { header, newline: '\r\n', escapeFormulae: FORMULA_START });
  // Every chunk ends with a line break, so chunks of pages concatenate into one file.
  return csv === '' ? '' : `${csv}\r\n`;
}
