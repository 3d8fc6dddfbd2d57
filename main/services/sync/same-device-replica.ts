// The replica as the service hands it to the engine: operations of another device id are never pushed.
import type { LocalReplica } from '../../../shared/sync/engine/replica';
import type { Operation } from '../../../shared/sync/operation';
import { ReplicaUnavailableError } from './replica-error';

/**
 * HQ takes a device's operations only under the id its token was issued for. If the local database was
 * recreated (new device id) after enrollment, nothing is pushed: HQ would reject those operations for good.
 */
export function sameDeviceOnly(replica: LocalReplica, deviceId: string): LocalReplica {
  const checked = (ops: Operation[]) => {
    if (ops.some((op) => op.deviceId !== deviceId)) throw new ReplicaUnavailableError('other-device');
    return ops;
  };
  // Passed on only when the replica has it (without it the engine reads each batch after the previous answer);
  // leaving it out here once narrowed the app's push window to one batch without anyone noticing.
  const readAhead = replica.pendingOpsAfter?.bind(replica);
  const renumber = replica.renumberPending?.bind(replica);
  const markSent = replica.markSent?.bind(replica);
  const markNotSent = replica.markNotSent?.bind(replica);
  return {
    pendingOps: async (limit) => checked(await replica.pendingOps(limit)),
    ...(readAhead ? { pendingOpsAfter: async (after: number, limit: number) => checked(await readAhead(after, limit)) } : {}),
    recordPushResults: (results) => replica.recordPushResults(results),
    getCursor: () => replica.getCursor(),
    applyPulledPage: (page) => replica.applyPulledPage(page),
    resetForNewEpoch: (epoch) => replica.resetForNewEpoch(epoch),
    countPending: () => replica.countPending(),
    ...(renumber ? { renumberPending: (hqLastSeq: number) => renumber(hqLastSeq) } : {}),
    ...(markSent && markNotSent ? { markSent: (seqs: readonly number[]) => markSent(seqs), markNotSent: (seqs: readonly number[]) => markNotSent(seqs) } : {}),
  };
}
