// Exporting a list view: every matching incident once, in the list's order, across pages; JSON parses; cancel saves nothing.
import 'fake-indexeddb/auto';
import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository, findIncidentsPage, toIncidentRow, type FindQuery } from '../../../../renderer/db';
import type { LanternDb } from '../../../../renderer/db/database';
import { EXPORT_PAGE_SIZE, ExportCancelled, exportFileName, exportIncidents } from '../../../../renderer/features/export/export-incidents';
import { newId, type Incident, type Status } from '../../../../shared/domain';
import { freshDb, START_MS, testClock } from '../db/db-test-kit';

let db: LanternDb;
afterEach(() => db?.close());

const ROWS = EXPORT_PAGE_SIZE * 2 + 37;
const STATUSES: Status[] = ['new', 'in_progress', 'resolved'];

/** More incidents than two export pages, updatedAt repeating in pairs (page ends fall inside ties); every 10th an exercise. */
async function seed(): Promise<Incident[]> {
  db = freshDb('export');
  const first = await createIncidentRepository(db, testClock()).record({ title: 'Seed' });
  if (!first.ok) throw new Error(first.error.message);
  const rows = Array.from({ length: ROWS }, (_, i): Incident => ({
    ...first.value,
    id: newId(),
    number: `${first.value.number.slice(0, 4)}-${String(i + 1).padStart(4, '0')}`,
    title: `Pump ${i}`,
    status: STATUSES[i % 3]!,
    ...(i % 10 === 0 ? { exercise: true } : {}),
    updatedAt: new Date(START_MS + Math.floor(i / 2) * 1000).toISOString(),
  }));
  await db.incidents.clear();
  await db.incidents.bulkAdd(rows.map((row) => toIncidentRow(row)));
  return rows;
}

async function listed(query: FindQuery): Promise<string[]> {
  return (await findIncidentsPage(db, query, { limit: ROWS + 10 })).map((incident) => incident.number);
}

describe('exportIncidents', () => {
  it('CSV: one header, every incident of the view once, in the list order, with progress per page', async () => {
    await seed();
    const progress: number[] = [];
    const result = await exportIncidents(db, {}, 'csv', { onProgress: (n) => progress.push(n), now: new Date(2026, 10, 27, 14, 5) });
    expect(result.count).toBe(ROWS);
    expect(result.exercises).toBe(Math.ceil(ROWS / 10));
    expect(result.fileName).toBe('lantern-incidents-2026-11-27-1405.csv');
    expect(progress).toEqual([EXPORT_PAGE_SIZE, EXPORT_PAGE_SIZE * 2, ROWS]);
    // UTF-8 with a byte order mark, so spreadsheet programs read accents right (text() decodes it away).
    expect([...new Uint8Array(await result.blob.slice(0, 3).arrayBuffer())]).toEqual([0xef, 0xbb, 0xbf]);
    const text = await result.blob.text();
    const rows = Papa.parse<string[]>(text.trimEnd(), { newline: '\r\n' }).data;
    expect(rows[0]![0]).toBe('Number');
    expect(rows.slice(1).map((row) => row[0])).toEqual(await listed({}));
  });

  it('exports only what the view shows (a filter), and JSON carries every field and the counts', async () => {
    const all = await seed();
    const query: FindQuery = { statuses: ['resolved'] };
    const result = await exportIncidents(db, query, 'json');
    const parsed = JSON.parse(await result.blob.text()) as { format: string; version: number; count: number; exercises: number; incidents: Incident[] };
    expect(parsed).toMatchObject({ format: 'lantern-incidents', version: 1, count: all.filter((i) => i.status === 'resolved').length });
    expect(parsed.incidents.map((i) => i.number)).toEqual(await listed(query));
    expect(parsed.incidents.every((i) => i.status === 'resolved')).toBe(true);
    expect(parsed.exercises).toBe(parsed.incidents.filter((i) => i.exercise === true).length);
    expect(parsed.incidents[0]).toHaveProperty('stamps');
  });

  it('an empty view gives a CSV with just the header and a JSON with no incidents', async () => {
    await seed();
    const csv = await exportIncidents(db, { text: 'nosuchword' }, 'csv');
    expect(csv.count).toBe(0);
    expect((await csv.blob.text()).trimEnd().split('\r\n')).toHaveLength(1);
    const json = JSON.parse(await (await exportIncidents(db, { text: 'nosuchword' }, 'json')).blob.text()) as { incidents: unknown[]; count: number };
    expect(json).toMatchObject({ incidents: [], count: 0 });
  });

  it('says when incidents were written while it read (a row may have moved past it), and not otherwise', async () => {
    await seed();
    expect((await exportIncidents(db, {}, 'csv')).changedDuring).toBe(false);
    const repo = createIncidentRepository(db, testClock(START_MS + 86_400_000));
    let wrote = false;
    const result = await exportIncidents(db, {}, 'csv', { onProgress: () => {
      if (wrote) return;
      wrote = true;
      void repo.record({ title: 'Recorded during the export' });
    } });
    expect(result.changedDuring).toBe(true);
  });

  it('stops when cancelled, between pages', async () => {
    await seed();
    const controller = new AbortController();
    const reached: number[] = [];
    const run = exportIncidents(db, {}, 'csv', { signal: controller.signal, onProgress: (n) => {
      reached.push(n);
      controller.abort();
    } });
    await expect(run).rejects.toBeInstanceOf(ExportCancelled);
    expect(reached).toEqual([EXPORT_PAGE_SIZE]);
  });
});

describe('exportFileName', () => {
  it('names the file by local date and time', () => {
    expect(exportFileName('json', new Date(2026, 0, 5, 9, 7))).toBe('lantern-incidents-2026-01-05-0907.json');
  });
});
