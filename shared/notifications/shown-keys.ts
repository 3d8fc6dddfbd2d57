// The keys of alerts already shown, newest last, bounded: adding and trimming are O(1) per key (amortised).
/**
 * A Set for lookups plus an append-only array with a moving head for the order: trimming advances the head instead
 * of splicing the array (which moved every remaining key for each one dropped), and the consumed front is cut off
 * only once it is as long as what remains. (Deleting through a fresh Set iterator is no better: it walks over every
 * deleted slot at the front of V8's table each time.)
 */
export class ShownKeys {
  private readonly keys = new Set<string>();
  private order: string[] = [];
  private head = 0;

  constructor(private readonly limit: number) {}

  has(key: string): boolean {
    return this.keys.has(key);
  }

  /** Remembers a key; returns false when it was already known. Past the limit, the oldest keys are forgotten. */
  add(key: string): boolean {
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    this.order.push(key);
    while (this.keys.size > this.limit) this.keys.delete(this.order[this.head++]!);
    if (this.head > 1024 && this.head * 2 >= this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
    return true;
  }

  get size(): number {
    return this.keys.size;
  }

  /** Oldest first, as stored. */
  list(): string[] {
    return this.order.slice(this.head);
  }

  /** Read-only view for the planner. */
  asSet(): ReadonlySet<string> {
    return this.keys;
  }
}
