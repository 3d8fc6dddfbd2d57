// The browser's journaled scheduler store: appends only what changed, replays base + journal, compacts, survives damage.
import { describe, expect, it } from 'vitest';
import { COMPACT_MIN_CHARS, journalSchedulerStore, type KeyValueStorage } from '../../../../shared/notifications/journal-store';
import type { Alert, SchedulerChanges, SchedulerState } from '../../../../shared/notifications/types';

class CountingStorage implements KeyValueStorage {
  readonly items = new Map<string, string>();
  written = 0;
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => {
    this.written += value.length;
    this.items.set(key, value);
  };
  removeItem = (key: string) => void this.items.delete(key);
}

const alert = (i: number): Alert => ({
  key: `sla:${i}:resolve:warn50:3600000`,
  category: 'sla',
  incidentId: String(i),
  dueAt: 1000 + i,
  title: `Time to resolve at 50 %: K7QM-${String(i).padStart(4, '0')}`,
  body: 'P1 – Critical · Pump failed. Open Lantern and search for it.',
  urgency: 'critical',
  priority: 1,
  major: false,
});

const none: SchedulerChanges = { scheduled: [], unscheduled: [], shownKeys: [], centreAdded: [], centreRead: [] };

/** A model of the scheduler's state that applies changes, as the real one hands them over. */
function model(initial: SchedulerState = { scheduled: [], shownKeys: [], centre: [] }) {
  let state = initial;
  return {
    apply(changes: SchedulerChanges): SchedulerChanges {
      const scheduled = new Map(state.scheduled.map((a) => [a.key, a]));
      for (const a of changes.scheduled) scheduled.set(a.key, a);
      for (const key of changes.unscheduled) scheduled.delete(key);
      state = { scheduled: [...scheduled.values()], shownKeys: [...state.shownKeys, ...changes.shownKeys], centre: [...changes.centreAdded, ...state.centre] };
      return changes;
    },
    full: () => state,
  };
}

describe('journalSchedulerStore', () => {
  it('a save writes the changed entries, not all pending alerts', async () => {
    const storage = new CountingStorage();
    const store = journalSchedulerStore(storage, 'n');
    const state = model();
    await store.save(state.apply({ ...none, scheduled: Array.from({ length: 2000 }, (_, i) => alert(i)) }), state.full);
    const bulk = storage.written;
    expect(bulk).toBeGreaterThan(200_000);
    for (let i = 0; i < 20; i++) {
      const before = storage.written;
      await store.save(state.apply({ ...none, scheduled: [{ ...alert(i), dueAt: 5000 + i }], shownKeys: [`sla:x${i}`] }), state.full);
      expect(storage.written - before).toBeLessThan(1000);
    }
    const loaded = await journalSchedulerStore(storage, 'n').load();
    expect(loaded?.scheduled).toHaveLength(2000);
    expect(loaded?.scheduled.find((a) => a.key === alert(3).key)?.dueAt).toBe(5003);
    expect(loaded?.shownKeys).toHaveLength(20);
  });

  it('folds the journal into a new base once it outgrows the base, and removes the old entries', async () => {
    const storage = new CountingStorage();
    const store = journalSchedulerStore(storage, 'n');
    const state = model();
    const saves = Math.ceil(COMPACT_MIN_CHARS / 300) * 3;
    for (let i = 0; i < saves; i++) await store.save(state.apply({ ...none, scheduled: [alert(i)], unscheduled: i > 0 ? [alert(i - 1).key] : [] }), state.full);
    // Amortised: everything written stays within a small multiple of the entries themselves.
    expect(storage.written).toBeLessThan(saves * 300 * 3);
    expect(storage.items.size).toBeLessThan(saves);
    const loaded = await journalSchedulerStore(storage, 'n').load();
    expect(loaded?.scheduled.map((a) => a.key)).toEqual([alert(saves - 1).key]);
  });

  it('journals centre entries as they are added and read, and replays them through the centre model', async () => {
    const storage = new CountingStorage();
    const store = journalSchedulerStore(storage, 'n');
    const state = model();
    const entry = (id: string, shownAt: number) => ({ id, category: 'sla' as const, incidentId: id, title: id, body: '', shownAt, read: false, silent: false });
    await store.save(state.apply({ ...none, centreAdded: [entry('a', 1), entry('b', 2)] }), state.full);
    const before = storage.written;
    await store.save(state.apply({ ...none, centreAdded: [entry('c', 3)], centreRead: ['a'] }), state.full);
    expect(storage.written - before).toBeLessThan(300);
    const loaded = await journalSchedulerStore(storage, 'n').load();
    expect(loaded?.centre.map((e) => [e.id, e.read])).toEqual([['c', false], ['b', false], ['a', true]]);
  });

  it('drops pending alerts the journal later marks shown, stops at a damaged entry, and reads an old whole-state file', async () => {
    const storage = new CountingStorage();
    storage.setItem('n', JSON.stringify({ version: 1, scheduled: [alert(1), alert(2)], shownKeys: [], centre: [] }));
    storage.setItem('n.0.1', JSON.stringify({ ...none, shownKeys: [alert(1).key] }));
    storage.setItem('n.0.2', '{broken');
    storage.setItem('n.0.3', JSON.stringify({ ...none, unscheduled: [alert(2).key] }));
    const problems: string[] = [];
    const loaded = await journalSchedulerStore(storage, 'n', (m) => problems.push(m)).load();
    expect(loaded?.scheduled.map((a) => a.key)).toEqual([alert(2).key]);
    expect(loaded?.shownKeys).toEqual([alert(1).key]);
    expect(problems).toHaveLength(1);
  });
});
