// The CSV export's rows: RFC 4180 quoting, formulas defused, the exercise mark, times with their recorder's offset.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, incidentsToCsv, isoWithOffset } from '../../../../renderer/features/export/incident-csv';
import { recordIncident, type Incident } from '../../../../shared/domain';
import { makeCtx, PREFIX } from '../../shared/domain/fixtures';

function incident(title: string, extra: Partial<Incident> = {}): Incident {
  const result = recordIncident({ title, description: 'Line one\nline two, with "quotes"' }, 7, PREFIX, makeCtx());
  if (!result.ok) throw new Error(result.error.message);
  return { ...result.value.incident, ...extra };
}

const parse = (csv: string) => Papa.parse<string[]>(csv.trimEnd(), { newline: '\r\n' }).data;
const column = (header: string) => CSV_COLUMNS.findIndex((c) => c.header === header);

describe('incidentsToCsv', () => {
  it('writes a header once and one row per incident that parses back to the same text', () => {
    const rows = parse(incidentsToCsv([incident('Generator B, "load test"'), incident('Chiller 2')], true));
    expect(rows[0]).toEqual(CSV_COLUMNS.map((c) => c.header));
    expect(rows).toHaveLength(3);
    expect(rows[1]![column('Title')]).toBe('Generator B, "load test"');
    expect(rows[1]![column('Description')]).toBe('Line one\nline two, with "quotes"');
    expect(parse(incidentsToCsv([incident('Chiller 2')], false))).toHaveLength(1);
    expect(incidentsToCsv([], false)).toBe('');
  });

  it('defuses text a spreadsheet would run as a formula, also when a line break follows it', () => {
    for (const title of ['=HYPERLINK("http://evil.test","x")', '+1+1', '-2+3', '@SUM(A1)', '=1+1\nsecond line', '\t=1', '＝1']) {
      // Set on the object: a title from another system's data need not have passed this app's trimming.
      const [, row] = parse(incidentsToCsv([incident('x', { title })], true));
      expect(row![column('Title')]).toBe(`'${title}`);
    }
    // Ordinary text that merely contains those characters is left alone.
    const [, row] = parse(incidentsToCsv([incident('Pump 3 - vibration = high')], true));
    expect(row![column('Title')]).toBe('Pump 3 - vibration = high');
  });

  it('marks exercises, and writes times in the recorder’s offset', () => {
    const drill = incident('Drill: lift stuck', { exercise: true, occurredAt: { utc: '2026-11-27T13:05:00.000Z', offsetMinutes: -300 } });
    const [, row] = parse(incidentsToCsv([drill], true));
    expect(row![column('Exercise')]).toBe('Yes');
    expect(row![column('Occurred at')]).toBe('2026-11-27T08:05:00-05:00');
    expect(parse(incidentsToCsv([incident('Real')], true))[1]![column('Exercise')]).toBe('No');
    const [, times] = parse(incidentsToCsv([incident('Real', { createdAt: '2026-11-27T13:48:58.994Z' })], true));
    expect(times![column('Recorded at (UTC)')]).toBe('2026-11-27T13:48:58Z');
  });
});

describe('isoWithOffset', () => {
  it('shows the local wall time with its offset, across midnight and for half-hour zones', () => {
    expect(isoWithOffset({ utc: '2026-11-27T23:30:00.000Z', offsetMinutes: 60 })).toBe('2026-11-28T00:30:00+01:00');
    expect(isoWithOffset({ utc: '2026-11-27T10:00:00.000Z', offsetMinutes: 330 })).toBe('2026-11-27T15:30:00+05:30');
    expect(isoWithOffset({ utc: '2026-11-27T10:00:00.000Z', offsetMinutes: 0 })).toBe('2026-11-27T10:00:00+00:00');
  });
});
