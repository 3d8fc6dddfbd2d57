// Runs pushes against the store: concurrent pushes committed together (group commit), and if the store refuses a
// batch for a reason that will not go away, each operation alone, so one operation HQ cannot store never blocks the rest.
import type { PushOpResult } from '../../shared/sync/wire';
import { accessEnded } from '../http/access-errors';
import { GroupCommitter, type Settled } from '../store/group-commit';
import type { HqStore } from '../store/types';
import type { ClassifiedOp } from './classify-op';
import { classifyBatch, runPushGroup, type PushBatchInput, type PushMember } from './push-batch';

export interface PushOutcome {
  readonly hqId: string;
  readonly epoch: string;
  readonly results: PushOpResult[];
}

/**
 * Operations per group commit: several devices' pushes share one transaction (and one fsync and, on PostgreSQL, one
 * advisory lock), which is what lets HQ keep up with hundreds of devices. Bounded so one commit holds the push lock
 * (and, on SQLite, the event loop) for tens of milliseconds, not seconds.
 */
export const MAX_GROUP_OPS = 2000;

export class PushService {
  private readonly committer: GroupCommitter<PushMember, PushOutcome>;

  constructor(private readonly store: HqStore) {
    this.committer = new GroupCommitter((members) => this.commitGroup(members), MAX_GROUP_OPS);
  }

  /** Validation (the costly part) happens first, outside the push lock; then the push joins the next group commit. */
  push(input: PushBatchInput): Promise<PushOutcome> {
    return this.committer.submit({ input, items: classifyBatch(input) }, Math.max(1, input.ops.length));
  }

  private async commitGroup(members: readonly PushMember[]): Promise<Settled<PushOutcome>[]> {
    if (members.length === 1) return [await settle(pushAlone(this.store, members[0]!.input, members[0]!.items))];
    try {
      const outcome = await this.store.withPushTx((tx) => runPushGroup(tx, members));
      return outcome.results.map((member) => (member.ok ? { ok: true, value: { hqId: outcome.hqId, epoch: outcome.epoch, results: member.results } } : { ok: false, error: accessEnded(member.refusal) }));
    } catch (error) {
      if (!isPermanentStoreError(error)) throw error;
    }
    // One member's operation cannot be stored: commit each member on its own, which finds and rejects just that operation.
    const outcomes: Settled<PushOutcome>[] = [];
    for (const member of members) outcomes.push(await settle(pushAlone(this.store, member.input, member.items)));
    return outcomes;
  }
}

/** One push without group commit (tests, and the fallback above); the results only. */
export async function pushOperations(store: HqStore, input: PushBatchInput): Promise<PushOpResult[]> {
  return (await pushAlone(store, input, classifyBatch(input))).results;
}

async function pushAlone(store: HqStore, input: PushBatchInput, items: readonly ClassifiedOp[]): Promise<PushOutcome> {
  try {
    return await commitOne(store, input, items);
  } catch (error) {
    if (!isPermanentStoreError(error) || input.ops.length === 0) throw error;
  }
  const results: PushOpResult[] = [];
  let last: PushOutcome | undefined;
  for (const [index, raw] of input.ops.entries()) {
    const single = { ...input, ops: [raw], files: input.files.filter((claim) => claim.opId === opIdOf(raw)) };
    try {
      last = await commitOne(store, single, classifyBatch(single));
    } catch (error) {
      if (!isPermanentStoreError(error)) throw error;
      const forceReject = `HQ could not store this operation (${describe(error)}); it is kept at HQ for the administrator.`;
      const rejecting = { ...single, forceReject };
      last = await commitOne(store, rejecting, classifyBatch(rejecting));
    }
    results.push({ ...last.results[0]!, index });
  }
  return { hqId: last!.hqId, epoch: last!.epoch, results };
}

async function commitOne(store: HqStore, input: PushBatchInput, items: readonly ClassifiedOp[]): Promise<PushOutcome> {
  const outcome = await store.withPushTx((tx) => runPushGroup(tx, [{ input, items }]));
  const member = outcome.results[0]!;
  if (!member.ok) throw accessEnded(member.refusal);
  return { hqId: outcome.hqId, epoch: outcome.epoch, results: member.results };
}

async function settle<R>(promise: Promise<R>): Promise<Settled<R>> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}

/**
 * True when retrying the same batch would fail the same way: a constraint or data error, or a bug in
 * HQ's own code (TypeError, RangeError, SyntaxError). Anything else (connection lost, busy, disk full,
 * store closing) is treated as temporary: the caller answers 503 and the device retries later.
 */
export function isPermanentStoreError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return error instanceof TypeError || error instanceof RangeError || error instanceof SyntaxError;
  if (code.startsWith('SQLITE_')) return /^SQLITE_(CONSTRAINT|MISMATCH|TOOBIG|RANGE)/.test(code);
  if (/^[0-9A-Z]{5}$/.test(code)) return code.startsWith('22') || code.startsWith('23');
  return false;
}

function opIdOf(raw: unknown): string | null {
  const opId = raw !== null && typeof raw === 'object' ? (raw as { opId?: unknown }).opId : undefined;
  return typeof opId === 'string' ? opId : null;
}

function describe(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 300);
}
