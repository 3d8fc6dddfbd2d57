// The keys of alerts already shown: a bounded FIFO (activity keys) and per-incident SLA/reminder marks (ShownMemory).
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

/** The incident of an SLA (`sla:<id>:<clock>:<threshold>:<targetMs>`) or reminder (`reminder:<id>:<dueAt>`) key; null for activity keys. */
export function markedIncident(key: string): string | null {
  // The id is what lies between the prefix and the fixed number of trailing fields, so an id with colons still parses.
  const trailing = key.startsWith('sla:') ? 3 : key.startsWith('reminder:') ? 1 : -1;
  if (trailing < 0) return null;
  const parts = key.split(':').slice(1);
  if (parts.length <= trailing) return null;
  return parts.slice(0, parts.length - trailing).join(':');
}

const isReminder = (key: string) => key.startsWith('reminder:');
const NO_MARKS: ReadonlySet<string> = new Set();

export interface ShownMemoryLimits {
  /** Activity keys (assignment, escalation, sync, conflict: unique per occurrence) kept, newest first. */
  readonly activityLimit: number;
  /** Safety net only: incidents with marks kept; past it the least recently touched incident is forgotten whole. */
  readonly incidentLimit: number;
}

/**
 * What the scheduler has shown. SLA and reminder marks are kept per incident for as long as the incident is watched
 * (the planner re-plans a threshold whose mark is missing, so dropping the oldest marks of a global list re-fired
 * old breaches once thousands of incidents were open); the host forgets an incident when it is removed or closed.
 * Activity keys never come back from planning, so a capped FIFO is enough for them.
 */
export class ShownMemory {
  private readonly activities: ShownKeys;
  /** Marks per incident; Map order is least recently touched first. */
  private readonly marks = new Map<string, Set<string>>();
  private markCount = 0;

  constructor(private readonly limits: ShownMemoryLimits) {
    this.activities = new ShownKeys(limits.activityLimit);
  }

  has(key: string): boolean {
    const incidentId = markedIncident(key);
    return incidentId === null ? this.activities.has(key) : (this.marks.get(incidentId)?.has(key) ?? false);
  }

  /** Remembers a key; returns false when it was already known. */
  add(key: string): boolean {
    const incidentId = markedIncident(key);
    if (incidentId === null) return this.activities.add(key);
    let keys = this.marks.get(incidentId);
    if (keys?.has(key)) return false;
    if (!keys) keys = new Set();
    // Only the latest reminder matters: the planner checks the last step due, and older steps are superseded by it.
    if (isReminder(key)) {
      for (const known of keys) {
        if (isReminder(known)) {
          keys.delete(known);
          this.markCount--;
        }
      }
    }
    keys.add(key);
    this.markCount++;
    this.marks.delete(incidentId);
    this.marks.set(incidentId, keys);
    while (this.marks.size > this.limits.incidentLimit) this.forget(this.marks.keys().next().value!);
    return true;
  }

  /** The marks of one incident (what planIncident needs to know). */
  marksOf(incidentId: string): ReadonlySet<string> {
    return this.marks.get(incidentId) ?? NO_MARKS;
  }

  /** The incident is still watched: it moves to the back of the safety net's eviction order. */
  touch(incidentId: string): void {
    const keys = this.marks.get(incidentId);
    if (!keys) return;
    this.marks.delete(incidentId);
    this.marks.set(incidentId, keys);
  }

  /** Forgets an incident's marks (removed, or no longer open); returns whether it had any. */
  forget(incidentId: string): boolean {
    const keys = this.marks.get(incidentId);
    if (!keys) return false;
    this.markCount -= keys.size;
    this.marks.delete(incidentId);
    return true;
  }

  get size(): number {
    return this.activities.size + this.markCount;
  }

  /** Activity keys oldest first, then each incident's marks, least recently touched first (restored in this order). */
  list(): string[] {
    const keys = this.activities.list();
    for (const marks of this.marks.values()) keys.push(...marks);
    return keys;
  }
}
