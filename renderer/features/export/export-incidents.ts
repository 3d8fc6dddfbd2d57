// Reads the incidents of a list view page by page and builds an export file (CSV or JSON), with progress and cancel.
import { findIncidentsPage, listOrder, type FindQuery, type LanternDb, type ListKey } from '../../db';
import type { Incident } from '../../../shared/domain';
import { incidentsToCsv } from './incident-csv';

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

const two = (n: number) => String(n).padStart(2, '0');

/** "lantern-incidents-2026-11-27-1405.csv" in local time: sorts by date and says what it is. */
export function exportFileName(format: ExportFormat, now: Date): string {
  const stamp = `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}-${two(now.getHours())}${two(now.getMinutes())}`;
  return `lantern-incidents-${stamp}.${format}`;
}

/**
 * Every incident `query` lists, in the list's order, as one file. Pages continue from the previous page's last key
 * (as the list does), so an edit during the export never repeats or skips a row it already passed. The file is built
 * from one part per page, never one string of everything. Throws ExportCancelled when `signal` aborts.
 */
export async function exportIncidents(db: LanternDb, query: FindQuery, format: ExportFormat, options: ExportOptions = {}): Promise<ExportResult> {
  const now = options.now ?? new Date();
  // The breaching-soon filter is judged at one instant for the whole file.
  const fixed: FindQuery = { ...query, nowMs: query.nowMs ?? now.getTime() };
  const order = listOrder(fixed.sort);
  const parts: string[] = [];
  let count = 0;
  let exercises = 0;
  let after: ListKey | undefined;
  if (format === 'json') parts.push(`{"format":"lantern-incidents","version":1,"exportedAt":${JSON.stringify(now.toISOString())},"incidents":[`);
  for (;;) {
    if (options.signal?.aborted) throw new ExportCancelled();
    const page: Incident[] = await findIncidentsPage(db, fixed, { limit: EXPORT_PAGE_SIZE, ...(after ? { after } : {}) });
    if (format === 'csv') {
      const chunk = incidentsToCsv(page, count === 0);
      if (chunk !== '') parts.push(chunk);
    } else if (page.length > 0) {
      parts.push(`${count === 0 ? '' : ','}${page.map((incident) => JSON.stringify(incident)).join(',')}`);
    }
    count += page.length;
    exercises += page.filter((incident) => incident.exercise === true).length;
    options.onProgress?.(count);
    if (page.length < EXPORT_PAGE_SIZE) break;
    after = order.keyOf(page[page.length - 1]!);
  }
  if (format === 'json') parts.push(`],"count":${count},"exercises":${exercises}}\n`);
  // A BOM so spreadsheet programs read the CSV as UTF-8 (accents, non-Latin names); JSON parsers need none.
  const blob = new Blob(format === 'csv' ? ['\uFEFF', ...parts] : parts, { type: format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json' });
  return { blob, fileName: exportFileName(format, now), count, exercises };
}
