// Tests for operation.ts: toOperation output for every command is accepted by operationSchema; hostile ops are not.
import { describe, expect, it } from 'vitest';
import { addNote, changeStatus, type CommandResult, editIncident, type IncidentChange, newId, recordIncident } from '../../../../shared/domain';
import { OPERATION_SCHEMA_VERSION, operationSchema, toOperation } from '../../../../shared/sync/operation';
import { DEVICE_ID, laterCtx, makeCtx, PREFIX } from '../domain/fixtures';

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
    expect(op).toMatchObject({ schemaVersion: OPERATION_SCHEMA_VERSION, deviceId: DEVICE_ID, deviceSeq: 3, incidentId: change.incidentId, set: change.set, event: change.event });
  });

  it('carries the identity only for a creation', () => {
    const all = changes();
    expect(opFor(all.created!).init).toEqual(all.created!.init);
    for (const name of ['edited', 'status', 'note']) expect(opFor(all[name]!)).not.toHaveProperty('init');
  });

  it('uses schema version 1', () => {
    expect(OPERATION_SCHEMA_VERSION).toBe(1);
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
