// Real sync operations for the sync benchmarks, made with the domain commands (host-neutral: Node runner and bench page).
import { addNote, createHlc, newId, recordIncident, tickHlc, zonedTimeFromEpoch, type CommandContext, type CommandResult, type HlcState, type Incident } from '../../../shared/domain';
import { toOperation, type Operation } from '../../../shared/sync/operation';

/** Notes per incident after its creation: 1 creation + 4 notes = 5 operations per incident. */
export const NOTES_PER_INCIDENT = 4;

/**
 * `count` operations of device `deviceId` with deviceSeq firstSeq, firstSeq+1, …: incidents recorded with a ~400-byte
 * description, each followed by NOTES_PER_INCIDENT work notes (so HQ merges edits, not only creations).
 */
export function makeOperations(deviceId: string, count: number, options: { firstSeq?: number; prefix?: string; hlc?: HlcState } = {}): Operation[] {
  let hlc = options.hlc ?? createHlc(deviceId);
  let seq = (options.firstSeq ?? 1) - 1;
  let counter = 0;
  let incident: Incident | null = null;
  const ops: Operation[] = [];
  const ctx = (): CommandContext => {
    const ticked = tickHlc(hlc, Date.now());
    hlc = ticked.state;
    return { deviceId, author: { name: 'Bench Operator' }, now: zonedTimeFromEpoch(Date.now(), 60), hlc: ticked.stamp, newId };
  };
  const commit = (result: CommandResult): void => {
    if (!result.ok) throw new Error(`bench command failed: ${result.error.message}`);
    incident = result.value.incident;
    seq += 1;
    ops.push(toOperation(result.value.change, { opId: newId(), deviceId, deviceSeq: seq, hlc: result.value.change.event.hlc }));
  };
  while (ops.length < count) {
    if (incident === null || ops.length % (NOTES_PER_INCIDENT + 1) === 0) {
      counter += 1;
      commit(
        recordIncident(
          {
            title: `Generator ${counter} on site ${deviceId.slice(-4)} will not start`,
            description: 'Mains failed at 02:10; generator cranked three times and stopped. Fuel level reads 60 %. Battery voltage low on the panel. '.repeat(3),
            impact: 2,
            urgency: 2,
          },
          counter,
          options.prefix ?? 'BNCH',
          ctx(),
        ),
      );
    } else {
      commit(addNote(incident, `Checked again at ${new Date().toISOString()}: still on battery, technician 20 minutes away.`, ctx()));
    }
  }
  return ops;
}
