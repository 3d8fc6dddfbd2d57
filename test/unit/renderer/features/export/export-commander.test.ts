// The incident commander in the exports: a CSV column next to "Major incident", and the record's own field in the JSON.
import 'fake-indexeddb/auto';
import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository, type LanternDb } from '../../../../../renderer/db';
import { exportIncidents } from '../../../../../renderer/features/export/export-incidents';
import { CSV_COLUMNS } from '../../../../../renderer/features/export/incident-csv';
import { freshDb, must, testClock } from '../../db/db-test-kit';

let db: LanternDb;
afterEach(() => db?.close());

const parse = (csv: string) => Papa.parse<string[]>(csv.trimEnd(), { newline: '\r\n' }).data;

async function seeded(): Promise<void> {
  db = freshDb('export-commander');
  const repo = createIncidentRepository(db, testClock());
  const commanded = must(await repo.record({ title: 'Water outage, ward 3', major: true }));
  must(await repo.edit(commanded.id, { commander: '=Ana Diaz' }));
  must(await repo.record({ title: 'Lift stuck', major: true }));
  must(await repo.record({ title: 'Printer jam' }));
}

describe('the incident commander in the exports', () => {
  it('is the CSV column after "Major incident": the name (a formula start defused), empty when none', async () => {
    await seeded();
    const headers = CSV_COLUMNS.map((c) => c.header);
    expect(headers.indexOf('Incident commander')).toBe(headers.indexOf('Major incident') + 1);
    const [header, ...rows] = parse(await (await exportIncidents(db, {}, 'csv')).blob.text().then((text) => text.replace(/^\uFEFF/, '')));
    const at = (name: string) => header!.indexOf(name);
    const byTitle = new Map(rows.map((row) => [row[at('Title')], [row[at('Major incident')], row[at('Incident commander')]]]));
    expect(byTitle.get('Water outage, ward 3')).toEqual(['Yes', `'=Ana Diaz`]);
    expect(byTitle.get('Lift stuck')).toEqual(['Yes', '']);
    expect(byTitle.get('Printer jam')).toEqual(['No', '']);
  });

  it('is the commander field of the incident in the JSON', async () => {
    await seeded();
    const json = JSON.parse(await (await exportIncidents(db, {}, 'json')).blob.text()) as { incidents: { title: string; major: boolean; commander?: string | null }[] };
    const byTitle = new Map(json.incidents.map((incident) => [incident.title, incident]));
    expect(byTitle.get('Water outage, ward 3')).toMatchObject({ major: true, commander: '=Ana Diaz' });
    expect(byTitle.get('Lift stuck')?.commander ?? null).toBeNull();
  });
});
