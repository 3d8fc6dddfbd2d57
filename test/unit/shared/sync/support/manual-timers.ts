// Hand-driven timers and clock for scheduler tests: nothing fires until the test advances time.
export class ManualTimers {
  nowMs = 1_000_000;
  private nextId = 1;
  private readonly pending = new Map<number, { at: number; callback: () => void }>();

  readonly api = {
    setTimeout: (callback: () => void, ms: number): unknown => {
      const id = this.nextId++;
      this.pending.set(id, { at: this.nowMs + ms, callback });
      return id;
    },
    clearTimeout: (handle: unknown): void => {
      this.pending.delete(handle as number);
    },
  };

  now = (): number => this.nowMs;

  /** Delays of the timers still waiting, from now. */
  delays(): number[] {
    return [...this.pending.values()].map((t) => t.at - this.nowMs).sort((a, b) => a - b);
  }

  /** Moves time forward, firing due timers in order. */
  advance(ms: number): void {
    const target = this.nowMs + ms;
    for (;;) {
      const due = [...this.pending.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.pending.delete(due[0]);
      this.nowMs = due[1].at;
      due[1].callback();
    }
    this.nowMs = target;
  }
}
