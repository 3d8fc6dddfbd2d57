// Facility system status (HICS 251): recording snapshots (rules and refusals) and each system's current state from any arrival order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { timelineEventSchema, type CommandResult, type Incident, type TimelineEvent } from '../../../../shared/domain';
import {
  currentSystemStatus,
  NO_SYSTEM_STATUS,
  recordSystemStatus,
  summariseSystemStatus,
  type SystemStatusInput,
} from '../../../../shared/domain/system-status';
import { laterCtx, makeCtx, recorded, snapshot, stamp } from './fixtures';
import { passesOperationSchema } from './operation-check';

function ok(result: CommandResult) {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

const T0 = Date.parse('2026-03-29T00:30:00.000Z');

/** A snapshot as device `node` would record it at `ms`. */
function snapshotOn(incident: Incident, lines: SystemStatusInput[], ms: number, node: string, name: string): TimelineEvent {
  const ctx = makeCtx({ deviceId: node, author: { name }, hlc: stamp(ms, 0, node), now: { utc: new Date(ms).toISOString(), offsetMinutes: 60 } });
  return ok(recordSystemStatus(incident, lines, ctx)).event;
}

const line = (system: string, state: SystemStatusInput['state'], reason = '', repairEstimate = ''): SystemStatusInput => ({ system, state, reason, repairEstimate });

describe('recordSystemStatus', () => {
  it('writes one valid system_status entry with trimmed lines and changes no incident field', () => {
    const incident = recorded();
    const before = snapshot(incident);
    const { event, change, incident: next } = ok(
      recordSystemStatus(incident, [line('  Water ', 'non_functional', ' Main burst in basement ', ' 4 h '), line('Normal power', 'functional')], laterCtx(1)),
    );
    expect(event).toMatchObject({
      kind: 'system_status',
      author: { name: 'Ana Field' },
      systems: [
        { system: 'Water', state: 'non_functional', reason: 'Main burst in basement', repairEstimate: '4 h' },
        { system: 'Normal power', state: 'functional', reason: '', repairEstimate: '' },
      ],
    });
    expect(timelineEventSchema.parse(event)).toEqual(event);
    expect(change.set).toEqual({});
    expect(passesOperationSchema(change)).toBe(true);
    expect(next.updatedAt >= incident.updatedAt).toBe(true);
    expect(snapshot(incident)).toBe(before);
  });

  it('asks for a reason when a system is partial or non-functional, naming the line', () => {
    const incident = recorded();
    const lines = [line('Normal power', 'functional'), line('Sewer', 'partial', 'East wing backs up'), line('Elevators', 'functional'), line('Water', 'non_functional', '  ', '2 h')];
    expect(recordSystemStatus(incident, lines, laterCtx(1))).toEqual({
      ok: false,
      error: { code: 'missing-field', field: 'systems.3.reason', message: 'Say why Water is non-functional.' },
    });
    expect(recordSystemStatus(incident, [line('Sewer', 'partial')], laterCtx(1))).toMatchObject({
      ok: false,
      error: { field: 'systems.0.reason', message: 'Say why Sewer is partially functional.' },
    });
    // Fully functional and N/A need no reason.
    expect(recordSystemStatus(incident, [line('Heating', 'not_applicable'), line('Water', 'functional')], laterCtx(1)).ok).toBe(true);
  });

  it('refuses the same system twice (ignoring case and spaces), naming it', () => {
    const incident = recorded();
    const result = recordSystemStatus(incident, [line('Water', 'functional'), line('Sewer', 'functional'), line(' water ', 'partial', 'low pressure')], laterCtx(1));
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid-value', field: 'systems.2.system', message: 'water is listed twice (rows 1 and 3); keep one row per system.' },
    });
  });

  it('refuses an empty snapshot, an unnamed system, a missing state, too many systems and overlong text', () => {
    const incident = recorded();
    expect(recordSystemStatus(incident, [], laterCtx(1))).toMatchObject({ ok: false, error: { code: 'missing-field', field: 'systems' } });
    expect(recordSystemStatus(incident, [line('Water', 'functional'), line('  ', 'functional')], laterCtx(1))).toMatchObject({
      ok: false,
      error: { field: 'systems.1.system', message: 'Name the system in row 2.' },
    });
    expect(recordSystemStatus(incident, [line('Water', '')], laterCtx(1))).toMatchObject({ ok: false, error: { field: 'systems.0.state', message: 'Choose the state of Water.' } });
    expect(recordSystemStatus(incident, [line('Water', 'broken' as never)], laterCtx(1))).toMatchObject({ ok: false, error: { field: 'systems.0.state' } });
    const many = Array.from({ length: 61 }, (_, i) => line(`System ${i}`, 'functional'));
    expect(recordSystemStatus(incident, many, laterCtx(1))).toMatchObject({ ok: false, error: { field: 'systems', message: expect.stringMatching(/at most 60/) } });
    expect(recordSystemStatus(incident, many.slice(0, 60), laterCtx(1)).ok).toBe(true);
    expect(recordSystemStatus(incident, [line('Water', 'partial', 'x'.repeat(1001))], laterCtx(1))).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', field: 'systems.0.reason', message: 'A reason is limited to 1,000 characters' },
    });
    expect(recordSystemStatus(incident, [line('W'.repeat(121), 'functional')], laterCtx(1))).toMatchObject({ ok: false, error: { field: 'systems.0.system' } });
    expect(recordSystemStatus(incident, [line('Water', 'functional', '', 'x'.repeat(201))], laterCtx(1))).toMatchObject({ ok: false, error: { field: 'systems.0.repairEstimate' } });
  });

  it('is read-only on closed and cancelled incidents, with a message', () => {
    const incident = recorded();
    for (const status of ['closed', 'cancelled'] as const) {
      expect(recordSystemStatus({ ...incident, status }, [line('Water', 'functional')], laterCtx(1))).toEqual({
        ok: false,
        error: { code: 'read-only', message: `This incident is ${status}; its system status can no longer be recorded.` },
      });
    }
  });
});

describe('currentSystemStatus', () => {
  it('is empty without snapshots and ignores other kinds', () => {
    expect(currentSystemStatus([])).toBe(NO_SYSTEM_STATUS);
    expect(currentSystemStatus([{ id: 'x', kind: 'note', text: 't' } as unknown as TimelineEvent])).toBe(NO_SYSTEM_STATUS);
  });

  it('keeps each system\'s latest line with its snapshot\'s time and author, and the state it had before', () => {
    const incident = recorded();
    const first = snapshotOn(incident, [line('Normal power', 'non_functional', 'Grid down'), line('Water', 'non_functional', 'Pump has no power', '2 h')], T0 + 1_000, 'device-a', 'Ana');
    const second = snapshotOn(incident, [line('Water', 'functional'), line('Normal power', 'non_functional', 'Grid still down', 'unknown')], T0 + 2_000, 'device-a', 'Ben');
    const status = currentSystemStatus([second, first]);
    expect(status.systems.map((s) => [s.system, s.state, s.previousState, s.by.name])).toEqual([
      ['Water', 'functional', 'non_functional', 'Ben'],
      ['Normal power', 'non_functional', null, 'Ben'],
    ]);
    expect(status.systems[1]).toMatchObject({ reason: 'Grid still down', repairEstimate: 'unknown', eventId: second.id, at: second.at });
    expect(status.latest).toEqual({ at: second.at, by: second.author, eventId: second.id });
    expect(status.counts).toEqual({ functional: 1, partial: 0, non_functional: 1, not_applicable: 0 });
    // A third snapshot with the same state keeps what it was before the change.
    const third = snapshotOn(incident, [line('water', 'functional')], T0 + 3_000, 'device-a', 'Cy');
    const later = currentSystemStatus([first, second, third]);
    expect(later.systems[0]).toMatchObject({ system: 'water', key: 'water', state: 'functional', previousState: 'non_functional', by: { name: 'Cy' } });
    expect(later.systems.map((s) => s.key)).toEqual(['water', 'normal power']);
  });

  it('orders the latest snapshot\'s systems first, in its order, then systems only earlier snapshots name', () => {
    const incident = recorded();
    const first = snapshotOn(incident, [line('Sewer', 'functional'), line('Heating', 'functional'), line('Water', 'functional')], T0 + 1_000, 'device-a', 'Ana');
    const second = snapshotOn(incident, [line('Fuel supply', 'partial', 'Half a tank'), line('Heating', 'functional')], T0 + 2_000, 'device-a', 'Ana');
    const third = snapshotOn(incident, [line('Water', 'partial', 'Low pressure')], T0 + 3_000, 'device-a', 'Ana');
    expect(currentSystemStatus([third, first, second]).systems.map((s) => s.system)).toEqual(['Water', 'Fuel supply', 'Heating', 'Sewer']);
  });

  it('two laptops recording offline at the same time merge per system, the same way whatever the arrival order', () => {
    const incident = recorded();
    const base = snapshotOn(incident, [line('Normal power', 'functional'), line('Water', 'functional'), line('Elevators', 'functional')], T0, 'device-a', 'Ana');
    // Laptop A records power; laptop B, a moment later but unaware of A, records water and elevators.
    const a = snapshotOn(incident, [line('Normal power', 'non_functional', 'Grid down', '6 h')], T0 + 60_000, 'device-a', 'Ana');
    const b = snapshotOn(incident, [line('Water', 'partial', 'Pumps on one line'), line('Elevators', 'non_functional', 'No power')], T0 + 61_000, 'device-b', 'Ben');
    const merged = currentSystemStatus([base, a, b]);
    expect(merged.systems.map((s) => [s.system, s.state, s.by.name])).toEqual([
      ['Water', 'partial', 'Ben'],
      ['Elevators', 'non_functional', 'Ben'],
      ['Normal power', 'non_functional', 'Ana'],
    ]);
    expect(merged.counts).toEqual({ functional: 0, partial: 1, non_functional: 2, not_applicable: 0 });
    expect(currentSystemStatus([b, a, base])).toEqual(merged);
    expect(currentSystemStatus([a, base, b, b])).toEqual(merged);
    // Both name the same system: the later stamp wins on every replica.
    const aWater = snapshotOn(incident, [line('Water', 'non_functional', 'Main burst')], T0 + 62_000, 'device-a', 'Ana');
    expect(currentSystemStatus([aWater, b, base, a]).systems[0]).toMatchObject({ system: 'Water', state: 'non_functional', previousState: 'partial' });
  });

  it('any arrival order of the same snapshots derives the same status (property)', () => {
    const incident = recorded();
    const names = ['Water', 'Sewer', 'Normal power', 'Heating', 'Medical gases'];
    const states = ['functional', 'partial', 'non_functional', 'not_applicable'] as const;
    const entries: TimelineEvent[] = [];
    for (let i = 0; i < 20; i++) {
      const lines = names.filter((_, n) => (i + n) % 3 !== 0).map((name, n) => line(name, states[(i + n) % 4]!, 'because'));
      entries.push(snapshotOn(incident, lines, T0 + 1_000 * i, i % 2 === 0 ? 'device-a' : 'device-b', i % 2 === 0 ? 'Ana' : 'Ben'));
    }
    const expected = currentSystemStatus(entries);
    fc.assert(
      fc.property(fc.shuffledSubarray(entries, { minLength: entries.length, maxLength: entries.length }), (shuffled) => {
        expect(currentSystemStatus(shuffled)).toEqual(expected);
      }),
      { numRuns: 50 },
    );
  });
});

describe('summariseSystemStatus', () => {
  it('counts problems first, else says all are functional', () => {
    const incident = recorded();
    const problems = snapshotOn(incident, [line('A', 'non_functional', 'x'), line('B', 'non_functional', 'x'), line('C', 'partial', 'x'), line('D', 'functional')], T0, 'device-a', 'Ana');
    expect(summariseSystemStatus(currentSystemStatus([problems]))).toBe('2 non-functional, 1 partial');
    const fine = snapshotOn(incident, [line('A', 'functional'), line('B', 'functional'), line('C', 'not_applicable')], T0, 'device-a', 'Ana');
    expect(summariseSystemStatus(currentSystemStatus([fine]))).toBe('All 2 fully functional');
    const none = snapshotOn(incident, [line('A', 'not_applicable')], T0, 'device-a', 'Ana');
    expect(summariseSystemStatus(currentSystemStatus([none]))).toBe('No system in use (all N/A)');
  });
});
