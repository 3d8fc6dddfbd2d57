// Runs a push against the store: the whole batch in one transaction, and if the store refuses it for a
// reason that will not go away, each operation alone, so one operation HQ cannot store never blocks the rest.
import type { PushOpResult } from '../../shared/sync/wire';
import type { HqStore } from '../store/types';
import { classifyBatch, runPushBatch, type PushBatchInput } from './push-batch';

export async function pushOperations(store: HqStore, input: PushBatchInput): Promise<PushOpResult[]> {
  // Validation (the costly part) happens before the transaction, so the push lock is held only for the database work.
  const items = classifyBatch(input);
  try {
    return await store.withPushTx((tx) => runPushBatch(tx, input, items));
  } catch (error) {
    if (!isPermanentStoreError(error) || input.ops.length === 0) throw error;
  }
  const results: PushOpResult[] = [];
  for (const [index, raw] of input.ops.entries()) {
    const single = { ...input, ops: [raw], files: input.files.filter((claim) => claim.opId === opIdOf(raw)) };
    let result: PushOpResult | undefined;
    try {
      [result] = await store.withPushTx((tx) => runPushBatch(tx, single, classifyBatch(single)));
    } catch (error) {
      if (!isPermanentStoreError(error)) throw error;
      const forceReject = `HQ could not store this operation (${describe(error)}); it is kept at HQ for the administrator.`;
      const rejecting = { ...single, forceReject };
      [result] = await store.withPushTx((tx) => runPushBatch(tx, rejecting, classifyBatch(rejecting)));
    }
    results.push({ ...result!, index });
  }
  return results;
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
