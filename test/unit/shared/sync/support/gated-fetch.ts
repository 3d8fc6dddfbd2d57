// HQ's door for tests of overlapping syncs: pushes wait while the gate is held; sync requests in flight are counted.
import type { FetchLike } from '../../../../../shared/sync/engine';

export interface Gate {
  held: boolean;
  inFlight: number;
  maxInFlight: number;
  /** Sync requests (not enrollment) made so far. */
  syncRequests: number;
  /** Held pushes whose request was aborted (the caller's signal fired). */
  aborted: number;
  release(): void;
}

/** `inner` behind a gate: enrollment passes straight through; a push waits while `gate.held`, or until its signal aborts. */
export function gateFetch<S>(inner: FetchLike<S>): { fetch: FetchLike<S>; gate: Gate } {
  let waiting: (() => void)[] = [];
  const gate: Gate = {
    held: false,
    inFlight: 0,
    maxInFlight: 0,
    syncRequests: 0,
    aborted: 0,
    release() {
      gate.held = false;
      const run = waiting;
      waiting = [];
      for (const go of run) go();
    },
  };
  const fetch: FetchLike<S> = async (url, init) => {
    if (url.endsWith('/v1/enroll')) return inner(url, init);
    gate.syncRequests += 1;
    gate.inFlight += 1;
    gate.maxInFlight = Math.max(gate.maxInFlight, gate.inFlight);
    try {
      if (gate.held && url.includes('/v1/sync/push')) {
        await new Promise<void>((resolve, reject) => {
          waiting.push(resolve);
          const signal = init.signal as AbortSignal | undefined;
          signal?.addEventListener?.(
            'abort',
            () => {
              gate.aborted += 1;
              reject(new DOMException('aborted', 'AbortError'));
            },
            { once: true },
          );
        });
      }
      return await inner(url, init);
    } finally {
      gate.inFlight -= 1;
    }
  };
  return { fetch, gate };
}
