// Group commit: jobs that arrive while a commit is running are committed together in the next one (one transaction, one fsync).
export type Settled<R> = { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: unknown };

interface Waiting<M, R> {
  readonly member: M;
  readonly size: number;
  readonly resolve: (value: R) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * One group at a time, in arrival order. A group starts on the next turn of the event loop (setImmediate), so every
 * request that has arrived by then joins it; while it commits, later arrivals wait for the next group. Nothing waits
 * on a timer: an idle HQ commits a lone push at once.
 */
export class GroupCommitter<M, R> {
  private waiting: Waiting<M, R>[] = [];
  private scheduled = false;

  constructor(
    /** Commits the members together; answers one outcome per member, in order. */
    private readonly commit: (members: readonly M[]) => Promise<Settled<R>[]>,
    /** Largest total `size` of one group (a single larger member still commits, alone). */
    private readonly maxSize: number,
  ) {}

  submit(member: M, size: number): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ member, size, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => void this.drain());
  }

  private async drain(): Promise<void> {
    let total = 0;
    let count = 0;
    while (count < this.waiting.length && (count === 0 || total + this.waiting[count]!.size <= this.maxSize)) total += this.waiting[count++]!.size;
    const group = this.waiting.splice(0, count);
    try {
      const outcomes = await this.commit(group.map((w) => w.member));
      group.forEach((w, i) => {
        const outcome = outcomes[i]!;
        if (outcome.ok) w.resolve(outcome.value);
        else w.reject(outcome.error);
      });
    } catch (error) {
      for (const w of group) w.reject(error);
    } finally {
      this.scheduled = false;
      if (this.waiting.length > 0) this.schedule();
    }
  }
}
