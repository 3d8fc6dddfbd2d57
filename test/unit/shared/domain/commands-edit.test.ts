// Tests for editIncident (commands.ts): only real changes are recorded, stamped and synced; refusals.
import { describe, expect, it } from 'vitest';
import {
  changeStatus,
  type CommandResult,
  editIncident,
  type EditableFields,
  type Incident,
  incidentSchema,
  timelineEventSchema,
} from '../../../../shared/domain';
import { deepFreeze, laterCtx, makeCtx, recorded, snapshot } from './fixtures';

function ok(result: CommandResult) {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function edit(incident: Incident, edits: Partial<EditableFields>, ctx = laterCtx()): CommandResult {
  return editIncident(incident, deepFreeze(edits), deepFreeze(ctx));
}

describe('editIncident', () => {
  it('puts only the changed fields into change.set and the event', () => {
    const incident = recorded({ title: 'Lift stuck', impact: 3 });
    const ctx = laterCtx();
    const { incident: next, event, change } = ok(edit(incident, { title: 'Lift stuck', impact: 1, description: 'Two people inside' }, ctx));
    expect(change.set).toEqual({ impact: 1, description: 'Two people inside' });
    expect(event).toMatchObject({
      kind: 'fields_changed',
      incidentId: incident.id,
      hlc: ctx.hlc,
      at: ctx.now,
      changes: [
        { field: 'impact', from: 3, to: 1 },
        { field: 'description', from: '', to: 'Two people inside' },
      ],
    });
    expect(change.event).toBe(event);
    expect(change.init).toBeUndefined();
    expect(next).toMatchObject({ title: 'Lift stuck', impact: 1, description: 'Two people inside', updatedAt: ctx.now.utc });
  });

  it('stamps only the changed fields with the new HLC', () => {
    const incident = recorded();
    const ctx = laterCtx();
    const { incident: next } = ok(edit(incident, { major: true, tags: ['lift'] }, ctx));
    for (const [field, value] of Object.entries(next.stamps)) {
      expect(value, field).toBe(field === 'major' || field === 'tags' ? ctx.hlc : incident.stamps[field]);
    }
  });

  it('re-derives priority when impact or urgency change', () => {
    const incident = recorded({ impact: 3, urgency: 3 });
    expect(incident.priority).toBe(4);
    const raised = ok(edit(incident, { impact: 1 })).incident;
    expect(raised.priority).toBe(3);
    const both = ok(edit(raised, { urgency: 1 }, laterCtx(2))).incident;
    expect(both.priority).toBe(1);
  });

  it('uses a custom matrix when re-deriving priority', () => {
    const incident = recorded({ impact: 3, urgency: 3 });
    const ctx = laterCtx(1, { priorityMatrix: [[5, 5, 5], [5, 5, 5], [5, 5, 2]] });
    expect(ok(edit(incident, { title: 'Renamed' }, ctx)).incident.priority).toBe(2);
  });

  it('refuses an edit that changes nothing, including trimmed-equal text and reordered keys', () => {
    const incident = recorded({ title: 'Lift stuck', occurredAt: { utc: '2026-03-28T22:05:00.000Z', offsetMinutes: 60 } });
    expect(edit(incident, {})).toMatchObject({ ok: false, error: { code: 'no-change', message: 'Nothing changed.' } });
    expect(edit(incident, { title: '  Lift stuck ' })).toMatchObject({ ok: false, error: { code: 'no-change' } });
    expect(edit(incident, { occurredAt: { offsetMinutes: 60, utc: '2026-03-28T22:05:00.000Z' } })).toMatchObject({
      ok: false,
      error: { code: 'no-change' },
    });
    expect(edit(incident, { impact: incident.impact, tags: [...incident.tags] })).toMatchObject({ ok: false, error: { code: 'no-change' } });
  });

  it('sees no change when a stored value only differs in key order (e.g. merged from HQ)', () => {
    const incident = recorded();
    const reordered = deepFreeze({ ...incident, occurredAt: { offsetMinutes: incident.occurredAt.offsetMinutes, utc: incident.occurredAt.utc } });
    const { change, event } = ok(edit(reordered, { occurredAt: { ...incident.occurredAt }, major: true }));
    expect(change.set).toEqual({ major: true });
    expect(event).toMatchObject({ changes: [{ field: 'major', from: false, to: true }] });
  });

  it('ignores fields explicitly set to undefined instead of erasing them', () => {
    const incident = recorded({ title: 'Lift stuck' });
    const { change } = ok(edit(incident, { title: undefined, major: true } as Partial<EditableFields>));
    expect(change.set).toEqual({ major: true });
    expect(edit(incident, { title: undefined } as Partial<EditableFields>)).toMatchObject({ ok: false, error: { code: 'no-change' } });
  });

  it('records null ⇄ value changes of nullable fields', () => {
    const incident = recorded();
    const assigned = ok(edit(incident, { assignee: 'Sam', detectedAt: { utc: '2026-03-29T00:10:00Z', offsetMinutes: 60 } }));
    expect(assigned.change.set).toEqual({ assignee: 'Sam', detectedAt: { utc: '2026-03-29T00:10:00Z', offsetMinutes: 60 } });
    const cleared = ok(edit(assigned.incident, { assignee: null }, laterCtx(2)));
    expect(cleared.event).toMatchObject({ changes: [{ field: 'assignee', from: 'Sam', to: null }] });
  });

  it.each(['closed', 'cancelled'] as const)('is read-only once the incident is %s', (status) => {
    let incident = recorded();
    if (status === 'cancelled') incident = ok(changeStatus(incident, 'cancelled', { cancelReason: 'Drill' }, laterCtx(1))).incident;
    else {
      incident = ok(changeStatus(incident, 'resolved', { resolutionCode: 'Fixed', resolutionNotes: 'Reset' }, laterCtx(1))).incident;
      incident = ok(changeStatus(incident, 'closed', {}, laterCtx(2))).incident;
    }
    const result = edit(deepFreeze(incident), { title: 'Too late' }, laterCtx(3));
    expect(result).toMatchObject({ ok: false, error: { code: 'read-only' } });
    expect(!result.ok && result.error.message).toContain('Add a note instead');
    // The exercise mark alone stays correctable (reports tell drills from real incidents by it); not with other fields.
    const marked = ok(edit(deepFreeze(incident), { exercise: true }, laterCtx(4)));
    expect(marked.incident).toMatchObject({ exercise: true, status });
    expect(marked.event).toMatchObject({ kind: 'fields_changed', changes: [{ field: 'exercise', from: null, to: true }] });
    expect(edit(deepFreeze(incident), { exercise: true, title: 'Sneaked in' }, laterCtx(4))).toMatchObject({ ok: false, error: { code: 'read-only' } });
  });

  it.each(['status', 'priority', 'id', 'number', 'stamps', 'holdReason', 'resolutionCode', 'cancelReason', 'createdBy', 'constructor'])(
    'refuses the field %s, which cannot be edited directly',
    (field) => {
      const result = edit(recorded(), { [field]: 'x' } as Partial<EditableFields>);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', field } });
      expect(!result.ok && result.error.message).toContain('cannot be edited directly');
    },
  );

  it('refuses a __proto__ key arriving from JSON and leaves prototypes alone', () => {
    const edits = JSON.parse('{"__proto__": {"polluted": true}, "title": "x"}') as Partial<EditableFields>;
    expect(edit(recorded(), edits)).toMatchObject({ ok: false, error: { code: 'invalid-input', field: '__proto__' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    [{ title: '' }, 'title', 'Enter a title'],
    [{ title: 'x'.repeat(201) }, 'title', 'Titles are limited to 200 characters'],
    [{ description: 'x'.repeat(1024 * 1024) }, 'description', 'Descriptions are limited to 20,000 characters'],
    [{ impact: 7 as 1 }, 'impact', /./],
    [{ occurredAt: { utc: '2026-02-30T10:00:00Z', offsetMinutes: 0 } }, 'occurredAt', 'Time is not a real date'],
    [{ category: 'Facility' as unknown as string[] }, 'category', /./],
  ] as const)('refuses invalid values %j with a message', (edits, field, message) => {
    const result = edit(recorded(), edits as Partial<EditableFields>);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', field } });
    expect(!result.ok && result.error.message).toMatch(message);
  });

  it('returns results that validate, and never mutates the (frozen) incident', () => {
    const incident = recorded();
    const before = snapshot(incident);
    const { incident: next, event } = ok(edit(incident, { title: 'New', tags: ['a', 'b'], site: ['Block A'] }));
    expect(snapshot(incident)).toBe(before);
    expect(next).not.toBe(incident);
    expect(next.stamps).not.toBe(incident.stamps);
    expect(incidentSchema.parse(next)).toEqual(next);
    expect(timelineEventSchema.parse(event)).toEqual(event);
  });

  it('keeps the identity and creation fields', () => {
    const incident = recorded();
    const { incident: next } = ok(edit(incident, { title: 'New' }, makeCtx({ deviceId: 'other-device', author: { name: 'Bo' } })));
    expect(next).toMatchObject({
      id: incident.id,
      number: incident.number,
      createdAt: incident.createdAt,
      createdBy: incident.createdBy,
      originDeviceId: incident.originDeviceId,
    });
  });
});

describe('editIncident keeps an owner on owned incidents', () => {
  it.each(['assigned', 'in_progress'] as const)('refuses to clear both team and assignee of a %s incident, and changes nothing', (status) => {
    const owned = ok(changeStatus(recorded(), status, { assignee: 'Sam', team: 'IT' }, laterCtx(1))).incident;
    const result = edit(deepFreeze(owned), { assignee: null, team: null }, laterCtx(2));
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-value', field: 'assignee', message: expect.stringMatching(/needs an owner: choose another team or person/) } });
  });

  it('refuses to clear the only owner left, but lets one of the two go', () => {
    const owned = ok(changeStatus(recorded(), 'assigned', { assignee: 'Sam', team: 'IT' }, laterCtx(1))).incident;
    const teamOnly = ok(edit(owned, { assignee: null }, laterCtx(2))).incident;
    expect(teamOnly).toMatchObject({ status: 'assigned', assignee: null, team: 'IT' });
    expect(edit(teamOnly, { team: null }, laterCtx(3))).toMatchObject({ ok: false, error: { field: 'team' } });
    expect(ok(edit(teamOnly, { team: 'Facilities' }, laterCtx(3))).incident.team).toBe('Facilities');
  });

  it('lets a new or on-hold incident lose its owner (nobody needs to own those)', () => {
    const fresh = ok(edit(recorded(), { team: 'IT' }, laterCtx(1))).incident;
    expect(ok(edit(fresh, { team: null }, laterCtx(2))).incident).toMatchObject({ status: 'new', team: null });
    const held = ok(changeStatus(fresh, 'on_hold', { holdReason: 'Awaiting vendor' }, laterCtx(3))).incident;
    expect(ok(edit(held, { team: null }, laterCtx(4))).incident).toMatchObject({ status: 'on_hold', team: null, assignee: null });
  });
});
