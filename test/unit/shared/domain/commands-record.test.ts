// Tests for recordIncident (commands.ts): defaults, derived priority, stamps, number, created event, refusals.
import { describe, expect, it } from 'vitest';
import {
  type CommandResult,
  incidentSchema,
  isUuidV7,
  type NewIncidentInput,
  recordIncident,
  SYNCED_FIELDS,
  timelineEventSchema,
} from '../../../../shared/domain';
import { deepFreeze, DEVICE_ID, makeCtx, NOW, PREFIX, snapshot } from './fixtures';

function record(input: NewIncidentInput, ctx = makeCtx(), counter = 42, prefix = PREFIX): CommandResult {
  return recordIncident(deepFreeze(input), counter, prefix, deepFreeze(ctx));
}

function ok(result: CommandResult) {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Fields a plain creation leaves out, so its operation stays version 1 (see operationVersionOf). */
const NOT_AT_CREATION = new Set<string>(['exercise', 'indicators', 'impactAssessment', 'contacts', 'nextSteps', 'commander']);

describe('recordIncident', () => {
  it('fills defaults for everything but the title', () => {
    const ctx = makeCtx();
    const { incident } = ok(record({ title: 'Lift 3 stuck between floors' }, ctx));
    expect(incident).toMatchObject({
      title: 'Lift 3 stuck between floors',
      description: '',
      category: [],
      site: [],
      impact: 3,
      urgency: 3,
      priority: 4,
      major: false,
      status: 'new',
      holdReason: null,
      assignee: null,
      team: null,
      reporter: null,
      occurredAt: NOW,
      detectedAt: null,
      reportedAt: NOW,
      resolutionCode: null,
      resolutionNotes: null,
      cancelReason: null,
      duplicateOf: null,
      tags: [],
      number: 'K7QM-0042',
      createdAt: NOW.utc,
      updatedAt: NOW.utc,
      createdBy: ctx.author,
      originDeviceId: DEVICE_ID,
    });
    expect(isUuidV7(incident.id)).toBe(true);
  });

  it('marks an incident recorded during a drill as an exercise, with a stamp so the mark syncs like any field', () => {
    const ctx = makeCtx();
    const { incident, change } = ok(record({ title: 'Drill: generator fails at 14:00', exercise: true }, ctx));
    expect(incident.exercise).toBe(true);
    expect(incident.stamps.exercise).toBe(ctx.hlc);
    expect(change.set).toMatchObject({ exercise: true });
    // A real one carries no mark at all (like incidents recorded before drills existed), so older HQs take it.
    const real = ok(record({ title: 'Lift 3 stuck' }, makeCtx()));
    expect(real.incident).not.toHaveProperty('exercise');
    expect(real.change.set).not.toHaveProperty('exercise');
  });

  it('keeps what the person entered, trimmed', () => {
    const occurredAt = { utc: '2026-03-28T22:05:00Z', offsetMinutes: 60 };
    const detectedAt = { utc: '2026-03-28T23:00:00Z', offsetMinutes: 60 };
    const { incident } = ok(
      record({
        title: '  Generator B failed to start ',
        description: 'Aborted after 3 s.',
        category: ['Facility', ' Generator & UPS '],
        site: ['Main campus', 'Basement'],
        impact: 1,
        urgency: 2,
        major: true,
        reporter: '  Night porter ',
        occurredAt,
        detectedAt,
        tags: ['generator'],
      }),
    );
    expect(incident).toMatchObject({
      title: 'Generator B failed to start',
      category: ['Facility', 'Generator & UPS'],
      reporter: 'Night porter',
      major: true,
      occurredAt,
      detectedAt,
      reportedAt: NOW,
      priority: 2,
    });
  });

  it('turns a blank reporter into null', () => {
    expect(ok(record({ title: 'x', reporter: '   ' })).incident.reporter).toBeNull();
    expect(ok(record({ title: 'x', reporter: null })).incident.reporter).toBeNull();
  });

  it.each([
    [1, 1, 1],
    [1, 3, 3],
    [2, 2, 3],
    [3, 1, 3],
    [3, 3, 4],
  ] as const)('derives priority from impact %i × urgency %i → P%i', (impact, urgency, priority) => {
    expect(ok(record({ title: 'x', impact, urgency })).incident.priority).toBe(priority);
  });

  it('derives priority from a custom matrix in the context', () => {
    const ctx = makeCtx({ priorityMatrix: [[1, 1, 1], [2, 2, 2], [5, 5, 5]] });
    expect(ok(record({ title: 'x' }, ctx)).incident.priority).toBe(5);
  });

  it('stamps every synced field with the context HLC, and nothing else', () => {
    const ctx = makeCtx();
    const { incident } = ok(record({ title: 'x' }, ctx));
    // Every field but the exercise mark, which only drills carry, the NIST record (version 3) and the commander (version 6), written later.
    expect(Object.keys(incident.stamps).sort()).toEqual(SYNCED_FIELDS.filter((field) => !NOT_AT_CREATION.has(field)).sort());
    expect(new Set(Object.values(incident.stamps))).toEqual(new Set([ctx.hlc]));
  });

  it('numbers the incident from device prefix + counter, growing past 9999', () => {
    expect(ok(record({ title: 'x' }, makeCtx(), 1)).incident.number).toBe('K7QM-0001');
    expect(ok(record({ title: 'x' }, makeCtx(), 12345, 'ZZ99')).incident.number).toBe('ZZ99-12345');
  });

  it('writes a created event and a change carrying every field plus the identity', () => {
    const ctx = makeCtx();
    const { incident, event, change } = ok(record({ title: 'Water leak in server room' }, ctx));
    expect(event).toEqual({
      id: expect.any(String),
      incidentId: incident.id,
      at: NOW,
      hlc: ctx.hlc,
      deviceId: DEVICE_ID,
      author: ctx.author,
      kind: 'created',
      title: 'Water leak in server room',
    });
    expect(isUuidV7(event.id)).toBe(true);
    expect(event.id).not.toBe(incident.id);
    expect(change.incidentId).toBe(incident.id);
    expect(change.event).toBe(event);
    expect(change.init).toEqual({ number: 'K7QM-0042', createdAt: NOW.utc, createdBy: ctx.author, originDeviceId: DEVICE_ID });
    expect(Object.keys(change.set).sort()).toEqual(SYNCED_FIELDS.filter((field) => !NOT_AT_CREATION.has(field)).sort());
    for (const field of SYNCED_FIELDS) expect(change.set[field]).toEqual(incident[field]);
  });

  it('produces results that validate against the incident and timeline schemas', () => {
    const { incident, event } = ok(record({ title: '<script>alert(1)</script>', impact: 1, urgency: 1, tags: ['a'] }));
    expect(incidentSchema.parse(incident)).toEqual(incident);
    expect(timelineEventSchema.parse(event)).toEqual(event);
    expect(incident.title).toBe('<script>alert(1)</script>');
  });

  it('does not mutate its input or context (both frozen) and shares no arrays with the input', () => {
    const input = deepFreeze({ title: 'x', category: ['Facility'], tags: ['t'] });
    const ctx = deepFreeze(makeCtx());
    const before = snapshot([input, ctx]);
    const { incident } = ok(recordIncident(input, 1, PREFIX, ctx));
    expect(snapshot([input, ctx])).toBe(before);
    expect(incident.category).not.toBe(input.category);
    expect(incident.tags).not.toBe(input.tags);
  });

  it.each([
    [{ title: '' }, 'title', 'Enter a title'],
    [{ title: '   ' }, 'title', 'Enter a title'],
    [{ title: 'x'.repeat(201) }, 'title', 'Titles are limited to 200 characters'],
    [{ title: 'x', description: 'x'.repeat(1024 * 1024) }, 'description', 'Descriptions are limited to 20,000 characters'],
    [{ title: 'x', occurredAt: { utc: '1900-01-01T00:00:00Z', offsetMinutes: 0 } }, 'occurredAt', /Year must be between 1990 and 2200/],
    [{ title: 'x', impact: 4 as 1 }, 'impact', /./],
    [{ title: 'x', tags: Array.from({ length: 31 }, (_, i) => `t${i}`) }, 'tags', /./],
    [{ title: 42 as unknown as string }, 'title', /./],
    [{ title: 'x', reporter: 5 as unknown as string }, 'reporter', /./],
  ] as const)('refuses %j as invalid-input on %s', (input, field, message) => {
    const result = record(input as NewIncidentInput);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid-input');
    expect(result.error.field).toBe(field);
    expect(result.error.message).toMatch(message);
  });

  it.each([
    ['a bad device prefix', makeCtx(), 1, 'K7QI', 'number'],
    ['a zero counter', makeCtx(), 0, PREFIX, 'number'],
    ['a blank author', makeCtx({ author: { name: ' ' } }), 1, PREFIX, 'author'],
    ['a bad HLC stamp', makeCtx({ hlc: 'now' }), 1, PREFIX, 'hlc'],
    ['a bad device id', makeCtx({ deviceId: '' }), 1, PREFIX, 'deviceId'],
    ['a non-UUIDv7 id source', makeCtx({ newId: () => 'id-1' }), 1, PREFIX, 'id'],
    ['a bad clock reading', makeCtx({ now: { utc: '3000-01-01T00:00:00Z', offsetMinutes: 0 } }), 1, PREFIX, 'occurredAt'],
    ['a damaged priority matrix', makeCtx({ priorityMatrix: [[1, 2, 3]] as never }), 1, PREFIX, 'priority'],
  ] as const)('returns invalid-input (never throws) for %s', (_name, ctx, counter, prefix, field) => {
    const result = recordIncident({ title: 'x' }, counter, prefix, ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', field } });
  });
});
