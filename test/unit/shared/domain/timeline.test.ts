// Tests for timeline.ts: the append-only event schema for each kind, against valid and hostile shapes.
import { describe, expect, it } from 'vitest';
import { newId } from '../../../../shared/domain/ids';
import { fieldChangeSchema, TIMELINE_KIND_LABELS, timelineEventSchema } from '../../../../shared/domain/timeline';
import { stamp } from './fixtures';

function base(): Record<string, unknown> {
  return {
    id: '0190f5c2-7a1b-7c3d-8e4f-a1b2c3d4e5f7',
    incidentId: '0190f5c2-7a1b-7c3d-8e4f-a1b2c3d4e5f6',
    at: { utc: '2026-11-26T14:30:00.000Z', offsetMinutes: 60 },
    hlc: stamp(Date.UTC(2026, 10, 26, 14, 30)),
    deviceId: 'device-test-01',
    author: { name: 'Ana Field' },
  };
}

const note = (text: unknown, extra: Record<string, unknown> = {}) => ({ ...base(), kind: 'note', text, ...extra });
const statusChanged = (details: unknown) => ({ ...base(), kind: 'status_changed', from: 'in_progress', to: 'on_hold', details });
const fieldsChanged = (changes: unknown) => ({ ...base(), kind: 'fields_changed', changes });

function firstMessage(value: unknown): string | undefined {
  const result = timelineEventSchema.safeParse(value);
  return result.success ? undefined : result.error.issues[0]?.message;
}

describe('timelineEventSchema: valid events', () => {
  it.each([
    ['created', { ...base(), kind: 'created', title: 'Generator B failed to start' }],
    ['fields_changed', fieldsChanged([{ field: 'impact', from: 3, to: 1 }, { field: 'tags', from: [], to: ['generator'] }])],
    ['fields_changed with null and zoned times', fieldsChanged([{ field: 'detectedAt', from: null, to: { utc: '2026-11-26T14:10:00Z', offsetMinutes: 60 } }])],
    ['status_changed', statusChanged({ holdReason: 'Awaiting parts' })],
    ['status_changed without details', statusChanged({})],
    ['note', note('Fuel level checked: 80 %.')],
    ['correcting note', note('Correction: 60 %.', { corrects: newId() })],
  ])('parses a %s event unchanged', (_kind, event) => {
    expect(timelineEventSchema.parse(event)).toEqual(event);
  });

  it('keeps HTML and script text as plain data', () => {
    const text = '<script>alert(document.domain)</script><img src=x onerror=alert(1)>';
    expect(timelineEventSchema.parse(note(text))).toMatchObject({ text });
  });

  it('has a label for every kind', () => {
    expect(Object.keys(TIMELINE_KIND_LABELS).sort()).toEqual(['checklist_added', 'checklist_ticked', 'communication', 'communication_reply', 'correction', 'created', 'custody', 'escalated', 'fields_changed', 'linked', 'note', 'review', 'status_changed', 'system_status']);
  });
});

describe('timelineEventSchema: hostile shapes', () => {
  it('refuses a 1 MB note and a note one character over the limit, saying the limit', () => {
    expect(firstMessage(note('x'.repeat(1024 * 1024)))).toBe('Notes are limited to 20,000 characters');
    expect(firstMessage(note('x'.repeat(20_001)))).toBe('Notes are limited to 20,000 characters');
    expect(firstMessage(note('x'.repeat(20_000)))).toBeUndefined();
  });

  it('refuses an empty or blank note', () => {
    expect(firstMessage(note(''))).toBe('Write something first');
    expect(firstMessage(note(' \n\t '))).toBe('Write something first');
  });

  it.each([
    ['unknown kind', { ...base(), kind: 'deleted' }],
    ['missing kind', base()],
    ['note text as number', note(42)],
    ['corrects not a uuid', note('x', { corrects: 'event-1' })],
    ['bad id', { ...note('x'), id: 'x' }],
    ['bad incidentId', { ...note('x'), incidentId: 42 }],
    ['bad hlc', { ...note('x'), hlc: '2026-11-26' }],
    ['bad at', { ...note('x'), at: { utc: '3000-01-01T00:00:00Z', offsetMinutes: 0 } }],
    ['missing author', { ...note('x'), author: undefined }],
    ['empty deviceId', { ...note('x'), deviceId: '' }],
    ['status out of enum', { ...statusChanged({}), to: 'archived' }],
    ['details not strings', statusChanged({ holdReason: 7 })],
    ['details too long', statusChanged({ resolutionNotes: 'x'.repeat(20_001) })],
    ['details with a huge key', statusChanged({ ['k'.repeat(61)]: 'v' })],
    ['too many details', statusChanged(Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v'])))],
    ['no changes', fieldsChanged([])],
    ['41 changes', fieldsChanged(Array.from({ length: 41 }, () => ({ field: 'title', from: 'a', to: 'b' })))],
    ['change of a non-field', fieldsChanged([{ field: 'priority', from: 1, to: 2 }])],
    ['change without from', fieldsChanged([{ field: 'title', to: 'b' }])],
    ['1 MB change value', fieldsChanged([{ field: 'description', from: '', to: 'x'.repeat(1024 * 1024) }])],
    ['nested object value', fieldsChanged([{ field: 'title', from: 'a', to: { a: { b: { c: 'd' } } } }])],
    ['huge array value', fieldsChanged([{ field: 'tags', from: [], to: Array.from({ length: 10_000 }, () => 't') }])],
    ['created title too long', { ...base(), kind: 'created', title: 'x'.repeat(201) }],
  ])('refuses %s', (_name, value) => {
    expect(timelineEventSchema.safeParse(value).success).toBe(false);
  });

  it('says why a status detail is too long', () => {
    expect(firstMessage(statusChanged({ reopenReason: 'x'.repeat(20_001) }))).toBe('Each detail is limited to 20,000 characters');
  });

  it('drops __proto__ keys in details without touching prototypes', () => {
    const hostile: unknown = JSON.parse(
      JSON.stringify(statusChanged({ holdReason: 'Awaiting parts' })).replace('"details":{', '"details":{"__proto__":{"polluted":"yes"},'),
    );
    const parsed = timelineEventSchema.parse(hostile);
    if (parsed.kind !== 'status_changed') throw new Error('wrong kind');
    expect(parsed.details).toEqual({ holdReason: 'Awaiting parts' });
    expect(Object.getPrototypeOf(parsed.details)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('fieldChangeSchema', () => {
  it('accepts every kind of synced field value', () => {
    for (const value of [null, true, 2, 'text', ['a', 'b'], { utc: '2026-11-26T14:10:00Z', offsetMinutes: 60 }]) {
      expect(fieldChangeSchema.safeParse({ field: 'title', from: value, to: value }).success).toBe(true);
    }
  });

  it('refuses values no synced field can hold', () => {
    for (const value of [undefined, Number.NaN, { a: 1 }, [1, 2], () => 1]) {
      expect(fieldChangeSchema.safeParse({ field: 'title', from: 'a', to: value }).success).toBe(false);
    }
  });
});
