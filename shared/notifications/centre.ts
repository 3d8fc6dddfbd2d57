// The in-app notification centre model: everything shown (newest first), each id once, repeated reminders folded, unread state, mark read.
import type { CentreEntry } from './types';

export const CENTRE_LIMIT = 500;

/**
 * Categories whose entries about one incident fold into one: a stakeholder-update reminder repeats the same request
 * every interval, and four unread copies of it buried the other alerts. SLA thresholds are distinct facts and stay apart.
 */
const FOLDED: ReadonlySet<CentreEntry['category']> = new Set(['reminder']);

function foldKey(entry: CentreEntry): string | null {
  return FOLDED.has(entry.category) && entry.incidentId !== null ? `${entry.category}\u0000${entry.incidentId}` : null;
}

/** The entry with this count; 1 is left out, so a single alert reads as before. */
function withCount(entry: CentreEntry, count: number): CentreEntry {
  const { count: _old, ...rest } = entry;
  return count > 1 ? { ...rest, count } : rest;
}

/**
 * One entry from two of the same kind about one incident: the newer one's text, time and read state; the count says
 * how many came since the person last read it (an older one already read is not counted again).
 */
function fold(older: CentreEntry, newer: CentreEntry): CentreEntry {
  return withCount(newer, (older.read ? 0 : (older.count ?? 1)) + (newer.count ?? 1));
}

/** The merged list, and the incoming entries it still holds or counts (kept, or folded into a kept entry), in their given order. */
interface Merge {
  readonly items: readonly CentreEntry[];
  readonly used: readonly CentreEntry[];
}

/**
 * `items` (newest first, already folded) with `incoming` added: ids already listed and repeats within `incoming` are
 * skipped, folded categories merge, newest first, at most CENTRE_LIMIT. Deterministic, so replaying a journal of the
 * same additions (journal-store) gives the same list as when they were made. `items` itself when nothing was added.
 */
function merged(items: readonly CentreEntry[], incoming: readonly CentreEntry[]): Merge {
  const known = new Set(items.map((e) => e.id));
  const byFold = new Map<string, CentreEntry>();
  for (const entry of items) {
    const key = foldKey(entry);
    if (key !== null && !byFold.has(key)) byFold.set(key, entry);
  }
  const removed = new Set<CentreEntry>();
  const fresh: CentreEntry[] = [];
  // Which incoming entries each new entry is made of: one folded away still counts, so it must be journaled too.
  const madeOf = new Map<CentreEntry, readonly CentreEntry[]>();
  // Oldest first, so each one folds into what came before it.
  for (const entry of [...incoming].sort((a, b) => a.shownAt - b.shownAt)) {
    if (known.has(entry.id)) continue;
    known.add(entry.id);
    const key = foldKey(entry);
    const earlier = key === null ? undefined : byFold.get(key);
    let next = entry;
    if (earlier !== undefined) {
      removed.add(earlier);
      next = earlier.shownAt <= entry.shownAt ? fold(earlier, entry) : fold(entry, earlier);
    }
    madeOf.set(next, [...(earlier === undefined ? [] : (madeOf.get(earlier) ?? [])), entry]);
    if (key !== null) byFold.set(key, next);
    fresh.push(next);
  }
  if (fresh.length === 0) return { items, used: [] };
  const list = [...fresh.filter((e) => !removed.has(e)), ...items.filter((e) => !removed.has(e))].sort((a, b) => b.shownAt - a.shownAt).slice(0, CENTRE_LIMIT);
  const used = new Set(list.flatMap((e) => madeOf.get(e) ?? []));
  return { items: list, used: incoming.filter((e) => used.has(e)) };
}

export class NotificationCentre {
  private items: readonly CentreEntry[];
  private readonly listeners = new Set<() => void>();

  /** Entries stored by earlier versions may repeat an id or hold several reminders of one incident: they are cleaned up here. */
  constructor(initial: readonly CentreEntry[] = []) {
    this.items = merged([], initial).items;
  }

  list(): readonly CentreEntry[] {
    return this.items;
  }

  get unreadCount(): number {
    let count = 0;
    for (const entry of this.items) if (!entry.read) count++;
    return count;
  }

  /**
   * Adds entries; returns those that made a difference: listed, or folded into a listed entry's count. Journaling
   * exactly these (not only the ids listed) lets a replay fold to the same counts: two reminders of one incident in
   * one batch leave one entry, counting both.
   */
  add(entries: readonly CentreEntry[]): readonly CentreEntry[] {
    const next = merged(this.items, entries);
    if (next.items === this.items) return [];
    this.items = next.items;
    this.emit();
    return next.used;
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

  /**
   * Marks the entries about one incident read. Not saved by itself: the app marks them through the scheduler's
   * markRead with unreadIdsOf (the host's markRead), which journals the change.
   */
  markIncidentRead(incidentId: string): number {
    return this.markRead(unreadIdsOf(this.items, incidentId));
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

/** The ids of the unread entries about one incident: what opening that incident marks read. */
export function unreadIdsOf(entries: readonly CentreEntry[], incidentId: string): string[] {
  return entries.filter((e) => !e.read && e.incidentId === incidentId).map((e) => e.id);
}
