// Push semantics, per operation, for one or several pushes decided in one transaction: duplicate / gap / reject / cap stamp / merge.
import { parseHlc, type TimelineEvent } from '../../shared/domain';
import { isAutomaticEntry, replacesAutomaticCopy } from '../../shared/sync/automatic-entries';
import { mergeOperation, type IncidentState } from '../../shared/sync/merge';
import type { Operation } from '../../shared/sync/operation';
import { capFutureStamp } from '../../shared/sync/hlc-cap';
import { fileRefsOf, MAX_FILE_BYTES, type FileClaim, type PushOpResult } from '../../shared/sync/wire';
import type { DeviceSyncState, IncidentRow, OpRow, PushSnapshot, PushWrites, RejectedRow } from '../store/types';
import { isFutureStamp, rewriteBase, rewriteStamps } from './cap-hlc';
import type { ClassifiedOp, RejectCode } from './classify-op';
import { isCompleteAtHq } from './incident-complete';
import { operationJson } from './operation-json';

export interface PushBatchInput {
  readonly deviceId: string;
  readonly now: number;
  readonly ops: readonly unknown[];
  readonly files: readonly FileClaim[];
  /** Device clock minus HQ clock, when the device sent its time. */
  readonly clockSkewMs: number | null;
  /** Set when HQ could not store these operations even one by one: reject them (kept for the admin) so the queue moves on. */
  readonly forceReject?: string;
  /**
   * The token the push was let in with: the push transaction stores nothing of it unless the token is still the
   * device's and the device is not revoked. Absent: no such check (HQ's own callers, tests).
   */
  readonly tokenHash?: string;
}

type Rejections = Map<string, { code: string; reason: string }>;

/**
 * The database as the transaction would see it, kept in memory: pushes decided one after the other see
 * exactly what they would see had each committed on its own, in that order (devices, applied opIds,
 * rejections, capped stamps, incident states, serverSeq), so a group commit changes no result.
 */
export class PushDecider {
  private readonly devices: Map<string, DeviceSyncState & { clockSkewMs: number | null }>;
  private readonly applied: Map<string, { hlc: string; serverSeq: number; deviceId: string }>;
  private readonly rejections: Map<string, Rejections>;
  /** Per device: original stamp → capped stamp (a device's base stamps only ever name its own capped stamps). */
  private readonly rewrites = new Map<string, Map<string, string>>();
  private readonly states: Map<string, IncidentState>;
  /** Devices that pushed in this transaction: their position is written back. */
  private readonly pushed = new Set<string>();
  private serverSeq: number;
  private now = 0;
  private readonly out = {
    ops: [] as OpRow[],
    rejected: [] as RejectedRow[],
    events: new Map<string, PushWrites['events'][number]>(),
    conflicts: new Map<string, PushWrites['conflicts'][number]>(),
    touched: new Map<string, number>(),
    fileRefs: new Map<string, PushWrites['fileRefs'][number]>(),
  };

  constructor(private readonly snapshot: PushSnapshot) {
    this.devices = new Map([...snapshot.devices].map(([id, device]) => [id, { ...device, clockSkewMs: null }]));
    this.applied = new Map(snapshot.knownOps);
    this.rejections = new Map([...snapshot.knownRejections].map(([id, known]) => [id, new Map(known)]));
    this.states = snapshot.incidentStates;
    this.serverSeq = snapshot.lastServerSeq;
  }

  /** Decides one push (its operations in request order) and records what it writes. */
  decide(input: PushBatchInput, items: readonly ClassifiedOp[]): PushOpResult[] {
    const { deviceId, now } = input;
    this.now = Math.max(this.now, now);
    const device = this.devices.get(deviceId) ?? { lastSeq: 0, lastHlc: null, clockSkewMs: null };
    let { lastSeq, lastHlc } = device;
    const rejections = this.rejectionsOf(deviceId);
    const rewrites = this.rewritesOf(deviceId);
    const results: PushOpResult[] = [];

    const reject = (item: { index: number; opId: string | null }, code: RejectCode, reason: string, body: string, seq: number | null) => {
      this.out.rejected.push({ deviceId, opId: item.opId, deviceSeq: seq, code, reason, body });
      if (item.opId !== null) rejections.set(item.opId, { code, reason });
      results.push({ index: item.index, opId: item.opId, status: 'rejected', code, reason });
    };

    for (const item of items) {
      const opId = item.kind === 'valid' ? item.op.opId : item.opId;
      if (item.kind === 'future-schema') {
        results.push({ index: item.index, opId, status: 'retry-later', code: 'schema-newer', reason: 'Written by a newer Lantern than HQ runs; it is kept on the device until HQ is updated.' });
        continue;
      }
      const done = opId !== null ? this.applied.get(opId) : undefined;
      // A duplicate only of the device's own operation (a resend after a lost answer). Another device's operation id is
      // never a duplicate: that answer would let any device attach file claims to operations it did not make.
      if (done && done.deviceId === deviceId) {
        results.push({ index: item.index, opId, status: 'duplicate', hlc: done.hlc, serverSeq: done.serverSeq });
        continue;
      }
      const earlier = opId !== null ? rejections.get(opId) : undefined;
      if (earlier) {
        results.push({ index: item.index, opId, status: 'rejected', code: asRejectCode(earlier.code), reason: earlier.reason });
        continue;
      }
      // Held for another device: an operation naming that device is already classified not-your-device; one that names
      // this device under another device's id is refused the same way (it still takes its place in sequence).
      const checked = done && item.kind === 'valid' ? heldByAnother(item.index, item.op) : item;
      if (checked.kind === 'invalid') {
        if (checked.ownSeq !== null && checked.ownSeq > lastSeq + 1) {
          results.push(gap(checked.index, opId, lastSeq));
          continue;
        }
        // An invalid operation in sequence takes its place, so the device's later operations are not held back by it.
        const consumes = checked.ownSeq === lastSeq + 1;
        reject(checked, checked.code, checked.reason, checked.body, checked.ownSeq);
        if (consumes) lastSeq += 1;
        continue;
      }

      const op = checked.op;
      if (op.deviceSeq <= lastSeq) {
        reject({ index: item.index, opId }, 'seq-reused', `This device already sent a different operation as number ${op.deviceSeq}; HQ kept this one aside for the administrator.`, JSON.stringify(op), null);
        continue;
      }
      if (op.deviceSeq > lastSeq + 1) {
        results.push(gap(item.index, opId, lastSeq));
        continue;
      }

      const current = this.states.get(op.incidentId);
      const floor = lastHlc;
      const stored = stampForHq(op, now, () => [floor, ...Object.values(current?.stamps ?? {})], rewrites);
      const merged = mergeOperation(current, stored);
      this.states.set(op.incidentId, merged.state);
      const serverSeq = ++this.serverSeq;
      lastSeq = op.deviceSeq;
      // The highest stamp so far, not the last: an automatic close is stamped below the device's earlier operations
      // (it yields to later changes), and a lower floor would let HQ cap two of its operations to the same stamp.
      if (lastHlc === null || stored.hlc > lastHlc) lastHlc = stored.hlc;
      this.out.touched.set(op.incidentId, serverSeq);
      this.applied.set(op.opId, { hlc: stored.hlc, serverSeq, deviceId });
      const json = operationJson(stored);
      this.out.ops.push({
        serverSeq,
        opId: op.opId,
        deviceId,
        deviceSeq: op.deviceSeq,
        incidentId: op.incidentId,
        hlc: stored.hlc,
        originalHlc: stored.hlc === op.hlc ? null : op.hlc,
        body: json.body,
      });
      const heldEvent = this.out.events.get(stored.event.id);
      if (!heldEvent || replacesAutomaticCopy(JSON.parse(heldEvent.body) as TimelineEvent, stored.event)) {
        const automatic = isAutomaticEntry(stored.event);
        this.out.events.set(stored.event.id, { id: stored.event.id, incidentId: op.incidentId, hlc: stored.event.hlc, serverSeq, body: json.event, automatic });
      }
      for (const conflict of merged.conflicts) {
        if (!this.out.conflicts.has(conflict.id)) {
          this.out.conflicts.set(conflict.id, { id: conflict.id, incidentId: conflict.incidentId, field: conflict.field, serverSeq, body: JSON.stringify(conflict) });
        }
      }
      for (const ref of fileRefsIn(stored, json.body)) {
        if (ref.size <= MAX_FILE_BYTES) this.out.fileRefs.set(`${ref.sha256}:${op.opId}`, { ...ref, opId: op.opId });
      }
      results.push({ index: item.index, opId, status: 'applied', hlc: stored.hlc, serverSeq });
    }

    // Claims name this push's own operations that HQ holds (applied now or before), as when each push commits alone:
    // applied and duplicate both mean "this device's operation" (another device's id is refused above), so no device can
    // name files for another device's operations. A claim over HQ's file size limit is not kept (no upload could match it).
    // The set is built only when the push claims files (most do not): it was an array and a set per push for nothing.
    const held = input.files.length === 0 ? EMPTY : new Set(results.flatMap((r) => (r.opId !== null && (r.status === 'applied' || r.status === 'duplicate') ? [r.opId] : [])));
    for (const claim of input.files) {
      if (held.has(claim.opId) && claim.size <= MAX_FILE_BYTES) {
        this.out.fileRefs.set(`${claim.sha256}:${claim.opId}`, { sha256: claim.sha256, size: claim.size, opId: claim.opId });
      }
    }
    this.devices.set(deviceId, { lastSeq, lastHlc, clockSkewMs: input.clockSkewMs ?? device.clockSkewMs });
    this.pushed.add(deviceId);
    return results;
  }

  /** Everything the decided pushes write, for one bulk write. */
  writes(): PushWrites {
    return {
      now: this.now,
      ops: this.out.ops,
      incidents: [...this.out.touched].map(([id, lastServerSeq]) => incidentRow(this.states.get(id)!, lastServerSeq)),
      events: [...this.out.events.values()],
      conflicts: [...this.out.conflicts.values()],
      rejected: this.out.rejected,
      fileRefs: [...this.out.fileRefs.values()],
      devices: [...this.devices].filter(([id]) => this.pushed.has(id)).map(([id, d]) => ({ id, lastSeq: d.lastSeq, lastHlc: d.lastHlc, clockSkewMs: d.clockSkewMs })),
      lastServerSeq: this.serverSeq,
    };
  }

  get meta(): { hqId: string; epoch: string } {
    return { hqId: this.snapshot.hqId, epoch: this.snapshot.epoch };
  }

  private rejectionsOf(deviceId: string): Rejections {
    let known = this.rejections.get(deviceId);
    if (!known) {
      known = new Map();
      this.rejections.set(deviceId, known);
    }
    return known;
  }

  private rewritesOf(deviceId: string): Map<string, string> {
    let map = this.rewrites.get(deviceId);
    if (!map) {
      // The loaded capped stamps were asked for by this device's own base stamps (a stamp names its device).
      map = new Map([...this.snapshot.cappedStamps].filter(([original]) => parseHlc(original).node === deviceId));
      this.rewrites.set(deviceId, map);
    }
    return map;
  }
}

const EMPTY: ReadonlySet<string> = new Set();

/**
 * The operation as HQ keeps it: a future-dated stamp capped (remembered in `rewrites`), base stamps rewritten.
 * `floors`: the device's previous stamp and every stamp HQ holds for the incident. The device decided with its
 * far-future stamp that its change beats everything it had seen, so the capped stamp must as well
 * (see shared/sync/hlc-cap.ts); otherwise HQ and the device would keep different values. Gathered only for a stamp
 * that is capped (capFutureStamp answers null for any other without looking at them): an array of every stamp of the
 * incident per operation was garbage for nothing.
 */
function stampForHq(op: Operation, now: number, floors: () => readonly (string | null)[], rewrites: Map<string, string>): Operation {
  const hlc = isFutureStamp(op.hlc, now) ? capFutureStamp(op.hlc, now, floors()) : null;
  if (hlc !== null) {
    const stored = rewriteStamps(op, hlc, rewrites, now);
    rewrites.set(op.hlc, hlc);
    return stored;
  }
  if (op.base && rewrites.size > 0) return { ...op, base: rewriteBase(op.base, rewrites) };
  return op;
}

/**
 * fileRefsOf(op), skipped when the operation's JSON has no "sha256" key anywhere: fileRefsOf only finds objects with a
 * string `sha256`, and such a key always serialises as `"sha256":` (inside a JSON string a quote is escaped, so the
 * text cannot come from a value). Walking every object of every operation was a few per cent of a push's CPU.
 */
function fileRefsIn(op: Operation, json: string): ReturnType<typeof fileRefsOf> {
  return json.includes('"sha256":') ? fileRefsOf(op) : [];
}

function incidentRow(state: IncidentState, lastSeq: number): IncidentRow {
  return {
    id: state.id,
    state: JSON.stringify(state),
    complete: isCompleteAtHq(state),
    status: state.fields.status ?? null,
    // Normalized (devices may send "…:00Z" or "…:00.5Z"), so the read API's updatedSince compares as text.
    updatedAt: state.updatedAt === null ? null : new Date(state.updatedAt).toISOString(),
    lastSeq,
    // A column, so the read API filters on it without parsing state (PostgreSQL's jsonb cannot hold every stored text).
    exercise: state.fields.exercise === true,
  };
}

function gap(index: number, opId: string | null, lastSeq: number): PushOpResult {
  return { index, opId, status: 'retry-later', code: 'gap', reason: `HQ is waiting for this device's operation number ${lastSeq + 1} first; send it, then this one again.` };
}

/** An operation that names the pushing device under an id HQ holds for another device's operation. */
function heldByAnother(index: number, op: Operation): Extract<ClassifiedOp, { kind: 'invalid' }> {
  return {
    kind: 'invalid',
    index,
    opId: op.opId,
    ownSeq: op.deviceSeq,
    code: 'not-your-device',
    reason: 'HQ refused this operation: another device already sent an operation with this id (opId). A device may only send its own operations, each with a new id.',
    body: JSON.stringify(op),
  };
}

function asRejectCode(code: string): RejectCode {
  return code === 'not-your-device' || code === 'seq-reused' || code === 'hq-error' ? code : 'invalid';
}
