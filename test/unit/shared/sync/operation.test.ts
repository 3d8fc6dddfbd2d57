// Tests for operation.ts: toOperation output for every command is accepted by operationSchema; hostile ops are not.
import { describe, expect, it } from 'vitest';
import { addNote, changeStatus, collectEvidence, type CommandResult, editIncident, type IncidentChange, logCommunication, newId, recordIncident, recordSystemStatus } from '../../../../shared/domain';
import { OPERATION_SCHEMA_VERSION, operationSchema, toOperation } from '../../../../shared/sync/operation';
import { DEVICE_ID, laterCtx, makeCtx, PREFIX, recorded } from '../domain/fixtures';

function ok(result: CommandResult) {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function opFor(change: IncidentChange, deviceSeq = 1) {
  return toOperation(change, { opId: newId(), deviceId: DEVICE_ID, deviceSeq, hlc: change.event.hlc });
}

function changes(): Record<string, IncidentChange> {
  const created = ok(recordIncident({ title: 'Generator B failed', impact: 1, tags: ['gen'] }, 7, PREFIX, makeCtx()));
  const edited = ok(editIncident(created.incident, { urgency: 1, assignee: 'Sam' }, laterCtx(1)));
  const status = ok(changeStatus(edited.incident, 'on_hold', { holdReason: 'Awaiting parts' }, laterCtx(2)));
  const note = ok(addNote(status.incident, 'Parts ordered', laterCtx(3)));
  return { created: created.change, edited: edited.change, status: status.change, note: note.change };
}

describe('toOperation', () => {
  it.each(Object.entries(changes()))('turns the %s change into an operation the schema accepts, also after JSON transport', (_name, change) => {
    const op = opFor(change, 3);
    expect(operationSchema.parse(op)).toEqual(op);
    expect(operationSchema.parse(JSON.parse(JSON.stringify(op)))).toEqual(op);
    expect(op).toMatchObject({ schemaVersion: 1, deviceId: DEVICE_ID, deviceSeq: 3, incidentId: change.incidentId, set: change.set, event: change.event });
  });

  it('carries the identity only for a creation', () => {
    const all = changes();
    expect(opFor(all.created!).init).toEqual(all.created!.init);
    for (const name of ['edited', 'status', 'note']) expect(opFor(all[name]!)).not.toHaveProperty('init');
  });

  it('writes version 4 only for an entry with a clock mark, whatever else it carries', () => {
    // The newest version (5, the communication reply) is asserted in operation-reply-version.test.ts.
    expect(OPERATION_SCHEMA_VERSION).toBeGreaterThanOrEqual(4);
    const start = recorded();
    const unchecked = laterCtx(1, { clock: { state: 'unchecked' } });
    const marked = [
      ok(recordIncident({ title: 'Generator B failed' }, 8, PREFIX, unchecked)).change,
      ok(addNote(start, 'Fuel at 40 %', laterCtx(2, { clock: { state: 'off', hqMinusDeviceMs: 21_600_000 } }))).change,
      ok(editIncident(start, { nextSteps: 'Refuel', exercise: true }, laterCtx(3, { clock: { state: 'unchecked' } }))).change,
    ];
    for (const change of marked) {
      const op = opFor(change);
      expect(op.schemaVersion).toBe(4);
      expect(operationSchema.parse(JSON.parse(JSON.stringify(op)))).toEqual(op);
    }
    expect(opFor(ok(addNote(start, 'Fuel at 40 %', laterCtx(4))).change).schemaVersion).toBe(1);
  });

  it('writes version 3 only for the NIST record fields, also when one is cleared', () => {
    const start = recorded();
    for (const field of ['indicators', 'impactAssessment', 'contacts', 'nextSteps'] as const) {
      const set = ok(editIncident(start, { [field]: 'Beacon to 203.0.113.7 every 60 s' }, laterCtx(1)));
      expect(opFor(set.change).schemaVersion).toBe(3);
      const cleared = ok(editIncident(set.incident, { [field]: null }, laterCtx(2)));
      expect(opFor(cleared.change).schemaVersion).toBe(3);
      const op = opFor(cleared.change);
      expect(operationSchema.parse(JSON.parse(JSON.stringify(op)))).toEqual(op);
    }
    // Together with a version 2 field, the newer version wins.
    expect(opFor(ok(editIncident(start, { exercise: true, nextSteps: 'Re-image host' }, laterCtx(3))).change).schemaVersion).toBe(3);
  });

  it('writes version 1 for what every Lantern reads, version 2 only for what version 2 added', () => {
    const start = recorded();
    const v2 = [
      ok(recordIncident({ title: 'Drill: lift stuck', exercise: true }, 7, PREFIX, laterCtx(1))).change,
      ok(editIncident(start, { exercise: true }, laterCtx(2))).change,
      ok(recordSystemStatus(start, [{ system: 'Water', state: 'functional', reason: '', repairEstimate: '' }], laterCtx(3))).change,
      ok(collectEvidence(start, { item: 'USB stick', to: 'Ana', from: '', location: 'Desk', handledAt: laterCtx(4).now, notes: '' }, laterCtx(4))).change,
      ok(logCommunication(start, { direction: 'outgoing', from: 'Ana', to: 'Ward 3', channel: 'Radio', message: 'Water off', priority: 'urgent' }, laterCtx(5))).change,
    ];
    for (const change of v2) expect(opFor(change).schemaVersion).toBe(2);
    const v1 = [
      ...Object.values(changes()),
      ok(logCommunication(start, { direction: 'outgoing', from: 'Ana', to: 'Ward 3', channel: 'Radio', message: 'Water off' }, laterCtx(6))).change,
    ];
    for (const change of v1) expect(opFor(change).schemaVersion).toBe(1);
    // A real incident's creation names no exercise field, so an HQ of version 1 takes it.
    expect(changes().created!.set).not.toHaveProperty('exercise');
  });
});

describe('operationSchema refuses hostile operations', () => {
  const good = () => opFor(changes().edited!, 5) as Record<string, unknown>;

  it.each([
    ['opId', 'op-1'],
    ['schemaVersion', 0],
    ['schemaVersion', 1.5],
    ['deviceId', ''],
    ['deviceSeq', 0],
    ['deviceSeq', -1],
    ['hlc', 'tomorrow'],
    ['incidentId', 'abc'],
    ['set', { title: '' }],
    ['set', { description: 'x'.repeat(1024 * 1024) }],
    ['set', { status: 'deleted' }],
    ['set', null],
    ['init', { number: 'K7QM-1', createdAt: 'now', createdBy: { name: 'x' }, originDeviceId: 'd' }],
    ['event', { kind: 'note', text: 'x' }],
    ['event', undefined],
  ])('refuses %s = %j', (key, value) => {
    expect(operationSchema.safeParse({ ...good(), [key]: value }).success).toBe(false);
  });

  it('strips unknown and prototype keys from set', () => {
    const hostile: unknown = JSON.parse(JSON.stringify(good()).replace('"set":{', '"set":{"__proto__":{"polluted":true},"priority":1,"stamps":{},'));
    const parsed = operationSchema.parse(hostile);
    expect(parsed.set).toEqual({ urgency: 1, assignee: 'Sam' });
    expect(Object.getPrototypeOf(parsed.set)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
