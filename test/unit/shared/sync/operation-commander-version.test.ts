// Tests for operation.ts and merge.ts with the incident commander: version 6 only for an operation that sets it; concurrent
// commander edits converge on the later one everywhere and keep the other as a conflict.
import { describe, expect, it } from 'vitest';
import { addNote, type CommandResult, editIncident, type IncidentChange, newId, recordIncident, type Incident } from '../../../../shared/domain';
import { recordCommunicationReply } from '../../../../shared/domain/communication-reply';
import { logCommunication } from '../../../../shared/domain';
import { mergeOperation, type Conflict, type IncidentState } from '../../../../shared/sync/merge';
import { OPERATION_SCHEMA_VERSION, operationSchema, operationVersionOf, toOperation, type Operation } from '../../../../shared/sync/operation';
import { DEVICE_ID, laterCtx, recorded } from '../domain/fixtures';
import { ctxAt, ok as okOutcome, opOf, T0 } from './support/ops';

function ok(result: CommandResult) {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function opFor(change: IncidentChange) {
  return toOperation(change, { opId: newId(), deviceId: DEVICE_ID, deviceSeq: 1, hlc: change.event.hlc });
}

describe('the version an operation naming the incident commander needs', () => {
  const start = recorded({ major: true });

  it('is 6, the newest this Lantern writes, whether it names, hands over or clears the commander', () => {
    expect(OPERATION_SCHEMA_VERSION).toBe(6);
    const named = ok(editIncident(start, { commander: 'Ana Diaz' }, laterCtx(1)));
    const op = opFor(named.change);
    expect(op.schemaVersion).toBe(6);
    expect(operationSchema.parse(JSON.parse(JSON.stringify(op)))).toEqual(op);
    expect(operationVersionOf(ok(editIncident(named.incident, { commander: null }, laterCtx(2))).change)).toBe(6);
    // Together with a field of an older version, or with a clock mark (which alone needs 4): still 6.
    expect(operationVersionOf(ok(editIncident(start, { commander: 'Ana Diaz', nextSteps: 'Brief ward 3' }, laterCtx(3))).change)).toBe(6);
    expect(operationVersionOf(ok(editIncident(start, { commander: 'Ana Diaz' }, laterCtx(4, { clock: { state: 'unchecked' } }))).change)).toBe(6);
  });

  it('leaves every other operation at the version it needed before', () => {
    expect(operationVersionOf(ok(editIncident(start, { major: false }, laterCtx(5))).change)).toBe(1);
    expect(operationVersionOf(ok(editIncident(start, { assignee: 'Ana Diaz' }, laterCtx(6))).change)).toBe(1);
    expect(operationVersionOf(ok(editIncident(start, { nextSteps: 'Refuel' }, laterCtx(7))).change)).toBe(3);
    expect(operationVersionOf(ok(addNote(start, 'Fuel at 40 %', laterCtx(8, { clock: { state: 'unchecked' } }))).change)).toBe(4);
    const message = ok(logCommunication(start, { direction: 'outgoing', from: 'Ana', to: 'Ward 3', channel: 'Radio', message: 'Water off' }, laterCtx(9))).event;
    expect(operationVersionOf(ok(recordCommunicationReply(start, message, { text: 'Noted', from: 'Ward 3', repliedAt: laterCtx(10).now }, laterCtx(10))).change)).toBe(5);
    // A plain creation carries no commander: it stays version 1.
    expect(operationVersionOf(ok(recordIncident({ title: 'Lift stuck', major: true }, 7, 'K7QM', laterCtx(11))).change)).toBe(1);
  });
});

describe('concurrent commander edits on two laptops', () => {
  function replay(ops: readonly Operation[]): { state: IncidentState | undefined; conflicts: Conflict[] } {
    let state: IncidentState | undefined;
    const conflicts: Conflict[] = [];
    for (const op of ops) {
      const result = mergeOperation(state, op);
      state = result.state;
      conflicts.push(...result.conflicts);
    }
    return { state, conflicts };
  }
  const edit = (incident: Incident, device: string, wallMs: number, commander: string | null) => opOf(okOutcome(editIncident(incident, { commander }, ctxAt(device, wallMs))));

  it('converge on the later name in every arrival order and keep the other name as the conflict', () => {
    const created = okOutcome(recordIncident({ title: 'Water outage, ward 3', major: true }, 1, 'K7QM', ctxAt('dev-a', T0)));
    const createOp = opOf(created);
    const fromA = edit(created.incident, 'dev-a', T0 + 1_000, 'Ana Diaz');
    const fromB = edit(created.incident, 'dev-b', T0 + 2_000, 'Lee Chan');
    const first = replay([createOp, fromA, fromB]);
    const second = replay([createOp, fromB, fromA]);
    expect(first.state!.fields.commander).toBe('Lee Chan');
    expect(second.state!.fields).toEqual(first.state!.fields);
    expect(second.state!.stamps).toEqual(first.state!.stamps);
    expect(first.conflicts).toHaveLength(1);
    expect(second.conflicts).toEqual(first.conflicts);
    expect(first.conflicts[0]).toMatchObject({
      field: 'commander',
      winner: { value: 'Lee Chan', deviceId: 'dev-b' },
      loser: { value: 'Ana Diaz', deviceId: 'dev-a' },
    });
  });

  it('a commander named while another laptop edits other fields merges without a conflict', () => {
    const created = okOutcome(recordIncident({ title: 'Water outage, ward 3', major: true }, 1, 'K7QM', ctxAt('dev-a', T0)));
    const fromA = edit(created.incident, 'dev-a', T0 + 1_000, 'Ana Diaz');
    const fromB = opOf(okOutcome(editIncident(created.incident, { assignee: 'Lee Chan', major: false }, ctxAt('dev-b', T0 + 2_000))));
    const { state, conflicts } = replay([opOf(created), fromB, fromA]);
    expect(state!.fields).toMatchObject({ commander: 'Ana Diaz', assignee: 'Lee Chan', major: false });
    expect(conflicts).toEqual([]);
  });
});
