// Runs a background pass on an interval and on demand, never two at once (the escalation and auto-close runners).

export interface PeriodicPass {
  /** One pass now, or the one already running; resolves to what the pass reports (e.g. how many it wrote). */
  runOnce(): Promise<number>;
  stop(): void;
  /** True once stop() was called: a pass checks it between writes. */
  readonly stopped: boolean;
}

export function startPeriodicPass(pass: () => Promise<number>, intervalMs: number, onError: (error: unknown) => void): PeriodicPass {
  let running: Promise<number> | null = null;
  let stopped = false;
  // One pass at a time: a slow pass (a huge database) is never overlapped by the next tick.
  const runOnce = (): Promise<number> => {
    running ??= pass().finally(() => {
      running = null;
    });
    return running;
  };
  const timer = setInterval(() => {
    runOnce().catch(onError);
  }, intervalMs);
  return {
    runOnce,
    stop() {
      stopped = true;
      clearInterval(timer);
    },
    get stopped() {
      return stopped;
    },
  };
}
