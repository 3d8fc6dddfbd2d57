// A simulated laptop: skewed clock, in-memory replica, real fetch transport over the fake network, real engine.
import { addNote, changeStatus, editIncident, recordIncident, type EditableFields, type Status } from '../../../../../shared/domain';
import { createFetchTransport, SyncEngine, type SyncEngineOptions, type SyncReport } from '../../../../../shared/sync/engine';
import type { Operation } from '../../../../../shared/sync/operation';
import type { FakeHq } from './fake-hq';
import { createFakeFetch, newNetworkStats, type NetworkFaults } from './fake-network';
import { MemoryReplica } from './memory-replica';

/** Simulated wall-clock time shared by HQ and all devices (each device adds its own skew). */
export class World {
  constructor(public nowMs = Date.parse('2026-11-26T12:00:00.000Z')) {}
  advance(ms: number): void {
    this.nowMs += ms;
  }
}

const realTimers = {
  setTimeout: (callback: () => void, ms: number) => setTimeout(callback, ms),
  clearTimeout: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class SimDevice {
  readonly replica: MemoryReplica;
  readonly engine: SyncEngine;
  readonly faults: NetworkFaults = {};
  readonly stats = newNetworkStats();
  private counter = 0;

  constructor(
    readonly id: string,
    readonly hq: FakeHq,
    readonly world: World,
    /** Device clock minus true time, ms. */
    public skewMs = 0,
    engineOptions: Partial<SyncEngineOptions> = {},
    readonly prefix = 'K7QM',
  ) {
    const clock = () => this.world.nowMs + this.skewMs;
    this.replica = new MemoryReplica(id, clock);
    const transport = createFetchTransport({
      baseUrl: 'http://hq.test/',
      token: hq.addDevice(id),
      deviceId: id,
      fetch: createFakeFetch(hq, this.faults, this.stats),
      timers: realTimers,
      timeoutMs: 2_000,
      now: clock,
    });
    this.engine = new SyncEngine({ transport, replica: this.replica, now: clock, ...engineOptions });
  }

  /** Runs one sync; resolves with the report or the error (never rejects). */
  async sync(): Promise<SyncReport | Error> {
    try {
      return await this.engine.syncOnce();
    } catch (error) {
      return error as Error;
    }
  }

  create(title: string, extra: { impact?: 1 | 2 | 3; urgency?: 1 | 2 | 3 } = {}): Operation {
    this.counter += 1;
    const counter = this.counter;
    const op = this.replica.commit((ctx) => recordIncident({ title, ...extra }, counter, this.prefix, ctx));
    if (!op) throw new Error('create failed');
    return op;
  }

  /** null when the command refused (e.g. a closed incident) or the incident is not complete here yet. */
  edit(incidentId: string, edits: Partial<EditableFields>): Operation | null {
    const incident = this.replica.incident(incidentId);
    return incident ? this.replica.commit((ctx) => editIncident(incident, edits, ctx)) : null;
  }

  setStatus(incidentId: string, to: Status, input: Parameters<typeof changeStatus>[2] = {}): Operation | null {
    const incident = this.replica.incident(incidentId);
    return incident ? this.replica.commit((ctx) => changeStatus(incident, to, input, ctx)) : null;
  }

  note(incidentId: string, text: string): Operation | null {
    const incident = this.replica.incident(incidentId);
    return incident ? this.replica.commit((ctx) => addNote(incident, text, ctx)) : null;
  }
}
