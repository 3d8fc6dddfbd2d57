// ShownKeys and DueQueue: the scheduler's bounded shown set and its min-heap of due times.
import { describe, expect, it } from 'vitest';
import { DueQueue } from '../../../../shared/notifications/due-queue';
import { ShownKeys } from '../../../../shared/notifications/shown-keys';

describe('ShownKeys', () => {
  it('keeps the newest keys up to the limit, oldest forgotten first, in insertion order', () => {
    const keys = new ShownKeys(3);
    expect(['a', 'b', 'c', 'd', 'e'].map((key) => keys.add(key))).toEqual([true, true, true, true, true]);
    expect(keys.add('e')).toBe(false);
    expect(keys.list()).toEqual(['c', 'd', 'e']);
    expect(keys.has('a')).toBe(false);
    expect(keys.size).toBe(3);
  });

  it('trims in constant time per key (100,000 keys past a 10,000 limit stay fast)', () => {
    const keys = new ShownKeys(10_000);
    const start = performance.now();
    for (let i = 0; i < 100_000; i++) keys.add(`sla:${i}:resolve:breached:3600000`);
    // The array splice it replaces moved 10,000 keys per add (~1e9 moves here); this is ~1e5 operations.
    expect(performance.now() - start).toBeLessThan(1000);
    expect(keys.size).toBe(10_000);
    expect(keys.has('sla:99999:resolve:breached:3600000')).toBe(true);
  });
});

describe('DueQueue', () => {
  it('yields due keys earliest first (ties in first-scheduled order) and skips re-timed or removed ones', () => {
    const live = new Map<string, number>([['a', 30], ['b', 10], ['c', 10], ['d', 50]]);
    const queue = new DueQueue((key, dueAt) => live.get(key) === dueAt);
    queue.push('a', 30, 0);
    queue.push('c', 10, 2);
    queue.push('b', 10, 1);
    queue.push('d', 20, 3);
    queue.push('d', 50, 3); // re-timed: the slot at 20 is stale
    live.delete('a');
    expect(queue.peek()).toBe(10);
    expect(queue.takeDue(40)).toEqual(['b', 'c']);
    expect(queue.peek()).toBe(50);
    queue.compact(1);
    expect(queue.takeDue(50)).toEqual(['d']);
    expect(queue.peek()).toBeNull();
  });
});
