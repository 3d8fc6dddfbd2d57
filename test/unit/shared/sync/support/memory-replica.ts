// In-memory LocalReplica with the same transaction rules as the Dexie one, plus local edits through the real domain commands.
import {
  createHlc,
  incidentSchema,
  newId,
  receiveHlc,
  tickHlc,
  zonedTimeFromEpoch,
  type CommandContext,
  type CommandResult,
  type HlcState,
  type Incident,
  type TimelineEvent,
} from '../../../../../shared/domain';
import {
  incidentIdsOf,
  planPage,
  rewriteEventStamp,
  rewriteOperationStamp,
  rewriteStateStamp,
  type LocalReplica,
  type PulledPage,
  type PushOutcome,
  type SyncPoint,
} from '../../../../../shared/sync/engine';
import { incidentFromState, mergeOperation, stateFromIncident, type Conflict, type IncidentState } from '../../../../../shared/sync/merge';
import { toOperation, type Operation } from '../../../../../shared/sync/operation';

export type OutboxState = 'pending' | 'acknowledged' | 'rejected';
export interface OutboxEntry {
  op: Operation;
  state: OutboxState;
  reason?: string;
}

/** Everything the replica stores; replaced as a whole at the end of a "transaction", so a throw leaves it untouched. */
interface Store {
  hlc: HlcState;
  incidents: Map<string, IncidentState>;
  timeline: Map<string, TimelineEvent>;
  outbox: Map<number, OutboxEntry>;
  conflicts: Map<string, Conflict>;
  point: SyncPoint;
  nextSeq: number;
}

export interface ReplicaFaults {
  /** Throw inside the next applyPulledPage after merging, before it commits (a crash mid-transaction). */
  failNextApply?: boolean;
  /** Throw inside applyPulledPage with this probability (large-sync interruption tests), using `random`. */
  applyFailureRate?: number;
  random?: () => number;
}

export class MemoryReplica implements LocalReplica {
  private store: Store;
  readonly faults: ReplicaFaults = {};
  /** Every cursor stored, in order (to check that it only moves forward). */
  readonly cursorsStored: string[] = [];
  pageApplies = 0;

  constructor(
    readonly deviceId: string,
    /** The device clock (skewed as the test likes). */
    readonly clock: () => number,
    readonly author = { name: `User of ${deviceId}` },
  ) {
    this.store = {
      hlc: createHlc(deviceId),
      incidents: new Map(),
      timeline: new Map(),
      outbox: new Map(),
      conflicts: new Map(),
      point: { epoch: null, cursor: null },
      nextSeq: 1,
    };
  }

  // ---- LocalReplica -------------------------------------------------------------------------------

  async pendingOps(limit: number): Promise<Operation[]> {
    return this.pendingOpsAfter(0, limit);
  }

  /** Lets the engine read the next batch while one is in flight (as the Dexie replica does). */
  async pendingOpsAfter(afterDeviceSeq: number, limit: number): Promise<Operation[]> {
    const pending = [...this.store.outbox.values()].filter((e) => e.state === 'pending' && e.op.deviceSeq > afterDeviceSeq).sort((a, b) => a.op.deviceSeq - b.op.deviceSeq);
    return structuredClone(pending.slice(0, limit).map((e) => e.op));
  }

  async recordPushResults(results: readonly PushOutcome[]): Promise<void> {
    this.transaction((s, put) => {
      for (const result of results) {
        const entry = s.outbox.get(result.deviceSeq);
        if (!entry || entry.op.opId !== result.opId) throw new Error(`recordPushResults: unknown operation ${result.opId}`);
        if (result.status === 'applied' || result.status === 'duplicate') {
          put(s.outbox, result.deviceSeq, { op: entry.op, state: 'acknowledged' });
          if (result.capped) rewriteCapped(s, put, entry.op.incidentId, result.capped.from, result.capped.to);
        } else if (result.status === 'rejected') {
          put(s.outbox, result.deviceSeq, { op: entry.op, state: 'rejected', reason: result.reason });
        }
      }
    });
  }

  async getCursor(): Promise<SyncPoint> {
    return { ...this.store.point };
  }

  async applyPulledPage(page: PulledPage): Promise<void> {
    this.transaction((s, put) => {
      const loaded = new Map(incidentIdsOf(page.ops).map((id) => [id, s.incidents.get(id)]));
      const held = new Set(page.ops.flatMap((op) => (s.timeline.has(op.event.id) ? [op.event.id] : [])));
      const plan = planPage(page.ops, loaded, (eventId) => held.has(eventId));
      for (const [id, state] of plan.states) put(s.incidents, id, state);
      for (const event of plan.events) if (!s.timeline.has(event.id)) put(s.timeline, event.id, event);
      for (const conflict of plan.conflicts) put(s.conflicts, conflict.id, conflict);
      // No forward cap here: HQ already capped future-dated stamps; a slow clock must adopt what it saw.
      if (page.highestStamp !== null) s.hlc = receiveHlc(s.hlc, page.highestStamp, this.clock()).state;
      s.point = { epoch: page.epoch, cursor: page.cursor };
      const fail = this.faults.failNextApply || (this.faults.applyFailureRate !== undefined && (this.faults.random ?? Math.random)() < this.faults.applyFailureRate);
      if (fail) {
        this.faults.failNextApply = false;
        throw new Error('simulated crash before the page transaction committed');
      }
    });
    this.pageApplies += 1;
    this.cursorsStored.push(page.cursor);
  }

  async resetForNewEpoch(epoch: string): Promise<void> {
    this.transaction((s, put) => {
      for (const [seq, entry] of s.outbox) if (entry.state !== 'pending') put(s.outbox, seq, { op: entry.op, state: 'pending' });
      s.point = { epoch, cursor: null };
    });
  }

  async countPending(): Promise<number> {
    return [...this.store.outbox.values()].filter((e) => e.state === 'pending').length;
  }

  async renumberPending(hqLastSeq: number): Promise<number> {
    let moved = 0;
    this.transaction((s, put) => {
      const pending = [...s.outbox.values()].filter((e) => e.state === 'pending').sort((a, b) => a.op.deviceSeq - b.op.deviceSeq);
      if (pending.length === 0 || pending[0]!.op.deviceSeq > hqLastSeq) return;
      const first = Math.max(hqLastSeq, ...s.outbox.keys()) + 1;
      for (const entry of pending) s.outbox.delete(entry.op.deviceSeq);
      pending.forEach((entry, i) => put(s.outbox, first + i, { op: { ...entry.op, deviceSeq: first + i, opId: newId() }, state: 'pending' }));
      s.nextSeq = Math.max(s.nextSeq, first + pending.length);
      moved = pending.length;
    });
    return moved;
  }

  // ---- Local edits (what renderer/db/commit-change does in one Dexie transaction) ----------------------

  /** Runs a domain command like the app does: tick the HLC, store incident + event + outbox op together. */
  commit(command: (ctx: CommandContext) => CommandResult): Operation | null {
    let made: Operation | null = null;
    this.transaction((s, put) => {
      const nowMs = this.clock();
      const tick = tickHlc(s.hlc, nowMs);
      const ctx: CommandContext = { deviceId: this.deviceId, author: this.author, now: zonedTimeFromEpoch(nowMs, 0), hlc: tick.stamp, newId };
      const result = command(ctx);
      if (!result.ok) return;
      const { incident, event, change } = result.value;
      const op = toOperation(change, { opId: newId(), deviceId: this.deviceId, deviceSeq: s.nextSeq, hlc: tick.stamp });
      put(s.incidents, incident.id, stateFromIncident(incident));
      put(s.timeline, event.id, event);
      put(s.outbox, op.deviceSeq, { op, state: 'pending' });
      s.nextSeq += 1;
      s.hlc = tick.state;
      made = op;
    });
    return made;
  }

  /** Test shortcut for big outboxes: stores operations made elsewhere as if this device had just committed them. */
  seedLocalOps(ops: readonly Operation[]): void {
    this.transaction((s, put) => {
      for (const op of ops) {
        put(s.incidents, op.incidentId, mergeOperation(s.incidents.get(op.incidentId), op).state);
        put(s.timeline, op.event.id, op.event);
        put(s.outbox, op.deviceSeq, { op, state: 'pending' });
        s.nextSeq = Math.max(s.nextSeq, op.deviceSeq + 1);
        s.hlc = receiveHlc(s.hlc, op.hlc, this.clock()).state;
      }
    });
  }

  // ---- Reads for assertions ------------------------------------------------------------------------

  incident(id: string): Incident | null {
    const state = this.store.incidents.get(id);
    if (!state) return null;
    const incident = incidentFromState(state);
    return incident ? incidentSchema.parse(incident) : null;
  }
  incidentStates(): ReadonlyMap<string, IncidentState> {
    return this.store.incidents;
  }
  timelineEvents(): TimelineEvent[] {
    return [...this.store.timeline.values()];
  }
  outboxEntries(): OutboxEntry[] {
    return [...this.store.outbox.values()].sort((a, b) => a.op.deviceSeq - b.op.deviceSeq);
  }
  conflictList(): Conflict[] {
    return [...this.store.conflicts.values()];
  }
  hlcState(): HlcState {
    return this.store.hlc;
  }
  /** The laptop restored from an older copy of its disk: everything stored goes back to `snapshot()`'s state. */
  restoreSnapshot(json: string): void {
    const saved = JSON.parse(json) as { hlc: HlcState; incidents: [string, IncidentState][]; timeline: [string, TimelineEvent][]; outbox: [number, OutboxEntry][]; conflicts: [string, Conflict][]; point: SyncPoint; nextSeq: number };
    this.store = {
      hlc: saved.hlc,
      incidents: new Map(saved.incidents),
      timeline: new Map(saved.timeline),
      outbox: new Map(saved.outbox),
      conflicts: new Map(saved.conflicts),
      point: saved.point,
      nextSeq: saved.nextSeq,
    };
  }

  /** A JSON snapshot of everything stored, to prove that a failed step changed nothing. */
  snapshot(): string {
    const s = this.store;
    return JSON.stringify({
      hlc: s.hlc,
      incidents: [...s.incidents.entries()],
      timeline: [...s.timeline.entries()],
      outbox: [...s.outbox.entries()],
      conflicts: [...s.conflicts.entries()],
      point: s.point,
      nextSeq: s.nextSeq,
    });
  }

  /**
   * All-or-nothing: every map write goes through `put` and is undone if the work throws; scalar fields are
   * restored too. Stored objects are never changed in place, only replaced.
   */
  private transaction(work: (s: Store, put: Put) => void): void {
    const s = this.store;
    const saved = { hlc: s.hlc, point: s.point, nextSeq: s.nextSeq };
    const undo: (() => void)[] = [];
    const put: Put = <K, V>(map: Map<K, V>, key: K, value: V) => {
      const had = map.has(key);
      const old = map.get(key) as V;
      undo.push(() => (had ? map.set(key, old) : map.delete(key)));
      map.set(key, value);
    };
    try {
      work(s, put);
    } catch (error) {
      for (const step of undo.reverse()) step();
      Object.assign(s, saved);
      throw error;
    }
  }
}

type Put = <K, V>(map: Map<K, V>, key: K, value: V) => void;

/** HQ holds the operation under `to`: rewrite what still carries `from` (incident stamps, its event, outbox rows). */
function rewriteCapped(s: Store, put: Put, incidentId: string, from: string, to: string): void {
  const state = s.incidents.get(incidentId);
  if (state) put(s.incidents, incidentId, rewriteStateStamp(state, from, to));
  for (const [id, event] of s.timeline) if (event.hlc === from) put(s.timeline, id, rewriteEventStamp(event, from, to));
  for (const [seq, entry] of s.outbox) {
    const op = rewriteOperationStamp(entry.op, from, to);
    if (op !== entry.op) put(s.outbox, seq, { ...entry, op });
  }
}
