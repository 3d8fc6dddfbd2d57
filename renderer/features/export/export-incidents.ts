// Reads the incidents of a list view page by page and builds an export file (CSV or JSON), with progress and cancel.
import { format as formatDate } from 'date-fns';
import { findIncidentsPage, listOrder, type FindQuery, type LanternDb, type ListKey } from '../../db';
import { currentResolution, type Incident, type SlaPolicySet, type TimelineEvent } from '../../../shared/domain';
import { readIncidentNumbers } from '../../db/links';
import { loadTimelines, slaClocksOf, slaInputsOf } from '../../db/sla';
import { readSlaPolicySet } from '../../db/sla-policies';
import { incidentWriteMark } from '../../db/write-mark';
import { incidentsToCsv, type CsvFactsOf } from './incident-csv';

export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Rows read per page: large enough that 100,000 incidents take a few hundred reads, small enough to stay responsive. */
export const EXPORT_PAGE_SIZE = 500;

export interface ExportResult {
  readonly blob: Blob;
  readonly fileName: string;
  readonly count: number;
  /** How many of them are exercises (drills), so the person is told before sharing the file. */
  readonly exercises: number;
  /**
   * Incidents were written while the export read (an edit, an automatic change, a sync): a row that moved in the
   * list's order during the walk may be missing or show its older state, so the person is told to export again.
   */
  readonly changedDuring: boolean;
}

export interface ExportOptions {
  readonly onProgress?: (exported: number) => void;
  readonly signal?: AbortSignal;
  /** The time written into the file name and the JSON header. */
  readonly now?: Date;
}

export class ExportCancelled extends Error {
  constructor() {
    super('The export was cancelled; no file was saved.');
    this.name = 'ExportCancelled';
  }
}

/** "lantern-incidents-2026-11-27-1405.csv" in local time: sorts by date and says what it is. */
export function exportFileName(format: ExportFormat, now: Date): string {
  return `lantern-incidents-${formatDate(now, 'yyyy-MM-dd-HHmm')}.${format}`;
}

/** How the SLA columns are judged: the policies in force and one instant for the whole file. */
interface CsvSlaBasis {
  readonly policies: SlaPolicySet;
  readonly nowMs: number;
}

/**
 * What the CSV rows of `page` need besides the incidents: when each resolved or closed one was last resolved (its
 * current resolution, as the briefing and detail view derive it, with the resolver's offset), the numbers of the
 * incidents duplicated, and the SLA clocks. Only those incidents' timelines are read, in one query for the page; the
 * clocks come from the SLA changes each row holds, as the list's SLA cells do (a row without them: one read for the page).
 */
async function readCsvFacts(db: LanternDb, page: readonly Incident[], basis: CsvSlaBasis): Promise<CsvFactsOf> {
  const resolvedIds = page.filter((incident) => incident.status === 'resolved' || incident.status === 'closed').map((incident) => incident.id);
  const survivorIds = page.flatMap((incident) => (incident.duplicateOf ? [incident.duplicateOf] : []));
  const [events, numbers, timelines] = await Promise.all([
    resolvedIds.length === 0 ? Promise.resolve<TimelineEvent[]>([]) : db.timeline.where('incidentId').anyOf(resolvedIds).toArray(),
    readIncidentNumbers(db, survivorIds),
    loadTimelines(db, page),
  ]);
  // Status changes only: the rest of each timeline is dropped with this page.
  const statusChanges = new Map<string, TimelineEvent[]>();
  for (const event of events) {
    if (event.kind !== 'status_changed') continue;
    const list = statusChanges.get(event.incidentId);
    if (list) list.push(event);
    else statusChanges.set(event.incidentId, [event]);
  }
  return (incident) => {
    const timeline = timelines.get(incident.id);
    return {
      resolvedAt: incident.status === 'resolved' || incident.status === 'closed' ? (currentResolution(statusChanges.get(incident.id) ?? [])?.at ?? null) : null,
      duplicateOfNumber: incident.duplicateOf ? (numbers.get(incident.duplicateOf) ?? null) : null,
      // The incident, not only its priority, as the list passes it: its levels anchor the priority history the clocks follow.
      sla: timeline ? slaClocksOf(slaInputsOf(timeline, incident, basis.policies), incident, basis.nowMs) : null,
    };
  };
}

/**
 * Every incident `query` lists, in the list's order, as one file. Pages continue from the previous page's last key
 * (as the list does). Not one read transaction for a consistent copy: a large export would hold every save and sync
 * back for its whole length; writes during the walk are detected instead (changedDuring). The file is built from one
 * Blob per page, never one string of everything. Throws ExportCancelled when `signal` aborts.
 */
export async function exportIncidents(db: LanternDb, query: FindQuery, format: ExportFormat, options: ExportOptions = {}): Promise<ExportResult> {
  const now = options.now ?? new Date();
  const markBefore = await incidentWriteMark(db);
  // The breaching-soon filter is judged at one instant for the whole file.
  const fixed: FindQuery = { ...query, nowMs: query.nowMs ?? now.getTime() };
  const order = listOrder(fixed.sort);
  // Read once: every row's SLA cells are judged under the same policies, at the same instant as the filter.
  const slaBasis: CsvSlaBasis = { policies: await readSlaPolicySet(db), nowMs: fixed.nowMs ?? now.getTime() };
  // A Blob per page: the browser may keep its bytes outside the page's heap, and the text is dropped at once.
  const parts: Blob[] = [];
  const part = (text: string) => parts.push(new Blob([text]));
  let count = 0;
  let exercises = 0;
  let after: ListKey | undefined;
  if (format === 'json') part(`{"format":"lantern-incidents","version":1,"exportedAt":${JSON.stringify(now.toISOString())},"incidents":[`);
  for (;;) {
    if (options.signal?.aborted) throw new ExportCancelled();
    const page: Incident[] = await findIncidentsPage(db, fixed, { limit: EXPORT_PAGE_SIZE, ...(after ? { after } : {}) });
    if (format === 'csv') {
      const chunk = incidentsToCsv(page, count === 0, await readCsvFacts(db, page, slaBasis));
      if (chunk !== '') part(chunk);
    } else if (page.length > 0) {
      part(`${count === 0 ? '' : ','}${page.map((incident) => JSON.stringify(incident)).join(',')}`);
    }
    count += page.length;
    exercises += page.filter((incident) => incident.exercise === true).length;
    options.onProgress?.(count);
    if (page.length < EXPORT_PAGE_SIZE) break;
    after = order.keyOf(page[page.length - 1]!);
  }
  if (format === 'json') part(`],"count":${count},"exercises":${exercises}}\n`);
  // A BOM so spreadsheet programs read the CSV as UTF-8 (accents, non-Latin names); JSON parsers need none.
  const blob = new Blob(format === 'csv' ? ['\uFEFF', ...parts] : parts, { type: format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json' });
  const changedDuring = (await incidentWriteMark(db)) !== markBefore;
  return { blob, fileName: exportFileName(format, now), count, exercises, changedDuring };
}
