// The host-agnostic sync run: push the outbox in batches, then pull HQ's log page by page; epoch resets; bounded.
import { OPERATION_SCHEMA_VERSION, type Operation } from '../operation';
import { MAX_PUSH_BODY_BYTES, MAX_PUSH_OPS, DEFAULT_PULL_LIMIT, MAX_PULL_LIMIT, type PullResponse, type PushResponse } from '../wire';
import { packBatch, type PackedBatch } from './batch-size';
import { LARGE_SKEW_MS, measureSkew } from './clock-skew';
import { checkPushResponse } from './push-check';
import type { LocalReplica, PushOutcome } from './replica';
import { highestStamp } from './replica-rules';
import { NEWER_OPERATIONS_MESSAGE } from './newer-operations';
import { newReportDraft, type ReportDraft, type SyncProgress, type SyncReport } from './sync-report';
import { SyncError } from './sync-error';
import type { SyncTransport } from './transport';

/** Pushes on their way at once unless options say otherwise (2: measured best on loopback and over a 40 ms link). */
export const DEFAULT_PUSH_WINDOW = 2;

export interface SyncEngineOptions {
  transport: SyncTransport;
  replica: LocalReplica;
  /** The device clock in ms (injected: shared code reads no global clock). */
  now: () => number;
  /** Operations per push (≤ 500). */
  batchSize?: number;
  /**
   * Pushes on their way to HQ at once (1–4, default 2): while this device handles one answer, the next batch is already
   * at HQ (or travelling), so HQ is not left idle for a round trip. HQ decides requests in the order they arrive.
   */
  pushWindow?: number;
  /** Bytes of operation JSON per push; stays under HQ's body limit with room for the envelope. */
  maxBatchBytes?: number;
  /** Operations per pull page (≤ 1000). */
  pullLimit?: number;
  /** Pages per run; a larger backlog continues in the next run from the stored cursor. */
  maxPullPages?: number;
  /** How many times one run may start over because HQ's epoch changed. */
  maxEpochResets?: number;
  largeSkewMs?: number;
}

export interface SyncOnceOptions {
  onProgress?: (progress: SyncProgress) => void;
  /** Called once HQ has answered every push of the run, before the pull starts (see syncThenUploadFiles). */
  onPushed?: () => void;
}

/** Internal signal: HQ answered from another epoch; the run resets the replica and starts over. */
class EpochChange {
  constructor(readonly epoch: string | null) {}
}

export class SyncEngine {
  private readonly batchSize: number;
  private readonly pushWindow: number;
  private readonly maxBatchBytes: number;
  private readonly pullLimit: number;
  private readonly maxPullPages: number;
  private readonly maxEpochResets: number;
  private running: Promise<SyncReport> | null = null;

  constructor(private readonly options: SyncEngineOptions) {
    this.batchSize = clamp(options.batchSize ?? MAX_PUSH_OPS, 1, MAX_PUSH_OPS);
    this.pushWindow = clamp(options.pushWindow ?? DEFAULT_PUSH_WINDOW, 1, 4);
    this.maxBatchBytes = Math.max(1024, options.maxBatchBytes ?? MAX_PUSH_BODY_BYTES - 256 * 1024);
    this.pullLimit = clamp(options.pullLimit ?? DEFAULT_PULL_LIMIT, 1, MAX_PULL_LIMIT);
    this.maxPullPages = Math.max(1, options.maxPullPages ?? 2000);
    this.maxEpochResets = Math.max(0, options.maxEpochResets ?? 2);
  }

  /** One full run. Resolves with a report or rejects with a SyncError (or the replica's own error). A call during a run joins it. */
  syncOnce(options: SyncOnceOptions = {}): Promise<SyncReport> {
    if (this.running) return this.running;
    const run = this.run(options).finally(() => {
      this.running = null;
    });
    this.running = run;
    return run;
  }

  private async run({ onProgress, onPushed }: SyncOnceOptions): Promise<SyncReport> {
    const { replica, now } = this.options;
    const draft = newReportDraft(now());
    const progress = (p: SyncProgress) => onProgress?.(p);
    for (let attempt = 0; ; attempt++) {
      try {
        await this.ensureEpoch(draft);
        await this.pushAll(draft, progress);
        onPushed?.();
        await this.pullAll(draft, progress);
        break;
      } catch (error) {
        const change = error instanceof EpochChange ? error : error instanceof SyncError && error.kind === 'epoch-changed' ? new EpochChange(error.details.epoch ?? null) : null;
        if (!change) throw error;
        if (attempt >= this.maxEpochResets) throw new SyncError('epoch-changed', undefined, { cause: error });
        const epoch = change.epoch ?? (await this.probe(draft)).epoch;
        await replica.resetForNewEpoch(epoch);
        draft.epochResets += 1;
      }
    }
    return { ...draft, finishedAt: now(), pendingAfter: await replica.countPending() };
  }

  /**
   * First contact (no epoch stored): learn HQ's epoch from a one-operation pull before pushing anything and
   * adopt it the safe way (anything acknowledged under an unknown epoch is sent again; HQ deduplicates).
   */
  private async ensureEpoch(draft: ReportDraft): Promise<void> {
    const point = await this.options.replica.getCursor();
    if (point.epoch === null) {
      const { epoch } = await this.probe(draft);
      await this.options.replica.resetForNewEpoch(epoch);
      draft.epoch = epoch;
      return;
    }
    draft.epoch = point.epoch;
  }

  private async probe(draft: ReportDraft): Promise<PullResponse> {
    return this.timed(draft, () => this.options.transport.pull(null, 1));
  }

  /**
   * Pushes the outbox in batches with up to `pushWindow` requests on their way at once: the batch after the newest
   * one in flight is read and sent as soon as it leaves, so HQ always has the next batch at hand instead of waiting
   * for this device to read the answer, store receipts and send again. HQ decides a device's operations in deviceSeq
   * order (requests sent one after the other arrive in that order; if one overtakes another, HQ answers its
   * operations "gap" and they are sent again). Receipts are stored in the order the batches were sent, while later
   * ones travel, and all are stored before the push ends. That is safe because a receipt stored late (or lost in a
   * crash) only means a resend, which HQ answers "duplicate", and a read-ahead never reads rows a receipt writes.
   * After a capped stamp (its receipt rewrites later operations), a retry-later or a new epoch nothing more is sent:
   * the batches already on their way are answered and recorded, then the push reads again, stops, or starts over.
   */
  private async pushAll(draft: ReportDraft, progress: (p: SyncProgress) => void): Promise<void> {
    const { replica } = this.options;
    let limit = this.batchSize;
    // Both are reads: the first batch is read while the outbox is counted.
    const [total, first] = await Promise.all([replica.countPending(), replica.pendingOps(limit)]);
    if (first.length === 0) return;
    let done = 0;
    const window: InFlightPush[] = [this.send(draft, packBatch(first, this.maxBatchBytes), limit, false)];
    // May more batches be sent ahead? Cleared by an answer that needs the push to stop or read again first.
    let sendAhead = true;
    let after: AfterAnswers = 'go-on';
    // HQ's epoch when an answer came from another one: the run starts over once the batches on their way are answered.
    let newEpoch: string | null = null;
    // The last answered batch's receipts while they are stored (awaited before the next receipts: stored in order).
    let storing: Promise<void> | null = null;
    // HQ's last number for this device when it refused some of ours as reused: this device was restored from an older
    // copy. Its pending operations are renumbered above it once the batches on their way are answered.
    let renumberAbove: number | null = null;
    const finishStoring = async () => {
      const pending = storing;
      storing = null;
      if (pending) await pending;
    };
    try {
      // Every productive round resolves at least one operation, and a batch that overtook the one before it costs at
      // most one round per batch on its way, so this always suffices.
      const maxRounds = total * this.pushWindow + 8;
      for (let round = 0; round < maxRounds; round++) {
        if (window.length === 0) {
          const pending = await replica.pendingOps(limit);
          if (pending.length === 0) break;
          window.push(this.send(draft, packBatch(pending, this.maxBatchBytes), limit, false));
        }
        while (sendAhead && window.length < this.pushWindow) {
          let next: Operation[] | null;
          try {
            next = await window[window.length - 1]!.ahead;
          } catch (error) {
            // The batches on their way are dropped (a resend is answered "duplicate"); stored receipts are kept.
            await finishStoring();
            throw error;
          }
          if (!next || next.length === 0) break;
          window.push(this.send(draft, packBatch(next, this.maxBatchBytes), limit, true));
        }

        const head = window.shift()!;
        let response: PushResponse;
        try {
          response = await head.response;
        } catch (error) {
          // The batches behind it are dropped (a resend is answered "duplicate"); receipts first, so a failure to store
          // them is the one reported and nothing is left running.
          await Promise.allSettled(window.map((push) => push.response));
          window.length = 0;
          await finishStoring();
          // HQ found the body too large after all (a stricter proxy): halve the batch and try again.
          if (error instanceof SyncError && error.details.status === 413 && head.batch.length > 1 && after !== 'stop') {
            limit = Math.max(1, Math.floor(head.batch.length / 2));
            sendAhead = true;
            after = 'go-on';
            continue;
          }
          if (after === 'stop') break;
          throw error;
        }
        await finishStoring();
        const checked = checkPushResponse(head.batch, response);
        const reused = renumberableReuse(checked, response, replica);
        if (reused !== null) {
          renumberAbove = Math.max(renumberAbove ?? 0, reused);
          sendAhead = false;
        }
        // Operations refused only because their numbers are taken stay pending: they go again under new numbers.
        const outcomes = reused === null ? checked : checked.filter((o) => !isSeqReused(o));
        const resolved = outcomes.length - outcomes.filter((o) => o.status === 'retry-later').length;
        if (response.epoch !== draft.epoch) newEpoch = response.epoch;
        after = strongest(after, afterAnswer(head, outcomes, resolved, response.epoch !== draft.epoch));
        if (after !== 'go-on') sendAhead = false;
        // The results are valid whatever the epoch: record them first, then react to a new epoch.
        // A batch answered "gap" because it overtook the one before it is sent again at once: not a deferral to report.
        const reported = head.behindAnother ? outcomes.filter((o) => !(o.status === 'retry-later' && o.code === 'gap')) : outcomes;
        const receipts = replica.recordPushResults(outcomes).then(() => {
          tally(draft, reported);
          done += resolved;
          progress({ phase: 'push', done, total: Math.max(total, done) });
        });
        storing = receipts;
        receipts.catch(() => undefined);
        if (window.length > 0) continue;

        await finishStoring();
        if (newEpoch !== null) throw new EpochChange(newEpoch);
        if (renumberAbove !== null && replica.renumberPending) {
          await replica.renumberPending(renumberAbove);
          draft.renumbered += 1;
          renumberAbove = null;
          after = 'go-on';
          sendAhead = true;
          continue;
        }
        if (after === 'stop') return;
        if (after === 'read-again') {
          after = 'go-on';
          sendAhead = true;
        }
      }
      // Stopped by an earlier answer while a later batch failed, or out of rounds with batches still travelling: their
      // answers are dropped (a resend is answered "duplicate").
      await finishStoring();
      if (newEpoch !== null) throw new EpochChange(newEpoch);
    } finally {
      // However the push ends (answers, an error, out of rounds), nothing it started is left running: a later run
      // would otherwise send the same operations again while these are still on their way.
      await Promise.allSettled([...window.flatMap((push) => [push.response, ...(push.ahead ? [push.ahead] : [])]), ...(storing ? [storing] : [])]);
    }
  }

  /**
   * Sends one batch and starts reading the operations after it (a failure surfaces where the answer is awaited, never
   * as an unhandled rejection before that). The read starts before the previous batch's receipts are stored, so it
   * waits for no receipt transaction.
   */
  private send(draft: ReportDraft, packed: PackedBatch, limit: number, behindAnother: boolean): InFlightPush {
    const batch = packed.ops;
    // A batch with nothing of this device ahead of it on the way: every earlier operation was answered in this epoch.
    // HQ compares that with its own count and notices history it lost (a restore without a new epoch).
    const options = !behindAnother && draft.epoch !== null ? { answeredBelowIn: draft.epoch } : {};
    const response = this.timed(draft, () => this.options.transport.push(batch, packed.json, options));
    response.catch(() => undefined);
    return { batch, response, ahead: this.readAfter(batch, limit), behindAnother };
  }

  /** The operations after `batch`, read while it travels (null when the replica cannot read ahead). */
  private readAfter(batch: readonly Operation[], limit: number): Promise<Operation[]> | null {
    const { replica } = this.options;
    const last = batch[batch.length - 1];
    if (!replica.pendingOpsAfter || !last) return null;
    const read = replica.pendingOpsAfter(last.deviceSeq, limit);
    read.catch(() => undefined);
    return read;
  }

  private async pullAll(draft: ReportDraft, progress: (p: SyncProgress) => void): Promise<void> {
    const { replica } = this.options;
    let { cursor } = await replica.getCursor();
    let next = this.requestPage(draft, cursor);
    for (let page = 0; page < this.maxPullPages; page++) {
      const requested = cursor;
      const response = await next;
      if (response.epoch !== draft.epoch) throw new EpochChange(response.epoch);
      checkPage(response, requested, this.pullLimit);
      // The next page is asked for while this one is written: HQ's answer does not depend on it, and nothing
      // of it is stored before its own page transaction (with its cursor) commits. If this page fails, the
      // answer is dropped and the next run starts again from the stored cursor.
      const more = response.hasMore && page + 1 < this.maxPullPages;
      if (more) next = this.requestPage(draft, response.cursor);
      const ops = response.ops.map((entry) => entry.op);
      await replica.applyPulledPage({ epoch: response.epoch, cursor: response.cursor, ops, highestStamp: highestStamp(ops), serverTime: response.serverTime });
      cursor = response.cursor;
      draft.pulled.ops += ops.length;
      draft.pulled.pages += 1;
      progress({ phase: 'pull', done: draft.pulled.ops });
      if (!response.hasMore) {
        draft.pulled.complete = true;
        return;
      }
      if (!more) return;
    }
  }

  /** One pull request; a failure surfaces where the page is awaited (never as an unhandled rejection before that). */
  private requestPage(draft: ReportDraft, cursor: string | null): Promise<PullResponse> {
    const request = this.timed(draft, () => this.options.transport.pull(cursor, this.pullLimit));
    request.catch(() => undefined);
    return request;
  }

  /** Runs one request and measures the clock skew from HQ's `serverTime`. */
  private async timed<T extends { serverTime: number }>(draft: ReportDraft, request: () => Promise<T>): Promise<T> {
    const sentAt = this.options.now();
    const response = await request();
    draft.clockSkew = measureSkew(response.serverTime, sentAt, this.options.now(), this.options.largeSkewMs ?? LARGE_SKEW_MS);
    return response;
  }
}

interface InFlightPush {
  readonly batch: Operation[];
  readonly response: Promise<PushResponse>;
  /** The operations after the batch, read while it travels (null when the replica cannot read ahead). */
  readonly ahead: Promise<Operation[]> | null;
  /** Sent while an earlier batch was still on its way, so it may have reached HQ first. */
  readonly behindAnother: boolean;
}

/** What the push does once the batches on their way are answered: go on sending, read the outbox again, or stop. */
type AfterAnswers = 'go-on' | 'read-again' | 'stop';

/**
 * - A new epoch, a retry-later (HQ takes a device's operations in order, so everything behind it waits) or an answer that
 *   resolved nothing: stop (the run then starts over or ends).
 * - Only "gap" answers on a batch sent behind another: it overtook that one on the way to HQ; read again and resend.
 * - A capped stamp: its receipt rewrites later operations, so they are read again before being sent.
 */
function afterAnswer(push: InFlightPush, outcomes: readonly PushOutcome[], resolved: number, newEpoch: boolean): AfterAnswers {
  if (newEpoch) return 'stop';
  const deferred = outcomes.filter((o) => o.status === 'retry-later');
  if (deferred.length > 0) return push.behindAnother && deferred.every((o) => o.status === 'retry-later' && o.code === 'gap') ? 'read-again' : 'stop';
  if (resolved === 0) return 'stop';
  return outcomes.some((o) => (o.status === 'applied' || o.status === 'duplicate') && o.capped !== null) ? 'read-again' : 'go-on';
}

function strongest(a: AfterAnswers, b: AfterAnswers): AfterAnswers {
  const rank: Record<AfterAnswers, number> = { 'go-on': 0, 'read-again': 1, stop: 2 };
  return rank[a] >= rank[b] ? a : b;
}

/** Counts one batch's outcomes into the report. */
function tally(draft: ReportDraft, outcomes: readonly PushOutcome[]): void {
  for (const outcome of outcomes) {
    if (outcome.status === 'applied') draft.pushed.applied += 1;
    else if (outcome.status === 'duplicate') draft.pushed.duplicate += 1;
    else if (outcome.status === 'rejected') {
      draft.pushed.rejected += 1;
      draft.rejected.push({ opId: outcome.opId, deviceSeq: outcome.deviceSeq, code: outcome.code, reason: outcome.reason });
    } else if (outcome.status === 'retry-later') {
      draft.pushed.retryLater += 1;
      // 'gap': only waiting behind an earlier operation of this device; the reason worth telling is that one's.
      if (outcome.code !== 'gap') draft.waitingReason ??= outcome.reason;
    }
    if ((outcome.status === 'applied' || outcome.status === 'duplicate') && outcome.capped) draft.pushed.capped += 1;
  }
}

/** A page must move forward: ascending serverSeq, within the limit, and a new cursor when more is promised. */
function checkPage(response: PullResponse, requested: string | null, limit: number): void {
  const bad = (detail: string) => new SyncError('bad-response', undefined, { cause: new Error(detail) });
  if (response.ops.length > limit) throw bad(`page of ${response.ops.length} operations for limit ${limit}`);
  for (let i = 1; i < response.ops.length; i++) {
    if (response.ops[i]!.serverSeq <= response.ops[i - 1]!.serverSeq) throw bad('page is not in serverSeq order');
  }
  if (response.hasMore && response.ops.length === 0 && response.cursor === requested) throw bad('HQ promised more but the cursor did not move');
  // An operation a newer Lantern wrote may mean something this version cannot apply (and its unknown fields were
  // dropped when the page was read): stop before the page, so the cursor stays and it arrives whole after an update.
  // Not 'client-outdated', which stops the scheduler: pushing still works, so this device keeps sending its changes.
  const newer = response.ops.find((entry) => entry.op.schemaVersion > OPERATION_SCHEMA_VERSION);
  if (newer) throw new SyncError('bad-response', NEWER_OPERATIONS_MESSAGE, { cause: new Error(`operation ${newer.op.opId} has schema version ${newer.op.schemaVersion}`) });
}

export { NEWER_OPERATIONS_MESSAGE } from './newer-operations';

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, Math.floor(value))) : max;
}

function isSeqReused(outcome: PushOutcome): boolean {
  return outcome.status === 'rejected' && outcome.code === 'seq-reused';
}

/**
 * HQ's last number for this device when it refused operations of this batch as reusing numbers it holds, if the
 * replica can renumber them; null otherwise (they are then recorded as refused, as any rejection).
 */
function renumberableReuse(outcomes: readonly PushOutcome[], response: PushResponse, replica: LocalReplica): number | null {
  if (!replica.renumberPending || response.deviceLastSeq === undefined) return null;
  return outcomes.some(isSeqReused) ? response.deviceLastSeq : null;
}
