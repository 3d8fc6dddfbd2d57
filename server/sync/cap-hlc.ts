// Rewrites a capped operation as HQ stores it (stamp, event stamp, base stamps); the cap itself is shared/sync/hlc-cap.ts.
import { parseHlc } from '../../shared/domain';
import type { Operation } from '../../shared/sync/operation';
import { MAX_FUTURE_HLC_MS } from '../../shared/sync/wire';

/** The test capFutureStamp (shared/sync/hlc-cap.ts) makes before anything else: whether HQ caps this stamp. */
export function isFutureStamp(stamp: string, nowMs: number): boolean {
  return parseHlc(stamp).wallMs > nowMs + MAX_FUTURE_HLC_MS;
}

/**
 * The operation as HQ stores and serves it after capping: the new stamp, its event stamp, and base
 * stamps that referred to earlier capped stamps rewritten (so they are not mistaken for conflicts).
 */
export function rewriteStamps(op: Operation, hlc: string, rewrites: ReadonlyMap<string, string>, nowMs: number): Operation {
  const eventHlc = op.event.hlc === op.hlc || isFutureStamp(op.event.hlc, nowMs) ? hlc : op.event.hlc;
  return { ...op, hlc, event: { ...op.event, hlc: eventHlc }, ...(op.base ? { base: rewriteBase(op.base, rewrites) } : {}) };
}

export function rewriteBase(base: NonNullable<Operation['base']>, rewrites: ReadonlyMap<string, string>): NonNullable<Operation['base']> {
  const out: Record<string, string | null> = {};
  for (const [field, stamp] of Object.entries(base)) {
    if (stamp === undefined) continue;
    out[field] = stamp === null ? null : (rewrites.get(stamp) ?? stamp);
  }
  return out as NonNullable<Operation['base']>;
}
