// Tests for operation.ts: the reply to a communication needs operation version 5; nothing else changes version.
import { describe, expect, it } from 'vitest';
import { addNote, type CommandResult, editIncident, type IncidentChange, logCommunication, newId, recordSystemStatus } from '../../../../shared/domain';
import { recordCommunicationReply } from '../../../../shared/domain/communication-reply';
import { OPERATION_SCHEMA_VERSION, operationSchema, operationVersionOf, toOperation } from '../../../../shared/sync/operation';
import { DEVICE_ID, laterCtx, recorded } from '../domain/fixtures';

function ok(result: CommandResult) {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function opFor(change: IncidentChange) {
  return toOperation(change, { opId: newId(), deviceId: DEVICE_ID, deviceSeq: 1, hlc: change.event.hlc });
}

describe('the version a communication reply needs', () => {
  const start = recorded();
  const message = ok(logCommunication(start, { direction: 'outgoing', from: 'Ana', to: 'Ward 3', channel: 'Radio', message: 'Water off' }, laterCtx(1))).event;
  const input = { text: 'Tanks filled', from: 'Ward 3', repliedAt: laterCtx(2).now };

  it('is 5, which this Lantern writes and reads, also with a clock mark (which alone needs 4)', () => {
    expect(OPERATION_SCHEMA_VERSION).toBeGreaterThanOrEqual(5);
    const plain = opFor(ok(recordCommunicationReply(start, message, input, laterCtx(2))).change);
    expect(plain.schemaVersion).toBe(5);
    expect(operationSchema.parse(JSON.parse(JSON.stringify(plain)))).toEqual(plain);
    const marked = ok(recordCommunicationReply(start, message, input, laterCtx(3, { clock: { state: 'unchecked' } }))).change;
    expect(operationVersionOf(marked)).toBe(5);
  });

  it('leaves every other operation at the version it needed before', () => {
    expect(operationVersionOf(ok(logCommunication(start, { direction: 'outgoing', from: 'Ana', to: 'Ward 3', channel: 'Radio', message: 'Water off' }, laterCtx(4))).change)).toBe(1);
    expect(operationVersionOf(ok(logCommunication(start, { direction: 'incoming', from: 'Ward 3', to: 'Ana', channel: 'Radio', message: 'Noted', priority: 'urgent' }, laterCtx(5))).change)).toBe(2);
    expect(operationVersionOf(ok(recordSystemStatus(start, [{ system: 'Water', state: 'functional', reason: '', repairEstimate: '' }], laterCtx(6))).change)).toBe(2);
    expect(operationVersionOf(ok(editIncident(start, { nextSteps: 'Refuel' }, laterCtx(7))).change)).toBe(3);
    expect(operationVersionOf(ok(addNote(start, 'Fuel at 40 %', laterCtx(8, { clock: { state: 'unchecked' } }))).change)).toBe(4);
    expect(operationVersionOf(ok(addNote(start, 'Fuel at 40 %', laterCtx(9))).change)).toBe(1);
  });
});
