// Collects what the scheduler changed since its last save (pending alerts put/removed, keys shown, centre touched).
import type { Alert, CentreEntry, CentreStep, SchedulerChanges } from './types';

export class ChangeLog {
  private put = new Map<string, Alert>();
  private removed = new Set<string>();
  private shown: string[] = [];
  private added: CentreEntry[] = [];
  private read: string[] = [];
  private order: CentreStep[] = [];

  scheduled(alert: Alert): void {
    this.removed.delete(alert.key);
    this.put.set(alert.key, alert);
  }

  unscheduled(key: string): void {
    this.put.delete(key);
    this.removed.add(key);
  }

  shownKey(key: string): void {
    this.shown.push(key);
  }

  /** Entries shown in the centre: journaled as they come, not as the whole (500-entry) centre each time. */
  centreAdded(entries: readonly CentreEntry[]): void {
    this.added.push(...entries);
    this.step('added', entries.length);
  }

  centreRead(ids: readonly string[]): void {
    this.read.push(...ids);
    this.step('read', ids.length);
  }

  /** Adds and reads in the order they came: a read before a new reminder must not be replayed after it (it would count it). */
  private step(kind: CentreStep['kind'], count: number): void {
    if (count === 0) return;
    const last = this.order.at(-1);
    if (last?.kind === kind) this.order[this.order.length - 1] = { kind, count: last.count + count };
    else this.order.push({ kind, count });
  }

  get empty(): boolean {
    return this.put.size === 0 && this.removed.size === 0 && this.shown.length === 0 && this.added.length === 0 && this.read.length === 0;
  }

  /** Hands over the collected changes and starts afresh. */
  take(): SchedulerChanges {
    const changes: SchedulerChanges = {
      scheduled: [...this.put.values()],
      unscheduled: [...this.removed],
      shownKeys: this.shown,
      centreAdded: this.added,
      centreRead: this.read,
      centreOrder: this.order,
    };
    this.clear();
    return changes;
  }

  clear(): void {
    this.put = new Map();
    this.removed = new Set();
    this.shown = [];
    this.added = [];
    this.read = [];
    this.order = [];
  }
}
