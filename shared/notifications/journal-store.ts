// Keeps the scheduler's state in key-value storage (localStorage in browser mode) as a base plus a journal of changes.
import { z } from 'zod';
import { notificationCentreEntrySchema } from '../domain';
import { NotificationCentre } from './centre';
import { alertSchema, schedulerStateSchema } from './file-store';
import type { Alert, CentreStep, SchedulerChanges, SchedulerState, SchedulerStore } from './types';

/** The part of the Web Storage API used here (localStorage; a Map in tests). Writes may throw (quota). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Below this many journal characters the journal is never folded into the base (small states just append). */
export const COMPACT_MIN_CHARS = 64 * 1024;

const baseSchema = schedulerStateSchema.extend({ generation: z.number().int().nonnegative().default(0) });
const changesSchema = z.object({
  scheduled: z.array(alertSchema),
  unscheduled: z.array(z.string().max(300)),
  shownKeys: z.array(z.string().max(300)),
  centreAdded: z.array(notificationCentreEntrySchema),
  centreRead: z.array(z.string().max(300)),
  // Optional: entries of older versions lack it; older versions strip it (zod drops unknown keys) and replay as before.
  centreOrder: z.array(z.object({ kind: z.enum(['added', 'read']), count: z.number().int().positive() })).max(100_000).optional(),
});

/**
 * Layout: `key` holds the whole state of one generation (the same JSON as the file store, plus `generation`), and
 * `key.<generation>.<n>` the changes saved after it, in order. A save appends one entry: it writes what changed, not
 * the whole state (rewriting ~10,000 shown keys and every pending alert on each change cost seconds of main thread
 * with 100k incidents). Once the journal outgrows the base, the next save writes a new base of the next generation
 * in one setItem (atomic) and then removes the old entries; a crash in between leaves entries of an old generation,
 * which are never replayed and are removed at the next load.
 */
export function journalSchedulerStore(storage: KeyValueStorage, key: string, onProblem: (message: string) => void = () => undefined): SchedulerStore {
  let generation = 0;
  let entries = 0;
  let journalChars = 0;
  let baseChars = 0;
  const entryKey = (gen: number, n: number) => `${key}.${gen}.${n}`;

  const removeJournal = (gen: number, from = 1) => {
    for (let n = from; storage.getItem(entryKey(gen, n)) !== null; n++) storage.removeItem(entryKey(gen, n));
  };

  const compact = (state: SchedulerState) => {
    const text = JSON.stringify({ version: 1, generation: generation + 1, ...state });
    storage.setItem(key, text);
    const old = generation;
    generation++;
    removeJournal(old);
    entries = 0;
    journalChars = 0;
    baseChars = text.length;
  };

  return {
    async load() {
      const text = storage.getItem(key);
      const base = text === null ? null : parse(text, baseSchema, 'The notification state', onProblem);
      generation = base?.generation ?? 0;
      baseChars = text?.length ?? 0;
      if (generation > 0) removeJournal(generation - 1);
      const scheduled = new Map<string, Alert>((base?.scheduled ?? []).map((alert) => [alert.key, alert]));
      const shown = new Set(base?.shownKeys ?? []);
      // Replayed through the centre model itself: same order, limit and dedupe as when the changes were made.
      const centre = new NotificationCentre(base?.centre ?? []);
      entries = 0;
      journalChars = 0;
      for (let n = 1; ; n++) {
        const entry = storage.getItem(entryKey(generation, n));
        if (entry === null) break;
        const changes = parse(entry, changesSchema, 'A notification state change', onProblem);
        // A damaged entry ends the replay; the next save compacts over it (journalChars forces it).
        if (changes === null) {
          journalChars = Number.POSITIVE_INFINITY;
          break;
        }
        for (const alert of changes.scheduled) scheduled.set(alert.key, alert);
        for (const gone of changes.unscheduled) scheduled.delete(gone);
        for (const shownKey of changes.shownKeys) shown.add(shownKey);
        replayCentre(centre, changes, onProblem);
        entries = n;
        journalChars += entry.length;
      }
      if (base === null && entries === 0) return null;
      return { scheduled: [...scheduled.values()].filter((alert) => !shown.has(alert.key)), shownKeys: [...shown], centre: centre.list() };
    },
    async save(changes: SchedulerChanges, full: () => SchedulerState) {
      const text = JSON.stringify(changes);
      if (journalChars + text.length > Math.max(baseChars, COMPACT_MIN_CHARS)) {
        compact(full());
        return;
      }
      try {
        storage.setItem(entryKey(generation, entries + 1), text);
      } catch {
        // Full storage: the base without the journal's history may still fit.
        compact(full());
        return;
      }
      entries++;
      journalChars += text.length;
    },
  };
}

/**
 * Makes `state` the base of an empty journal (moving from the whole-file store); returns false, writing nothing, when
 * the journal already holds a base or changes (they are newer than anything it would be seeded from).
 */
export function seedJournal(storage: KeyValueStorage, key: string, state: SchedulerState): boolean {
  if (storage.getItem(key) !== null || storage.getItem(`${key}.0.1`) !== null) return false;
  storage.setItem(key, JSON.stringify({ version: 1, generation: 0, ...state }));
  return true;
}

/**
 * Replays one entry's centre changes in the order they were made (centreOrder). Without it (older versions) or when it
 * does not cover the entry exactly, additions go first, as older versions did: nothing is dropped, only a count may differ.
 */
function replayCentre(centre: NotificationCentre, changes: Pick<SchedulerChanges, 'centreAdded' | 'centreRead' | 'centreOrder'>, onProblem: (message: string) => void): void {
  const order = changes.centreOrder;
  if (order !== undefined && covers(order, changes.centreAdded.length, changes.centreRead.length)) {
    let added = 0;
    let read = 0;
    for (const step of order) {
      if (step.kind === 'added') centre.add(changes.centreAdded.slice(added, (added += step.count)));
      else centre.markRead(changes.centreRead.slice(read, (read += step.count)));
    }
    return;
  }
  if (order !== undefined) onProblem('A notification state change lists its centre changes in a damaged order; they are replayed additions first.');
  centre.add(changes.centreAdded);
  centre.markRead(changes.centreRead);
}

function covers(order: readonly CentreStep[], added: number, read: number): boolean {
  let a = 0;
  let r = 0;
  for (const step of order) {
    if (step.kind === 'added') a += step.count;
    else r += step.count;
  }
  return a === added && r === read;
}

function parse<T>(text: string, schema: z.ZodType<T>, what: string, onProblem: (message: string) => void): T | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    onProblem(`${what} is not valid JSON; it is ignored.`);
    return null;
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    onProblem(`${what} is damaged (${parsed.error.issues[0]?.message ?? 'unknown'}); it is ignored.`);
    return null;
  }
  return parsed.data;
}
