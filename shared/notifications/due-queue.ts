// A min-heap of pending alert times, so the scheduler finds the earliest and the due ones without scanning them all.
interface Slot {
  readonly dueAt: number;
  /** Tie-break for equal times: the order the alerts were first scheduled in (as a Map iterates). */
  readonly order: number;
  readonly key: string;
}

function before(a: Slot, b: Slot): boolean {
  return a.dueAt < b.dueAt || (a.dueAt === b.dueAt && a.order < b.order);
}

/**
 * Lazy deletion: re-timing or cancelling an alert leaves its old slot in the heap; `isLive` tells which slots still
 * match the scheduler's map, and stale ones are dropped when they reach the top (or all at once when they outnumber
 * the live ones, so the heap stays O(pending)).
 */
export class DueQueue {
  private heap: Slot[] = [];

  constructor(private readonly isLive: (key: string, dueAt: number) => boolean) {}

  push(key: string, dueAt: number, order: number): void {
    this.heap.push({ key, dueAt, order });
    this.up(this.heap.length - 1);
  }

  /** The earliest live due time, or null when nothing is pending. */
  peek(): number | null {
    this.dropStale();
    return this.heap[0]?.dueAt ?? null;
  }

  /**
   * Removes and returns the keys of live slots due at or before `nowMs`, earliest first, each once: a key re-timed
   * away and back (or pushed again at the same time) has several slots that all look live, and they are all due
   * together (live slots of one key share its one due time).
   */
  takeDue(nowMs: number): string[] {
    const keys = new Set<string>();
    for (let top = this.peek(); top !== null && top <= nowMs; top = this.peek()) keys.add(this.pop().key);
    return [...keys];
  }

  /** Rebuilds without stale slots once they dominate (call after bulk re-planning). */
  compact(liveCount: number): void {
    if (this.heap.length <= 2 * liveCount + 64) return;
    this.heap = this.heap.filter((slot) => this.isLive(slot.key, slot.dueAt));
    for (let i = (this.heap.length >> 1) - 1; i >= 0; i--) this.down(i);
  }

  clear(): void {
    this.heap = [];
  }

  private dropStale(): void {
    while (this.heap.length > 0 && !this.isLive(this.heap[0]!.key, this.heap[0]!.dueAt)) this.pop();
  }

  private pop(): Slot {
    const top = this.heap[0]!;
    const last = this.heap.pop()!;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.down(0);
    }
    return top;
  }

  private up(index: number): void {
    const heap = this.heap;
    for (let i = index; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) return;
      [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
      i = parent;
    }
  }

  private down(index: number): void {
    const heap = this.heap;
    for (let i = index; ; ) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && before(heap[left]!, heap[smallest]!)) smallest = left;
      if (right < heap.length && before(heap[right]!, heap[smallest]!)) smallest = right;
      if (smallest === i) return;
      [heap[smallest], heap[i]] = [heap[i]!, heap[smallest]!];
      i = smallest;
    }
  }
}
