// Push semantics, per operation, inside one store transaction: duplicate / gap / reject / cap stamp / merge / apply.
import { parseHlc } from '../../shared/domain';
import { incidentFromState, mergeOperation, type IncidentState } from '../../shared/sync/merge';
import type { Operation } from '../../shared/sync/operation';
import { fileRefsOf, type FileClaim, type PushOpResult } from '../../shared/sync/wire';
import type { IncidentRow, OpRow, PushTx, PushWrites, RejectedRow } from '../store/types';
import { capFutureStamp } from '../../shared/sync/hlc-cap';
import { rewriteBase, rewriteStamps } from './cap-hlc';
import { classifyOp, type ClassifiedOp, type RejectCode } from './classify-op';

export interface PushBatchInput {
  readonly deviceId: string;
  readonly now: number;
  readonly ops: readonly unknown[];
  readonly files: readonly FileClaim[];
  /** Device clock minus HQ clock, when the device sent its time. */
  readonly clockSkewMs: number | null;
  /** Set when HQ could not store these operations even one by one: reject them (kept for the admin) so the queue moves on. */
  readonly forceReject?: string;
}

/** Validates every operation of a batch; pure, so it runs before the push lock is taken. */
export function classifyBatch(input: Pick<PushBatchInput, 'deviceId' | 'ops' | 'forceReject'>): ClassifiedOp[] {
  return input.ops.map((raw, index) => forced(classifyOp(raw, index, input.deviceId), input.forceReject, raw));
}

/** Decides and stores a classified batch inside one push transaction (the push lock held). */
export async function runPushBatch(tx: PushTx, input: PushBatchInput, items: readonly ClassifiedOp[] = classifyBatch(input)): Promise<PushOpResult[]> {
  const { deviceId, now } = input;
  const valid = items.flatMap((item) => (item.kind === 'valid' ? [item.op] : []));
  const opIds = unique(items.flatMap((item) => (item.kind === 'valid' ? [item.op.opId] : item.opId !== null ? [item.opId] : [])));

  const baseStamps = unique(valid.flatMap((op) => Object.values(op.base ?? {}).filter((s): s is string => typeof s === 'string' && parseHlc(s).node === deviceId)));
  const snapshot = await tx.load({ deviceId, opIds, baseStamps, incidentIds: unique(valid.map((op) => op.incidentId)) });
  const { device, knownOps, knownRejections } = snapshot;
  const rewrites = new Map(snapshot.cappedStamps);
  const states = snapshot.incidentStates;
  let serverSeq = snapshot.lastServerSeq;

  let lastSeq = device.lastSeq;
  let lastHlc = device.lastHlc;
  const applied = new Map(knownOps);
  const rejections = new Map<string, { code: string; reason: string }>(knownRejections);
  const writes = { ops: [] as OpRow[], rejected: [] as RejectedRow[], events: new Map<string, PushWrites['events'][number]>(), conflicts: new Map<string, PushWrites['conflicts'][number]>() };
  const touched = new Map<string, number>();
  const fileRefs = new Map<string, { sha256: string; size: number; opId: string }>();
  const results: PushOpResult[] = [];

  const reject = (item: { index: number; opId: string | null }, code: RejectCode, reason: string, body: string, seq: number | null) => {
    writes.rejected.push({ deviceId, opId: item.opId, deviceSeq: seq, code, reason, body });
    if (item.opId !== null) rejections.set(item.opId, { code, reason });
    results.push({ index: item.index, opId: item.opId, status: 'rejected', code, reason });
  };

  for (const item of items) {
    const opId = item.kind === 'valid' ? item.op.opId : item.opId;
    if (item.kind === 'future-schema') {
      results.push({ index: item.index, opId, status: 'retry-later', code: 'schema-newer', reason: 'Written by a newer Lantern than HQ runs; it is kept on the device until HQ is updated.' });
      continue;
    }
    const done = opId !== null ? applied.get(opId) : undefined;
    if (done) {
      results.push({ index: item.index, opId, status: 'duplicate', hlc: done.hlc, serverSeq: done.serverSeq });
      continue;
    }
    const earlier = opId !== null ? rejections.get(opId) : undefined;
    if (earlier) {
      results.push({ index: item.index, opId, status: 'rejected', code: asRejectCode(earlier.code), reason: earlier.reason });
      continue;
    }
    if (item.kind === 'invalid') {
      if (item.ownSeq !== null && item.ownSeq > lastSeq + 1) {
        results.push(gap(item.index, opId, lastSeq));
        continue;
      }
      // An invalid operation in sequence takes its place, so the device's later operations are not held back by it.
      const consumes = item.ownSeq === lastSeq + 1;
      reject(item, item.code, item.reason, item.body, item.ownSeq);
      if (consumes) lastSeq += 1;
      continue;
    }

    const op = item.op;
    if (op.deviceSeq <= lastSeq) {
      reject({ index: item.index, opId }, 'seq-reused', `This device already sent a different operation as number ${op.deviceSeq}; HQ kept this one aside for the administrator.`, JSON.stringify(op), null);
      continue;
    }
    if (op.deviceSeq > lastSeq + 1) {
      results.push(gap(item.index, opId, lastSeq));
      continue;
    }

    const current = states.get(op.incidentId);
    const stored = stampForHq(op, now, [lastHlc, ...Object.values(current?.stamps ?? {})], rewrites);
    const merged = mergeOperation(current, stored);
    states.set(op.incidentId, merged.state);
    serverSeq += 1;
    lastSeq = op.deviceSeq;
    lastHlc = stored.hlc;
    touched.set(op.incidentId, serverSeq);
    applied.set(op.opId, { hlc: stored.hlc, serverSeq });
    writes.ops.push({
      serverSeq,
      opId: op.opId,
      deviceId,
      deviceSeq: op.deviceSeq,
      incidentId: op.incidentId,
      hlc: stored.hlc,
      originalHlc: stored.hlc === op.hlc ? null : op.hlc,
      body: JSON.stringify(stored),
    });
    if (!writes.events.has(stored.event.id)) {
      writes.events.set(stored.event.id, { id: stored.event.id, incidentId: op.incidentId, hlc: stored.event.hlc, serverSeq, body: JSON.stringify(stored.event) });
    }
    for (const conflict of merged.conflicts) {
      if (!writes.conflicts.has(conflict.id)) writes.conflicts.set(conflict.id, { id: conflict.id, incidentId: conflict.incidentId, field: conflict.field, serverSeq, body: JSON.stringify(conflict) });
    }
    for (const ref of fileRefsOf(stored)) fileRefs.set(`${ref.sha256}:${op.opId}`, { ...ref, opId: op.opId });
    results.push({ index: item.index, opId, status: 'applied', hlc: stored.hlc, serverSeq });
  }

  for (const claim of input.files) {
    if (applied.has(claim.opId)) fileRefs.set(`${claim.sha256}:${claim.opId}`, { sha256: claim.sha256, size: claim.size, opId: claim.opId });
  }
  await tx.write({
    now,
    ops: writes.ops,
    incidents: [...touched].map(([id, lastServerSeq]) => incidentRow(states.get(id)!, lastServerSeq)),
    events: [...writes.events.values()],
    conflicts: [...writes.conflicts.values()],
    rejected: writes.rejected,
    fileRefs: [...fileRefs.values()],
    device: { id: deviceId, lastSeq, lastHlc, clockSkewMs: input.clockSkewMs },
    lastServerSeq: serverSeq,
  });
  return results;
}

/**
 * The operation as HQ keeps it: a future-dated stamp capped (remembered in `rewrites`), base stamps rewritten.
 * `floors`: the device's previous stamp and every stamp HQ holds for the incident. The device decided with its
 * far-future stamp that its change beats everything it had seen, so the capped stamp must as well
 * (see shared/sync/hlc-cap.ts); otherwise HQ and the device would keep different values.
 */
function stampForHq(op: Operation, now: number, floors: readonly (string | null)[], rewrites: Map<string, string>): Operation {
  const hlc = capFutureStamp(op.hlc, now, floors);
  if (hlc !== null) {
    const stored = rewriteStamps(op, hlc, rewrites, now);
    rewrites.set(op.hlc, hlc);
    return stored;
  }
  if (op.base && rewrites.size > 0) return { ...op, base: rewriteBase(op.base, rewrites) };
  return op;
}

function incidentRow(state: IncidentState, lastSeq: number): IncidentRow {
  return {
    id: state.id,
    state: JSON.stringify(state),
    complete: incidentFromState(state) !== null,
    status: state.fields.status ?? null,
    // Normalized (devices may send "…:00Z" or "…:00.5Z"), so the read API's updatedSince compares as text.
    updatedAt: state.updatedAt === null ? null : new Date(state.updatedAt).toISOString(),
    lastSeq,
  };
}

function gap(index: number, opId: string | null, lastSeq: number): PushOpResult {
  return { index, opId, status: 'retry-later', code: 'gap', reason: `HQ is waiting for this device's operation number ${lastSeq + 1} first; send it, then this one again.` };
}

function forced(item: ClassifiedOp, reason: string | undefined, raw: unknown): ClassifiedOp {
  if (reason === undefined || item.kind !== 'valid') return item;
  return { kind: 'invalid', index: item.index, opId: item.op.opId, ownSeq: item.op.deviceSeq, code: 'hq-error', reason, body: JSON.stringify(raw) };
}

function asRejectCode(code: string): RejectCode {
  return code === 'not-your-device' || code === 'seq-reused' || code === 'hq-error' ? code : 'invalid';
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
