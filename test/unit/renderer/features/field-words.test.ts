// Field names and values in the UI's words (timeline entries, conflicts): labels, statuses, levels, flags, paths, intervals.
import { describe, expect, it } from 'vitest';
import { fieldLabel, fieldValueText, namesIncident } from '../../../../renderer/features/field-words';
import { describeEvent } from '../../../../renderer/features/incidents/timeline-text';

describe('field words', () => {
  it('names fields as the forms do', () => {
    expect(fieldLabel('holdReason')).toBe('Hold reason');
    expect(fieldLabel('major')).toBe('Major incident');
    expect(fieldLabel('reopenReason')).toBe('Reopen reason');
    expect(fieldLabel('somethingNew')).toBe('somethingNew');
  });

  it('shows values in words, never internal codes', () => {
    expect(fieldValueText('status', 'in_progress')).toBe('In progress');
    expect(fieldValueText('impact', 2)).toBe('2 — Medium');
    expect(fieldValueText('urgency', 1)).toBe('1 — High');
    expect(fieldValueText('major', true)).toBe('Yes');
    expect(fieldValueText('site', ['Main campus', 'Block A'])).toBe('Main campus › Block A');
    expect(fieldValueText('assignee', null)).toBe('—');
    expect(fieldValueText('updateEveryMinutes', 0)).toBe('none');
    expect(fieldValueText('updateEveryMinutes', null)).toBe('default');
    expect(fieldValueText('title', 'Pump <b>3</b>')).toBe('Pump <b>3</b>');
  });

  it('never shows another incident\'s raw id for a field that names one (the views that can, show its number)', () => {
    const id = '0190a000-0000-7000-8000-0000000000a1';
    expect(namesIncident('duplicateOf')).toBe(true);
    expect(namesIncident('title')).toBe(false);
    expect(fieldValueText('duplicateOf', id)).toBe('another incident');
    expect(fieldValueText('duplicateOf', null)).toBe('—');
  });

  it('a field change on the timeline reads in the same words', () => {
    const text = describeEvent({
      id: '0190a000-0000-7000-8000-000000000001',
      incidentId: '0190a000-0000-7000-8000-000000000002',
      kind: 'fields_changed',
      at: { utc: '2026-11-26T12:00:00.000Z', offsetMinutes: 60 },
      author: { name: 'Ana' },
      hlc: '001795694400000-0001-dev-a',
      changes: [
        { field: 'impact', from: 3, to: 1 },
        { field: 'major', from: false, to: true },
      ],
    } as Parameters<typeof describeEvent>[0]);
    expect(text).toBe('Impact: 3 — Low → 1 — High · Major incident: No → Yes');
  });
});
