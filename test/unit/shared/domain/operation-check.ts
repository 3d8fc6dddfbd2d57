// Test helper: does a command's change turn into an outbox operation HQ would accept?
import { toOperation, operationSchema } from '../../../../shared/sync/operation';
import { newId, type IncidentChange } from '../../../../shared/domain';

/** True when the change turns into an operation HQ would accept. */
export function passesOperationSchema(change: IncidentChange): boolean {
  const operation = toOperation(change, { opId: newId(), deviceId: 'device-test-01', deviceSeq: 1, hlc: change.event.hlc });
  return operationSchema.safeParse(operation).success;
}
