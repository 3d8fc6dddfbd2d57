// A centre reloaded from the saved log (browser journal) or the whole file (Electron) equals the live one, in every order of adds and reads.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChangeLog } from '../../../../shared/notifications/change-log';
import { NotificationCentre } from '../../../../shared/notifications/centre';
import { fileSchedulerStore } from '../../../../shared/notifications/file-store';
import { journalSchedulerStore, type KeyValueStorage } from '../../../../shared/notifications/journal-store';
import type { CentreEntry, SchedulerStore } from '../../../../shared/notifications/types';
import { FakeClock, FakeSource, memoryStorage, reminderScheduler, watch } from './fakes';

const reminder = (id: string, incidentId: string, shownAt: number): CentreEntry => ({
  id,
  category: 'reminder',
  incidentId,
  title: 'Stakeholder update due',
  body: 'x',
  shownAt,
  read: false,
  silent: false,
});

/** The live side as the scheduler runs it: each change applied to the centre and logged (fire() logs what the centre kept or counted). */
class Live {
  centre = new NotificationCentre();
  log = new ChangeLog();
  add(entries: CentreEntry[]): void {
    this.log.centreAdded(this.centre.add(entries));
  }
  read(ids?: string[]): void {
    const wanted = ids === undefined ? null : new Set(ids);
    const unread = this.centre.list().filter((e) => !e.read && (wanted === null || wanted.has(e.id))).map((e) => e.id);
    if (this.centre.markRead(ids) > 0) this.log.centreRead(unread);
  }
  async save(store: SchedulerStore): Promise<void> {
    if (this.log.empty) return;
    await store.save(this.log.take(), () => ({ scheduled: [], shownKeys: [], centre: this.centre.list() }));
  }
  /** A reload: the store's state becomes the live centre, as the scheduler restores it. */
  async reload(store: SchedulerStore): Promise<void> {
    this.log.clear();
    this.centre = new NotificationCentre((await store.load())?.centre ?? []);
  }
}

const view = (entries: readonly CentreEntry[]) => entries.map(({ id, read, count }) => ({ id, read, count: count ?? 1 }));

describe('the reloaded notification centre', () => {
  it('equals the live one when a read came before a new reminder in one saved batch', async () => {
    const storage = memoryStorage();
    const store = journalSchedulerStore(storage, 'lantern.notifications');
    const live = new Live();
    live.add([reminder('A', 'inc-1', 1000)]);
    await live.save(store);
    // Within the last second: the read waits for the batched save, then fire() saves both at once.
    live.read(['A']);
    live.add([reminder('B', 'inc-1', 2000)]);
    await live.save(store);
    expect(view(live.centre.list())).toEqual([{ id: 'B', read: false, count: 1 }]);

    const reloaded = await journalSchedulerStore(storage, 'lantern.notifications').load();
    expect(view(reloaded?.centre ?? [])).toEqual(view(live.centre.list()));
  });

  it('equals the live one when a new reminder came before the read', async () => {
    const storage = memoryStorage();
    const store = journalSchedulerStore(storage, 'lantern.notifications');
    const live = new Live();
    live.add([reminder('A', 'inc-1', 1000)]);
    live.add([reminder('B', 'inc-1', 2000)]);
    live.read(['B']);
    live.add([reminder('C', 'inc-1', 3000)]);
    await live.save(store);
    expect(view(live.centre.list())).toEqual([{ id: 'C', read: false, count: 1 }]);
    const reloaded = await journalSchedulerStore(storage, 'lantern.notifications').load();
    expect(view(reloaded?.centre ?? [])).toEqual(view(live.centre.list()));
  });

  it('equals the live one when one batch held two reminders of one incident, or one older than the listed entry', async () => {
    const storage = memoryStorage();
    const store = journalSchedulerStore(storage, 'k');
    const live = new Live();
    // A digest after a sleep: both reminders are due at once and fold into one entry counting two.
    live.add([reminder('A', 'inc-1', 1000), reminder('B', 'inc-1', 1000)]);
    // A wall clock set back: the new reminder is older than the listed one, which keeps its id and counts it.
    live.add([reminder('C', 'inc-1', 500)]);
    await live.save(store);
    expect(view(live.centre.list())).toEqual([{ id: 'B', read: false, count: 3 }]);
    const reloaded = await journalSchedulerStore(storage, 'k').load();
    expect(view(reloaded?.centre ?? [])).toEqual(view(live.centre.list()));
  });

  it('in the browser scheduler: a read waiting for the batched save, then a reminder, reloads as it was', async () => {
    const storage = memoryStorage();
    const clock = new FakeClock();
    const source = new FakeSource();
    source.put(watch('9', { major: true, priority: 3, assignee: 'Someone Else' }));
    const make = (store: SchedulerStore, at: FakeClock) => reminderScheduler(store, at, source);
    const live = make(journalSchedulerStore(storage, 'n'), clock);
    await live.onIncidentsChanged(['9']);
    const reminders = () => live.centre.list().filter((e) => e.category === 'reminder');
    while (reminders().length === 0) await clock.advanceTo(live.nextWakeAt() ?? clock.nowMs + 60_000);
    await live.flush();
    const next = live.nextWakeAt() ?? 0;
    // Half a second before the next reminder: the read waits for the batched save, which the reminder then takes along.
    await clock.advanceTo(next - 500);
    live.markRead(reminders().map((e) => e.id));
    await clock.advanceTo(next);
    await live.flush();
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0]).toMatchObject({ read: false });
    expect(reminders()[0]?.count).toBeUndefined();
    live.stop();

    const again = make(journalSchedulerStore(storage, 'n'), new FakeClock(clock.nowMs));
    await again.start();
    expect(again.centre.list()).toEqual(live.centre.list());
    again.stop();
  });

  it('still loads a log saved by an older version (additions before reads) and an older version can read the new one', async () => {
    const storage = memoryStorage();
    const older = { scheduled: [], unscheduled: [], shownKeys: [], centreAdded: [reminder('A', 'inc-1', 1000)], centreRead: ['A'] };
    storage.setItem('k.0.1', JSON.stringify(older));
    const loaded = await journalSchedulerStore(storage, 'k').load();
    expect(view(loaded?.centre ?? [])).toEqual([{ id: 'A', read: true, count: 1 }]);

    // The new format keeps the old fields complete: a version that ignores the order still gets every entry and read.
    const live = new Live();
    live.read();
    live.add([reminder('B', 'inc-1', 2000)]);
    live.read(['B']);
    live.add([reminder('C', 'inc-2', 3000)]);
    const saved = memoryStorage();
    await live.save(journalSchedulerStore(saved, 'k'));
    const entry = JSON.parse(saved.getItem('k.0.1') ?? 'null') as { centreAdded: CentreEntry[]; centreRead: string[] };
    expect(entry.centreAdded.map((e) => e.id)).toEqual(['B', 'C']);
    expect(entry.centreRead).toEqual(['B']);
  });

  it('ignores an order that does not match its batch, replaying additions before reads as older versions did', async () => {
    const storage = memoryStorage();
    const problems: string[] = [];
    const batch = { scheduled: [], unscheduled: [], shownKeys: [], centreAdded: [reminder('A', 'inc-1', 1000)], centreRead: ['A'], centreOrder: [{ kind: 'read', count: 5 }] };
    storage.setItem('k.0.1', JSON.stringify(batch));
    const loaded = await journalSchedulerStore(storage, 'k', (m) => problems.push(m)).load();
    expect(view(loaded?.centre ?? [])).toEqual([{ id: 'A', read: true, count: 1 }]);
    expect(problems).toHaveLength(1);
  });

  type Step = { kind: 'add'; entries: [string, number][] } | { kind: 'read'; ids: string[] | undefined } | { kind: 'save' } | { kind: 'reload' };
  const incident = fc.constantFrom('inc-1', 'inc-2');
  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({ kind: fc.constant('add' as const), entries: fc.array(fc.tuple(incident, fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 3 }) }),
    fc.record({ kind: fc.constant('read' as const), ids: fc.option(fc.array(fc.integer({ min: 0, max: 12 }).map((n) => `r${n}`), { maxLength: 3 }), { nil: undefined }) }),
    fc.constant({ kind: 'save' as const }),
    fc.constant({ kind: 'reload' as const }),
  );

  async function run(steps: Step[], makeStore: (storage: KeyValueStorage) => SchedulerStore): Promise<void> {
    const storage = memoryStorage();
    const live = new Live();
    // A store keeps its place in the journal: one per page load, as the host makes it.
    let store = makeStore(storage);
    let next = 0;
    let clock = 1000;
    for (const s of steps) {
      if (s.kind === 'add') {
        // Reminders get rising ids; a batch may hold two of one incident (a digest), all shown at one time.
        clock += 1000;
        live.add(s.entries.map(([inc]) => reminder(`r${next++}`, inc, clock)));
      } else if (s.kind === 'read') live.read(s.ids);
      else if (s.kind === 'save') await live.save(store);
      else {
        await live.save(store);
        const before = view(live.centre.list());
        store = makeStore(storage);
        await live.reload(store);
        expect(view(live.centre.list())).toEqual(before);
      }
    }
    await live.save(store);
    expect(view((await makeStore(storage).load())?.centre ?? [])).toEqual(view(live.centre.list()));
  }

  it('equals the live one after any sequence of reminders, reads, saves and reloads (journal)', async () => {
        await fc.assert(fc.asyncProperty(fc.array(step, { maxLength: 25 }), (steps) => run(steps, (s) => journalSchedulerStore(s, 'k'))), { numRuns: 300 });
  });

  it('equals the live one after any sequence (whole file, as Electron saves it)', async () => {
    const file = (storage: KeyValueStorage): SchedulerStore =>
      fileSchedulerStore({ read: () => Promise.resolve(storage.getItem('f')), write: (text) => Promise.resolve(storage.setItem('f', text)) });
    await fc.assert(fc.asyncProperty(fc.array(step, { maxLength: 25 }), (steps) => run(steps, file)), { numRuns: 300 });
  });
});
