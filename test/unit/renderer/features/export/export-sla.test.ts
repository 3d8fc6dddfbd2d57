// The CSV's SLA columns: each clock's result and counted minutes, and whether any target was breached, as the list judges them.
import 'fake-indexeddb/auto';
import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository, type LanternDb } from '../../../../../renderer/db';
import { exportIncidents } from '../../../../../renderer/features/export/export-incidents';
import { CSV_COLUMNS, incidentsToCsv } from '../../../../../renderer/features/export/incident-csv';
import { recordIncident } from '../../../../../shared/domain';
import { makeCtx, PREFIX } from '../../../shared/domain/fixtures';
import { freshDb, must, START_MS, testClock } from '../../db/db-test-kit';

const MIN = 60_000;
const SLA_HEADERS = ['Time to own result', 'Time to own (min)', 'Time to resolve result', 'Time to resolve (min)', 'Breached'];
const RESOLVE = { assignee: 'Ana Field', resolutionCode: 'Fixed', resolutionNotes: 'Breaker reset' };

let db: LanternDb;
afterEach(() => db?.close());

const parse = (csv: string) => Papa.parse<string[]>(csv.trimEnd(), { newline: '\r\n' }).data;
const column = (header: string) => CSV_COLUMNS.findIndex((c) => c.header === header);

/** The SLA cells of each exported row, by title. */
async function slaCells(nowMs: number): Promise<Map<string, string[]>> {
  const rows = parse(await (await exportIncidents(db, {}, 'csv', { now: new Date(nowMs) })).blob.text()).slice(1);
  return new Map(rows.map((row) => [row[column('Title')]!, SLA_HEADERS.map((header) => row[column(header)]!)]));
}

describe('CSV SLA columns', () => {
  it('come right after Resolved at, and stay empty when the clocks are not known', () => {
    const headers = CSV_COLUMNS.map((c) => c.header);
    expect(headers.slice(headers.indexOf('Resolved at') + 1, headers.indexOf('Resolved at') + 6)).toEqual(SLA_HEADERS);
    const result = recordIncident({ title: 'Block A no lights' }, 7, PREFIX, makeCtx());
    if (!result.ok) throw new Error(result.error.message);
    const [, row] = parse(incidentsToCsv([result.value.incident], true));
    expect(SLA_HEADERS.map((header) => row![column(header)])).toEqual(['', '', '', '', '']);
  });

  it('give each clock its result and minutes as the list counts them, at the moment of the export', async () => {
    db = freshDb('csv-sla');
    const clock = testClock();
    const repo = createIncidentRepository(db, clock);
    // P1 under the default (gold) policy: 15 min to own, 1 h to resolve.
    const late = must(await repo.record({ title: 'Owned in time, resolved late', impact: 1, urgency: 1 }));
    const waiting = must(await repo.record({ title: 'Nobody owns it', impact: 1, urgency: 1 }));
    const held = must(await repo.record({ title: 'On hold', impact: 1, urgency: 1 }));
    clock.set(START_MS + 10 * MIN);
    must(await repo.changeStatus(late.id, 'assigned', { team: 'Electrical' }));
    must(await repo.changeStatus(held.id, 'on_hold', { team: 'Electrical', holdReason: 'Awaiting vendor' }));
    clock.set(START_MS + 2 * 60 * MIN);
    must(await repo.changeStatus(late.id, 'resolved', RESOLVE));

    const cells = await slaCells(START_MS + 3 * 60 * MIN);
    expect(cells.get('Owned in time, resolved late')).toEqual(['Met', '10', 'Missed', '120', 'Yes']);
    expect(cells.get('Nobody owns it')).toEqual(['Overdue', '180', 'Overdue', '180', 'Yes']);
    expect(cells.get('On hold')).toEqual(['Met', '10', 'Paused', '10', 'No']);
    expect(waiting.status).toBe('new');
  });

  it('judges no clock of a cancelled incident, as the list and Statistics do', async () => {
    db = freshDb('csv-sla-cancelled');
    const clock = testClock();
    const repo = createIncidentRepository(db, clock);
    const cancelled = must(await repo.record({ title: 'Logged twice', impact: 1, urgency: 1 }));
    clock.set(START_MS + 2 * 60 * MIN);
    must(await repo.changeStatus(cancelled.id, 'cancelled', { cancelReason: 'Logged in error' }));
    const cells = await slaCells(START_MS + 3 * 60 * MIN);
    expect(cells.get('Logged twice')).toEqual(['n/a', '', 'n/a', '', 'n/a']);
  });

  it('says Running while a clock has time left', async () => {
    db = freshDb('csv-sla-running');
    const repo = createIncidentRepository(db, testClock());
    must(await repo.record({ title: 'Just recorded', impact: 1, urgency: 1 }));
    const cells = await slaCells(START_MS + 5 * MIN);
    expect(cells.get('Just recorded')).toEqual(['Running', '5', 'Running', '5', 'No']);
  });
});
