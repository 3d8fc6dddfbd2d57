// Builders for merge tests: command contexts with chosen stamps, and operations made by the real domain commands.
import { formatHlc, newId, zonedTimeFromEpoch, type CommandContext, type CommandResult, type CommandOutcome } from '../../../../../shared/domain';
import { mergeOperation, type Conflict, type IncidentState } from '../../../../../shared/sync/merge';
import { toOperation, type Operation } from '../../../../../shared/sync/operation';

export const T0 = Date.parse('2026-11-26T08:00:00.000Z');

export function stampAt(wallMs: number, node: string, counter = 0): string {
  return formatHlc({ wallMs, counter, node });
}

/** A context for `deviceId` at `wallMs` whose HLC stamp is (wallMs, counter, deviceId). */
export function ctxAt(deviceId: string, wallMs: number, counter = 0): CommandContext {
  return { deviceId, author: { name: `Person at ${deviceId}` }, now: zonedTimeFromEpoch(wallMs, 0), hlc: stampAt(wallMs, deviceId, counter), newId };
}

export function ok(result: CommandResult): CommandOutcome {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

let seq = 0;
/** The operation a device would put in its outbox for this command outcome. */
export function opOf(outcome: CommandOutcome, deviceSeq = ++seq): Operation {
  return toOperation(outcome.change, { opId: newId(), deviceId: outcome.event.deviceId, deviceSeq, hlc: outcome.event.hlc });
}

/** Merges `ops` in the order given into one replica: the state it ends with and every conflict recorded on the way. */
export function replay(ops: readonly Operation[]): { state: IncidentState | undefined; conflicts: Conflict[] } {
  let state: IncidentState | undefined;
  const conflicts: Conflict[] = [];
  for (const op of ops) {
    const result = mergeOperation(state, op);
    state = result.state;
    conflicts.push(...result.conflicts);
  }
  return { state, conflicts };
}
