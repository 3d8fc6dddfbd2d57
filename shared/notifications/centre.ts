// The in-app notification centre model: everything shown (newest first), unread state, mark read.
import type { CentreEntry } from './types';

export const CENTRE_LIMIT = 500;

export class NotificationCentre {
  private items: CentreEntry[];
  private readonly listeners = new Set<() => void>();

  constructor(initial: readonly CentreEntry[] = []) {
    this.items = [...initial].sort((a, b) => b.shownAt - a.shownAt).slice(0, CENTRE_LIMIT);
  }

  list(): readonly CentreEntry[] {
    return this.items;
  }

  get unreadCount(): number {
    let count = 0;
    for (const entry of this.items) if (!entry.read) count++;
    return count;
  }

  add(entries: readonly CentreEntry[]): void {
    if (entries.length === 0) return;
    const known = new Set(this.items.map((e) => e.id));
    const fresh = entries.filter((e) => !known.has(e.id));
    this.items = [...fresh, ...this.items].sort((a, b) => b.shownAt - a.shownAt).slice(0, CENTRE_LIMIT);
    this.emit();
  }

  /** Marks the given entries read (all when ids is undefined); returns how many changed. */
  markRead(ids?: readonly string[]): number {
    const wanted = ids === undefined ? null : new Set(ids);
    let changed = 0;
    this.items = this.items.map((entry) => {
      if (entry.read || (wanted !== null && !wanted.has(entry.id))) return entry;
      changed++;
      return { ...entry, read: true };
    });
    if (changed > 0) this.emit();
    return changed;
  }

  /** Entries about one incident are read once the person opens it. */
  markIncidentRead(incidentId: string): number {
    return this.markRead(this.items.filter((e) => e.incidentId === incidentId).map((e) => e.id));
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
