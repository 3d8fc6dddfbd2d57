// One store transaction for one or several pushes: validate first (pure), then one bulk read, decide in memory, one bulk write.
import { parseHlc } from '../../shared/domain';
import type { PushOpResult } from '../../shared/sync/wire';
import { accessRefusal, type AccessRefusal } from '../auth/device-access';
import type { PushTx } from '../store/types';
import { classifyOp, type ClassifiedOp } from './classify-op';
import { PushDecider, type PushBatchInput } from './push-decider';

export type { PushBatchInput } from './push-decider';

export interface PushMember {
  readonly input: PushBatchInput;
  readonly items: readonly ClassifiedOp[];
}

/** One member's answer: its per-operation results, or why its device may no longer write (nothing of it stored). */
export type MemberOutcome = { readonly ok: true; readonly results: PushOpResult[] } | { readonly ok: false; readonly refusal: AccessRefusal };

export interface PushGroupOutcome {
  readonly hqId: string;
  readonly epoch: string;
  /** Per member, in the order given. */
  readonly results: MemberOutcome[];
}

/** Validates every operation of a batch; pure, so it runs before the push lock is taken. */
export function classifyBatch(input: Pick<PushBatchInput, 'deviceId' | 'ops' | 'forceReject'>): ClassifiedOp[] {
  return input.ops.map((raw, index) => forced(classifyOp(raw, index, input.deviceId), input.forceReject, raw));
}

/** Decides and stores several pushes inside one push transaction, as if each had committed alone, in the order given. */
export async function runPushGroup(tx: PushTx, members: readonly PushMember[]): Promise<PushGroupOutcome> {
  const opIds = new Set<string>();
  const incidentIds = new Set<string>();
  const baseStamps = new Set<string>();
  for (const { input, items } of members) {
    for (const item of items) {
      const opId = item.kind === 'valid' ? item.op.opId : item.opId;
      if (opId !== null) opIds.add(opId);
      if (item.kind !== 'valid') continue;
      incidentIds.add(item.op.incidentId);
      // Most operations carry no base stamps: no empty object and array per operation for them.
      if (!item.op.base) continue;
      for (const stamp of Object.values(item.op.base)) {
        if (typeof stamp === 'string' && parseHlc(stamp).node === input.deviceId) baseStamps.add(stamp);
      }
    }
  }
  const snapshot = await tx.load({
    deviceIds: [...new Set(members.map((m) => m.input.deviceId))],
    opIds: [...opIds],
    baseStamps: [...baseStamps],
    incidentIds: [...incidentIds],
  });
  const decider = new PushDecider(snapshot);
  const results = members.map(({ input, items }): MemberOutcome => {
    // Checked here, not only at the door: a device revoked while its push waited for this transaction writes nothing.
    const refusal = input.tokenHash === undefined ? null : accessRefusal(snapshot.access.get(input.deviceId) ?? null, input.tokenHash);
    return refusal === null ? { ok: true, results: decider.decide(input, items) } : { ok: false, refusal };
  });
  await tx.write(decider.writes());
  return { ...decider.meta, results };
}

function forced(item: ClassifiedOp, reason: string | undefined, raw: unknown): ClassifiedOp {
  if (reason === undefined || item.kind !== 'valid') return item;
  return { kind: 'invalid', index: item.index, opId: item.op.opId, ownSeq: item.op.deviceSeq, code: 'hq-error', reason, body: JSON.stringify(raw) };
}
