// The CSV's "Resolved at" (the current resolution, in the resolver's offset) and "Duplicate of" (the survivor's number) columns.
import 'fake-indexeddb/auto';
import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository, type LanternDb } from '../../../../../renderer/db';
import { exportIncidents } from '../../../../../renderer/features/export/export-incidents';
import { CSV_COLUMNS, incidentsToCsv } from '../../../../../renderer/features/export/incident-csv';
import { recordIncident, type Incident } from '../../../../../shared/domain';
import { makeCtx, PREFIX } from '../../../shared/domain/fixtures';
import { freshDb, must, START_MS, testClock } from '../../db/db-test-kit';

const HOUR = 3_600_000;
const RESOLVE = { assignee: 'Ana Field', resolutionCode: 'Fixed', resolutionNotes: 'Breaker reset' };

let db: LanternDb;
afterEach(() => db?.close());

const parse = (csv: string) => Papa.parse<string[]>(csv.trimEnd(), { newline: '\r\n' }).data;
const column = (header: string) => CSV_COLUMNS.findIndex((c) => c.header === header);

/** The exported CSV's rows by title: the cells of `header`. */
async function exported(header: string): Promise<Map<string, string>> {
  const rows = parse(await (await exportIncidents(db, {}, 'csv')).blob.text()).slice(1);
  return new Map(rows.map((row) => [row[column('Title')]!, row[column(header)]!]));
}

describe('CSV columns', () => {
  it('lists the columns in this order (the header row people map their spreadsheets by)', () => {
    expect(CSV_COLUMNS.map((c) => c.header)).toEqual([
      'Number', 'Title', 'Exercise', 'Status', 'Priority', 'Impact', 'Urgency', 'Major incident', 'Incident commander', 'Category', 'Site', 'Team', 'Assignee',
      'Reporter', 'Occurred at', 'Detected at', 'Reported at', 'Resolved at',
      'Time to own result', 'Time to own (min)', 'Time to resolve result', 'Time to resolve (min)', 'Breached', 'Recorded at (UTC)', 'Updated at (UTC)', 'Recorded by',
      'Hold reason', 'Resolution code', 'Resolution notes', 'Cancel reason', 'Duplicate of', 'Tags', 'Description', 'Indicators / symptoms',
      'Impact assessment', 'Next steps', 'Contacts', 'Id',
    ]);
  });

  it('writes what the row facts say, empty without them, and defuses a formula in them too', () => {
    const result = recordIncident({ title: 'Block A no lights' }, 7, PREFIX, makeCtx());
    if (!result.ok) throw new Error(result.error.message);
    const incident: Incident = result.value.incident;
    const [, bare] = parse(incidentsToCsv([incident], true));
    expect([bare![column('Resolved at')], bare![column('Duplicate of')]]).toEqual(['', '']);
    const facts = { resolvedAt: { utc: '2026-11-27T13:05:00.000Z', offsetMinutes: -300 }, duplicateOfNumber: '=HYPERLINK("x")' };
    const [, row] = parse(incidentsToCsv([incident], true, () => facts));
    expect(row![column('Resolved at')]).toBe('2026-11-27T08:05:00-05:00');
    expect(row![column('Duplicate of')]).toBe(`'=HYPERLINK("x")`);
  });
});

describe('exportIncidents: Resolved at and Duplicate of', () => {
  it('gives the time of the last resolution in its recorder’s offset, for resolved and closed incidents only', async () => {
    db = freshDb('csv-resolved');
    const here = testClock(START_MS, 60);
    const west = testClock(START_MS + 3 * HOUR, -300);
    const repo = createIncidentRepository(db, here);
    const resolvedTwice = must(await repo.record({ title: 'Resolved twice' }));
    const closed = must(await repo.record({ title: 'Closed' }));
    const reopened = must(await repo.record({ title: 'Reopened' }));
    must(await repo.record({ title: 'Still open' }));
    here.set(START_MS + HOUR);
    for (const incident of [resolvedTwice, closed, reopened]) must(await repo.changeStatus(incident.id, 'resolved', RESOLVE));
    here.set(START_MS + 2 * HOUR);
    must(await repo.changeStatus(closed.id, 'closed', {}));
    for (const incident of [resolvedTwice, reopened]) must(await repo.changeStatus(incident.id, 'in_progress', { reopenReason: 'Tripped again' }));
    // Resolved again on a laptop five hours behind UTC: its own offset, as the other time columns are written.
    must(await createIncidentRepository(db, west).changeStatus(resolvedTwice.id, 'resolved', RESOLVE));

    const resolvedAt = await exported('Resolved at');
    expect(resolvedAt.get('Resolved twice')).toBe('2026-11-26T12:00:00-05:00');
    expect(resolvedAt.get('Closed')).toBe('2026-11-26T16:00:00+01:00');
    expect(resolvedAt.get('Reopened')).toBe('');
    expect(resolvedAt.get('Still open')).toBe('');
  });

  it('names the incident a cancelled one duplicates by its number; empty when none or not on this computer', async () => {
    db = freshDb('csv-duplicate');
    const repo = createIncidentRepository(db, testClock());
    const survivor = must(await repo.record({ title: 'Block A dark' }));
    const duplicate = must(await repo.record({ title: 'Block A no lights' }));
    const orphan = must(await repo.record({ title: 'Block A without power' }));
    must(await repo.changeStatus(duplicate.id, 'cancelled', { cancelReason: 'Recorded twice', duplicateOf: survivor.id }));
    // Its survivor was recorded on a laptop whose incidents have not reached this one.
    must(await repo.changeStatus(orphan.id, 'cancelled', { cancelReason: 'Recorded twice', duplicateOf: '01a21bfc-8cc1-7758-9ed0-4286e9dc4999' }));

    const duplicateOf = await exported('Duplicate of');
    expect(duplicateOf.get('Block A no lights')).toBe(survivor.number);
    expect(duplicateOf.get('Block A without power')).toBe('');
    expect(duplicateOf.get('Block A dark')).toBe('');
  });
});
