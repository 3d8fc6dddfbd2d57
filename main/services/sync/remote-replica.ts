// LocalReplica and FileSource whose storage lives in the page (Dexie): each method is a `replica:call` event answered by `replica:reply`.
import type { z } from 'zod';
import { sendEvent, type EventTargetLike } from '../../ipc/event-sender';
import { MAX_PUSH_REASON_LENGTH, replicaResultSchemas, type ReplicaCall, type ReplicaMethod, type ReplicaReply } from '../../../shared/ipc/schemas/replica';
import type { FileSource, PendingFile } from '../../../shared/sync/engine/file-upload';
import type { LocalReplica, PulledPage, PushOutcome, SyncPoint } from '../../../shared/sync/engine/replica';
import type { TimerApi } from '../../../shared/sync/engine/fetch-transport';
import type { Operation } from '../../../shared/sync/operation';
import { ReplicaUnavailableError, type ReplicaFailure } from './replica-error';

/** The page that answers calls: Electron's WebContents (its id tells replies from other pages apart). */
export interface ReplicaPage extends EventTargetLike {
  readonly id: number;
}

export interface RemoteReplicaOptions {
  readonly timers: TimerApi;
  /** Unguessable call ids (crypto.randomUUID). */
  readonly newCallId: () => string;
  /** Per call; a page of 1,000 operations applied in one Dexie transaction fits easily. */
  readonly timeoutMs?: number;
  readonly warn?: (message: string) => void;
}

interface PendingCall {
  readonly method: ReplicaMethod;
  readonly pageId: number;
  readonly timer: unknown;
  readonly settle: (reply: ReplicaReply) => void;
  readonly fail: (error: ReplicaUnavailableError) => void;
}

export type ReplyVerdict = 'accepted' | 'unknown-call' | 'wrong-sender';

export class RemoteReplica implements LocalReplica, FileSource {
  private page: ReplicaPage | null = null;
  private readonly calls = new Map<string, PendingCall>();
  private readonly timeoutMs: number;

  constructor(private readonly options: RemoteReplicaOptions) {
    this.timeoutMs = Math.max(1, options.timeoutMs ?? 60_000);
  }

  /** The page's responder is listening. A new page replaces the old one, whose calls fail. */
  attach(page: ReplicaPage): void {
    if (this.page && this.page.id !== page.id) this.failCalls(this.page.id, 'page-gone');
    this.page = page;
  }

  /** The page was closed, reloaded or crashed: its calls fail now instead of waiting for the timeout. */
  detach(pageId: number): void {
    if (this.page?.id === pageId) this.page = null;
    this.failCalls(pageId, 'page-gone');
  }

  isAttached(): boolean {
    return this.page !== null && !this.page.isDestroyed();
  }

  /** A `replica:reply` from page `senderId` (null when unknown). Never throws; refused replies change nothing. */
  handleReply(reply: ReplicaReply, senderId: number | null): ReplyVerdict {
    const call = this.calls.get(reply.callId);
    if (!call) {
      this.options.warn?.('Lantern sync: a reply for an unknown or finished replica call was ignored.');
      return 'unknown-call';
    }
    if (senderId !== call.pageId) {
      this.options.warn?.('Lantern sync: a replica reply from another page than the one called was refused.');
      return 'wrong-sender';
    }
    call.settle(reply);
    return 'accepted';
  }

  // ---- LocalReplica ----------------------------------------------------------------------------

  pendingOps(limit: number): Promise<Operation[]> {
    return this.call((callId) => ({ callId, method: 'pendingOps', args: [limit] }), replicaResultSchemas.pendingOps, (ops) => ops.length <= limit);
  }

  /** Lets the engine read the next batch while one is on its way to HQ (the page answers with ops after that seq only). */
  pendingOpsAfter(afterDeviceSeq: number, limit: number): Promise<Operation[]> {
    return this.call(
      (callId) => ({ callId, method: 'pendingOpsAfter', args: [afterDeviceSeq, limit] }),
      replicaResultSchemas.pendingOpsAfter,
      (ops) => ops.length <= limit && ops.every((op) => op.deviceSeq > afterDeviceSeq),
    );
  }

  async recordPushResults(results: readonly PushOutcome[]): Promise<void> {
    // HQ's reasons are free text: cut them so one long reason cannot make every later sync fail the contract.
    const bounded = results.map((r) => (r.status === 'rejected' || r.status === 'retry-later') && r.reason.length > MAX_PUSH_REASON_LENGTH ? { ...r, reason: r.reason.slice(0, MAX_PUSH_REASON_LENGTH) } : r);
    await this.call((callId) => ({ callId, method: 'recordPushResults', args: [bounded] }), replicaResultSchemas.recordPushResults);
  }

  getCursor(): Promise<SyncPoint> {
    return this.call((callId) => ({ callId, method: 'getCursor', args: [] }), replicaResultSchemas.getCursor);
  }

  async applyPulledPage(page: PulledPage): Promise<void> {
    await this.call((callId) => ({ callId, method: 'applyPulledPage', args: [{ ...page, ops: [...page.ops] }] }), replicaResultSchemas.applyPulledPage);
  }

  async resetForNewEpoch(epoch: string): Promise<void> {
    await this.call((callId) => ({ callId, method: 'resetForNewEpoch', args: [epoch] }), replicaResultSchemas.resetForNewEpoch);
  }

  renumberPending(hqLastSeq: number): Promise<number> {
    return this.call((callId) => ({ callId, method: 'renumberPending', args: [hqLastSeq] }), replicaResultSchemas.renumberPending);
  }

  async markSent(deviceSeqs: readonly number[]): Promise<void> {
    if (deviceSeqs.length === 0) return;
    await this.call((callId) => ({ callId, method: 'markOpsSent', args: [[...deviceSeqs]] }), replicaResultSchemas.markOpsSent);
  }

  async markNotSent(deviceSeqs: readonly number[]): Promise<void> {
    if (deviceSeqs.length === 0) return;
    await this.call((callId) => ({ callId, method: 'markOpsNotSent', args: [[...deviceSeqs]] }), replicaResultSchemas.markOpsNotSent);
  }

  countPending(): Promise<number> {
    return this.call((callId) => ({ callId, method: 'countPending', args: [] }), replicaResultSchemas.countPending);
  }

  // ---- FileSource (attachment bytes for the upload after each run) ------------------------------

  pendingFiles(limit: number, after?: string): Promise<PendingFile[]> {
    return this.call((callId) => ({ callId, method: 'pendingFiles', args: after === undefined ? [limit] : [limit, after] }), replicaResultSchemas.pendingFiles, (files) => files.length <= limit);
  }

  /** More than `length` bytes is a broken answer; fewer passes, and the uploader skips that damaged file. */
  readChunk(sha256: string, offset: number, length: number): Promise<Uint8Array> {
    return this.call((callId) => ({ callId, method: 'readFileChunk', args: [sha256, offset, length] }), replicaResultSchemas.readFileChunk, (bytes) => bytes.byteLength <= length);
  }

  async markUploaded(sha256: string): Promise<void> {
    await this.call((callId) => ({ callId, method: 'markFileUploaded', args: [sha256] }), replicaResultSchemas.markFileUploaded);
  }

  // ---- plumbing --------------------------------------------------------------------------------

  private call<T>(build: (callId: string) => ReplicaCall, schema: z.ZodType<T>, accept: (value: T) => boolean = () => true): Promise<T> {
    const page = this.page;
    if (!page || page.isDestroyed()) return Promise.reject(new ReplicaUnavailableError('no-page'));
    const payload = build(this.options.newCallId());
    const { callId } = payload;
    return new Promise<T>((resolve, reject) => {
      const finish = (): void => {
        this.options.timers.clearTimeout(timer);
        this.calls.delete(callId);
      };
      const fail = (error: ReplicaUnavailableError): void => {
        finish();
        reject(error);
      };
      const settle = (reply: ReplicaReply): void => {
        finish();
        if (!reply.ok) {
          reject(new ReplicaUnavailableError(reply.error.kind, { cause: new Error(reply.error.message) }));
          return;
        }
        const parsed = schema.safeParse(reply.result);
        if (parsed.success && accept(parsed.data)) resolve(parsed.data);
        else reject(new ReplicaUnavailableError('bad-answer', parsed.success ? undefined : { cause: parsed.error }));
      };
      const timer = this.options.timers.setTimeout(() => fail(new ReplicaUnavailableError('timeout')), this.timeoutMs);
      this.calls.set(callId, { method: payload.method, pageId: page.id, timer, settle, fail });
      try {
        if (!sendEvent(page, 'replica:call', payload)) fail(new ReplicaUnavailableError('no-page'));
      } catch (error) {
        // The arguments broke the contract (a bug in main, or HQ data the engine let through): nothing is sent.
        fail(new ReplicaUnavailableError('bad-answer', { cause: error }));
      }
    });
  }

  private failCalls(pageId: number, failure: ReplicaFailure): void {
    for (const call of [...this.calls.values()]) if (call.pageId === pageId) call.fail(new ReplicaUnavailableError(failure));
  }
}
