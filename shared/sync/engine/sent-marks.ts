// A transport whose pushes mark their batch "sent" in the replica while it travels, and take the mark back on failure.
import type { LocalReplica } from './replica';
import type { SyncTransport } from './transport';

/**
 * The answer does not wait for the mark: it only feeds the badge, and waiting queued every push behind the previous
 * batch's receipt transaction. A push that fails (HQ unreachable, refused, revoked, any error answer) took nothing to
 * HQ as far as this device knows, so the mark goes back before the engine hears of the failure: the badge says "only
 * on this device" again instead of "sent" until some later sync. A replica without the marks gets the plain transport.
 */
export function withSentMarks(transport: SyncTransport, replica: Pick<LocalReplica, 'markSent' | 'markNotSent'>, warn: (message: string, error: unknown) => void): SyncTransport {
  const markSent = replica.markSent?.bind(replica);
  const markNotSent = replica.markNotSent?.bind(replica);
  if (!markSent || !markNotSent) return transport;
  return {
    ...transport,
    push: async (ops, opsJson, pushOptions) => {
      const seqs = ops.map((op) => op.deviceSeq);
      const marking = markSent(seqs).catch((error: unknown) => warn('Lantern sync: could not mark changes as sent', error));
      try {
        return await transport.push(ops, opsJson, pushOptions);
      } catch (error) {
        await marking;
        await markNotSent(seqs).catch((problem: unknown) => warn('Lantern sync: could not take back the "sent" mark after a failed push', problem));
        throw error;
      }
    },
  };
}
