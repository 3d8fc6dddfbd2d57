// Checks HQ's push answer against the batch that was sent and turns it into outcomes for the replica.
import { isHlcStamp, parseHlc } from '../../domain';
import type { Operation } from '../operation';
import type { PushResponse } from '../wire';
import type { PushOutcome } from './replica';
import { SyncError } from './sync-error';

const DEFAULT_REASONS = {
  rejected: 'HQ refused this change for good.',
  'retry-later': 'HQ could not take this change yet; Lantern will send it again.',
} as const;

/**
 * One result per operation, in order, naming the operation it answers. A capped stamp must stay this
 * device's stamp (same node) — anything else is an answer we do not understand, and nothing is recorded.
 */
export function checkPushResponse(ops: readonly Operation[], response: PushResponse): PushOutcome[] {
  if (response.results.length !== ops.length) throw badPush(`HQ answered ${response.results.length} results for ${ops.length} operations`);
  return ops.map((op, index) => {
    const result = response.results[index]!;
    if (result.index !== index || result.opId !== op.opId) throw badPush(`result ${index} does not answer operation ${op.opId}`);
    if (result.status === 'applied' || result.status === 'duplicate') {
      const held = result.hlc ?? op.hlc;
      if (!isHlcStamp(held) || parseHlc(held).node !== op.deviceId) throw badPush(`result ${index} carries a stamp of another device`);
      return { opId: op.opId, deviceSeq: op.deviceSeq, status: result.status, capped: held === op.hlc ? null : { from: op.hlc, to: held } };
    }
    const reason = result.reason?.trim() ? result.reason.trim() : DEFAULT_REASONS[result.status];
    return { opId: op.opId, deviceSeq: op.deviceSeq, status: result.status, code: result.code ?? null, reason };
  });
}

function badPush(detail: string): SyncError {
  return new SyncError('bad-response', undefined, { cause: new Error(detail) });
}
