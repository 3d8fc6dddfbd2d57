// A simulated device for HQ tests: makes real operations with the domain commands, its own HLC and deviceSeq.
import {
  addNote,
  createHlc,
  editIncident,
  newId,
  recordIncident,
  tickHlc,
  zonedTimeFromEpoch,
  type CommandContext,
  type CommandResult,
  type EditableFields,
  type HlcState,
  type Incident,
  type NewIncidentInput,
} from '../../../../shared/domain';
import { toOperation, type Operation } from '../../../../shared/sync/operation';

export class TestDevice {
  private seq = 0;
  private hlc: HlcState;
  readonly incidents = new Map<string, Incident>();
  private counter = 0;

  constructor(
    readonly id: string,
    /** The device's wall clock (ms); tests skew it to simulate wrong laptop clocks. */
    readonly clock: () => number = () => Date.now(),
    private readonly prefix = 'K7QM',
  ) {
    this.hlc = createHlc(id);
  }

  create(title: string, input: Partial<NewIncidentInput> = {}): Operation {
    this.counter += 1;
    return this.commit(recordIncident({ title, ...input }, this.counter, this.prefix, this.ctx()));
  }

  edit(incidentId: string, edits: Partial<EditableFields>): Operation {
    return this.commit(editIncident(this.incident(incidentId), edits, this.ctx()));
  }

  note(incidentId: string, text: string): Operation {
    return this.commit(addNote(this.incident(incidentId), text, this.ctx()));
  }

  /** Any domain command on one of this device's incidents, e.g. `run(id, (incident, ctx) => writeReview(incident, null, input, ctx))`. */
  run(incidentId: string, command: (incident: Incident, ctx: CommandContext) => CommandResult): Operation {
    return this.commit(command(this.incident(incidentId), this.ctx()));
  }

  /** Takes over another device's copy of an incident (as if pulled from HQ). */
  adopt(incident: Incident): void {
    this.incidents.set(incident.id, structuredClone(incident));
  }

  incident(id: string): Incident {
    const incident = this.incidents.get(id);
    if (!incident) throw new Error(`test device ${this.id} has no incident ${id}`);
    return incident;
  }

  /** Skips a deviceSeq number (an operation that never reaches HQ). */
  skipSeq(): void {
    this.seq += 1;
  }

  private ctx(): CommandContext {
    const now = this.clock();
    const ticked = tickHlc(this.hlc, now);
    this.hlc = ticked.state;
    return { deviceId: this.id, author: { name: 'Ana Field' }, now: zonedTimeFromEpoch(now, 60), hlc: ticked.stamp, newId };
  }

  private commit(result: CommandResult): Operation {
    if (!result.ok) throw new Error(`command failed: ${result.error.message}`);
    this.incidents.set(result.value.incident.id, result.value.incident);
    this.seq += 1;
    return toOperation(result.value.change, { opId: newId(), deviceId: this.id, deviceSeq: this.seq, hlc: result.value.change.event.hlc });
  }
}
