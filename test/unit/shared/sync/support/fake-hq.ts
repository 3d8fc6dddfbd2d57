// In-memory HQ implementing protocol v1 (docs/sync-protocol.md) behind an HTTP-shaped handler, for engine tests.
import { type TimelineEvent } from '../../../../../shared/domain';
import { replacesAutomaticCopy } from '../../../../../shared/sync/automatic-entries';
import { capFutureStamp } from '../../../../../shared/sync/hlc-cap';
import { mergeOperation, type Conflict, type IncidentState } from '../../../../../shared/sync/merge';
import { OPERATION_SCHEMA_VERSION, operationSchema, type Operation } from '../../../../../shared/sync/operation';
import { MAX_PULL_LIMIT, PROTOCOL_VERSION, pushRequestSchema, type PushOpResult } from '../../../../../shared/sync/wire';

export interface HqRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string | undefined;
}
export interface HqAnswer {
  status: number;
  body: string;
}

/** One entry of HQ's journal: what a backup restore keeps or loses, in the order it happened. */
type JournalEntry = { kind: 'applied'; serverSeq: number; op: Operation; originalHlc: string } | { kind: 'rejected'; deviceId: string; opId: string; deviceSeq: number | null; reason: string };

/**
 * How HQ picks the stamp for a future-dated operation.
 * - 'above-incident': after the device's previous stamp AND every stamp HQ holds for the incident (converges);
 * - 'device-only': after the device's previous stamp only (what server/sync/cap-hlc.ts does today).
 */
export type CapRule = 'above-incident' | 'device-only';

export interface FakeHqOptions {
  now: () => number;
  capRule?: CapRule;
  minProtocol?: number;
  maxProtocol?: number;
  /** The newest operation version this HQ reads (default: this build's); lower plays an HQ not yet updated. */
  operationVersion?: number;
}

export class FakeHq {
  readonly hqId = 'hq-test';
  epoch = 'epoch-1';
  private epochCounter = 1;
  private journal: JournalEntry[] = [];
  // Derived from the journal (rebuilt on restore):
  private log: { serverSeq: number; op: Operation }[] = [];
  private byOpId = new Map<string, { serverSeq: number; hlc: string }>();
  private rejectedOps = new Map<string, string>();
  private lastSeq = new Map<string, number>();
  /** Devices whose push claimed HQ had answered more than it holds (deviceId → epoch of the claim). */
  private readonly claims = new Map<string, string>();
  private lastHlc = new Map<string, string>();
  private capped = new Map<string, string>();
  readonly incidents = new Map<string, IncidentState>();
  readonly timeline = new Map<string, TimelineEvent>();
  readonly conflicts = new Map<string, Conflict>();

  private readonly tokens = new Map<string, { deviceId: string; revoked: boolean }>();
  /** Test hooks: these opIds are refused for good / deferred while listed. */
  readonly rejectOpIds = new Set<string>();
  readonly deferOpIds = new Set<string>();
  /** Every push and pull request HQ handled (after auth), for assertions. */
  readonly requests: { path: string; ops?: number }[] = [];
  minProtocol: number;
  maxProtocol: number;
  private readonly capRule: CapRule;

  constructor(private readonly options: FakeHqOptions) {
    this.capRule = options.capRule ?? 'above-incident';
    this.minProtocol = options.minProtocol ?? PROTOCOL_VERSION;
    this.maxProtocol = options.maxProtocol ?? PROTOCOL_VERSION;
  }

  /** A device token HQ accepts (what enrollment would hand out). */
  addDevice(deviceId: string): string {
    const token = `token-${deviceId}-${'x'.repeat(32)}`;
    this.tokens.set(token, { deviceId, revoked: false });
    return token;
  }

  revoke(deviceId: string): void {
    for (const entry of this.tokens.values()) if (entry.deviceId === deviceId) entry.revoked = true;
  }

  /**
   * HQ restored from a backup that lacks the newest `lostEntries` journal entries: a new epoch, unless the operator
   * skipped that step (`newEpoch: false`; HQ then notices the loss as the real HQ does: a device's pull cursor past
   * the operations HQ holds starts a new epoch for all; a push's claim alone makes only that device start over).
   */
  restoreFromBackup(lostEntries: number, { newEpoch = true }: { newEpoch?: boolean } = {}): void {
    const keep = this.journal.slice(0, Math.max(0, this.journal.length - lostEntries));
    if (newEpoch) this.startEpoch();
    this.rebuild(keep);
  }

  private startEpoch(): void {
    this.epochCounter += 1;
    this.epoch = `epoch-${this.epochCounter}`;
  }

  /** Every applied operation, in serverSeq order. */
  operations(): readonly { serverSeq: number; op: Operation }[] {
    return this.log;
  }

  handle(request: HqRequest): HqAnswer {
    const version = Number(request.headers['lantern-protocol']);
    if (!Number.isInteger(version)) return error(400, 'protocol-missing', 'Send the Lantern-Protocol header.');
    if (version > this.maxProtocol) return error(426, 'client-newer', 'HQ runs an older Lantern.', { supported: { min: this.minProtocol, max: this.maxProtocol } });
    if (version < this.minProtocol) return error(426, 'client-outdated', 'Update Lantern.', { supported: { min: this.minProtocol, max: this.maxProtocol } });
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const device = token !== undefined ? this.tokens.get(token) : undefined;
    if (!device) return error(401, 'unauthorized', 'Unknown token.');
    if (device.revoked) return error(403, 'device-revoked', 'This device was revoked.');
    if (request.method === 'POST' && request.path === '/v1/sync/push') return this.push(device.deviceId, request.body);
    if (request.method === 'GET' && request.path === '/v1/sync/pull') return this.pull(device.deviceId, request.query);
    return error(404, 'not-found', 'No such endpoint.');
  }

  private push(deviceId: string, body: string | undefined): HqAnswer {
    const parsed = pushRequestSchema.safeParse(body === undefined ? undefined : JSON.parse(body));
    if (!parsed.success) return error(400, 'invalid-request', 'Bad push request.');
    if (parsed.data.deviceId !== deviceId) return error(403, 'forbidden', 'Another device.');
    this.requests.push({ path: 'push', ops: parsed.data.ops.length });
    // As server/sync/lost-history.ts: the device says HQ answered operations in this epoch that HQ no longer holds. HQ
    // never signed that claim, so it is remembered for the device's next pull, and the push goes on ("gap").
    const first = Math.min(...parsed.data.ops.map((op) => (op as { deviceSeq?: unknown }).deviceSeq).filter((seq): seq is number => typeof seq === 'number'));
    if (parsed.data.answeredBelowIn === this.epoch && first > (this.lastSeq.get(deviceId) ?? 0) + 1) this.claims.set(deviceId, this.epoch);
    const deviceLastSeq = this.lastSeq.get(deviceId) ?? 0;
    const results = parsed.data.ops.map((raw, index) => this.pushOne(deviceId, raw, index));
    return ok({ hqId: this.hqId, epoch: this.epoch, serverTime: this.options.now(), results, deviceLastSeq });
  }

  private pushOne(deviceId: string, raw: unknown, index: number): PushOpResult {
    const record = (raw ?? {}) as Record<string, unknown>;
    const opId = typeof record.opId === 'string' ? record.opId : null;
    if (typeof record.schemaVersion === 'number' && record.schemaVersion > (this.options.operationVersion ?? OPERATION_SCHEMA_VERSION)) {
      return { index, opId, status: 'retry-later', code: 'schema-newer', reason: 'Newer schema.' };
    }
    const parsed = operationSchema.safeParse(raw);
    if (!parsed.success || parsed.data.deviceId !== deviceId) return { index, opId, status: 'rejected', code: 'invalid', reason: 'Not a valid operation.' };
    const op = parsed.data;
    const done = this.byOpId.get(op.opId);
    if (done) return { index, opId, status: 'duplicate', hlc: done.hlc, serverSeq: done.serverSeq };
    const earlier = this.rejectedOps.get(op.opId);
    if (earlier !== undefined) return { index, opId, status: 'rejected', code: 'invalid', reason: earlier };
    const last = this.lastSeq.get(deviceId) ?? 0;
    if (op.deviceSeq <= last) return { index, opId, status: 'rejected', code: 'seq-reused', reason: 'Sequence number reused.' };
    if (op.deviceSeq > last + 1 || this.deferOpIds.has(op.opId)) {
      return { index, opId, status: 'retry-later', code: 'gap', reason: `Waiting for operation ${last + 1}.` };
    }
    if (this.rejectOpIds.has(op.opId)) {
      const entry: JournalEntry = { kind: 'rejected', deviceId, opId: op.opId, deviceSeq: op.deviceSeq, reason: 'The administrator refused this change.' };
      this.journal.push(entry);
      this.replay(entry);
      return { index, opId, status: 'rejected', code: 'invalid', reason: entry.reason };
    }
    const stored = this.stampForHq(op);
    const entry: JournalEntry = { kind: 'applied', serverSeq: this.log.length + 1, op: stored, originalHlc: op.hlc };
    this.journal.push(entry);
    this.replay(entry);
    return { index, opId, status: 'applied', hlc: stored.hlc, serverSeq: entry.serverSeq };
  }

  /** Caps a stamp more than MAX_FUTURE_HLC_MS ahead of HQ's clock; rewrites base stamps HQ capped before. */
  private stampForHq(op: Operation): Operation {
    const now = this.options.now();
    const rewriteBase = (base: Operation['base']) =>
      base && Object.fromEntries(Object.entries(base).map(([field, stamp]) => [field, stamp ? (this.capped.get(stamp) ?? stamp) : stamp]));
    const base = rewriteBase(op.base);
    const floors = [this.lastHlc.get(op.deviceId)];
    if (this.capRule === 'above-incident') floors.push(...Object.values(this.incidents.get(op.incidentId)?.stamps ?? {}));
    const hlc = capFutureStamp(op.hlc, now, floors);
    if (hlc === null) return base ? { ...op, base } : op;
    return { ...op, hlc, event: { ...op.event, hlc }, ...(base ? { base } : {}) };
  }

  private pull(deviceId: string, query: Record<string, string>): HqAnswer {
    this.requests.push({ path: 'pull' });
    let after = 0;
    if (query.cursor) {
      const match = /^c:([^:]+):(\d+)$/.exec(query.cursor);
      if (!match) return error(400, 'invalid-cursor', 'Not a cursor.');
      if (match[1] !== this.epoch) return error(409, 'epoch-changed', 'HQ was restored.', { epoch: this.epoch });
      after = Number(match[2]);
      // A cursor HQ made (the real one is signed) past what HQ holds proves lost history: a new epoch for every device.
      if (after > this.log.length) {
        this.startEpoch();
        this.claims.clear();
        return error(409, 'epoch-changed', 'HQ lost history and started a new epoch.', { epoch: this.epoch });
      }
    }
    const claimed = this.claims.get(deviceId);
    this.claims.delete(deviceId);
    if (claimed === this.epoch) return error(409, 'epoch-changed', 'HQ does not hold all the operations this device says it confirmed.', { epoch: this.epoch });
    const limit = Math.min(MAX_PULL_LIMIT, Number(query.limit ?? 500));
    const page = this.log.slice(after, after + limit);
    const last = page.at(-1)?.serverSeq ?? after;
    return ok({ hqId: this.hqId, epoch: this.epoch, serverTime: this.options.now(), ops: page, cursor: `c:${this.epoch}:${last}`, hasMore: last < this.log.length });
  }

  private rebuild(entries: JournalEntry[]): void {
    this.journal = [];
    this.log = [];
    this.byOpId.clear();
    this.rejectedOps.clear();
    this.lastSeq.clear();
    this.lastHlc.clear();
    this.capped.clear();
    this.incidents.clear();
    this.timeline.clear();
    this.conflicts.clear();
    for (const entry of entries) {
      this.journal.push(entry);
      this.replay(entry);
    }
  }

  private replay(entry: JournalEntry): void {
    if (entry.kind === 'rejected') {
      this.rejectedOps.set(entry.opId, entry.reason);
      if (entry.deviceSeq !== null) this.lastSeq.set(entry.deviceId, entry.deviceSeq);
      return;
    }
    const { op, serverSeq } = entry;
    this.log.push({ serverSeq, op });
    this.byOpId.set(op.opId, { serverSeq, hlc: op.hlc });
    this.lastSeq.set(op.deviceId, op.deviceSeq);
    this.lastHlc.set(op.deviceId, op.hlc);
    if (op.hlc !== entry.originalHlc) this.capped.set(entry.originalHlc, op.hlc);
    const merged = mergeOperation(this.incidents.get(op.incidentId), op);
    this.incidents.set(op.incidentId, merged.state);
    const held = this.timeline.get(op.event.id);
    // As HQ: one copy per entry id; an automatic entry written apart keeps its highest-stamped copy.
    if (!held || replacesAutomaticCopy(held, op.event)) this.timeline.set(op.event.id, op.event);
    for (const conflict of merged.conflicts) this.conflicts.set(conflict.id, conflict);
  }
}

function ok(body: unknown): HqAnswer {
  return { status: 200, body: JSON.stringify(body) };
}

function error(status: number, code: string, message: string, extra: Record<string, unknown> = {}): HqAnswer {
  return { status, body: JSON.stringify({ error: code, message, ...extra }) };
}
