// Fakes for the notification scheduler tests: a controllable clock that counts armed timers, a notifier, a store, a source.
import type {
  IncidentSource,
  IncidentWatch,
  NativeNotice,
  NoticeHandle,
  Notifier,
  SchedulerChanges,
  SchedulerClock,
  SchedulerState,
  SchedulerStore,
} from '../../../../shared/notifications/types';
import { SEED_SLA_POLICIES, type SlaChange, type Status } from '../../../../shared/domain';
import type { KeyValueStorage } from '../../../../shared/notifications/journal-store';
import { NotificationScheduler } from '../../../../shared/notifications/scheduler';
import { DEFAULT_NOTIFICATION_SETTINGS } from '../../../../shared/notifications/settings';

export const MIN = 60_000;
export const T0 = Date.parse('2026-11-23T09:00:00Z');

interface Timer {
  at: number;
  callback: () => void;
}

/** Real microtask/IO turn, so async work started by a timer callback settles. */
export const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

export class FakeClock implements SchedulerClock {
  readonly timers = new Map<number, Timer>();
  /** Most timers armed at the same moment over the whole test. */
  maxArmed = 0;
  setCalls = 0;
  private nextId = 1;

  constructor(public nowMs: number = T0) {}

  now(): number {
    return this.nowMs;
  }

  setTimeout(callback: () => void, ms: number): number {
    const id = this.nextId++;
    this.timers.set(id, { at: this.nowMs + ms, callback });
    this.setCalls++;
    this.maxArmed = Math.max(this.maxArmed, this.timers.size);
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Moves time forward, running each timer at its moment and letting async follow-ups settle. */
  async advance(ms: number): Promise<void> {
    const target = this.nowMs + ms;
    for (;;) {
      await settle();
      let nextId: number | null = null;
      let next: Timer | null = null;
      for (const [id, timer] of this.timers) if (timer.at <= target && (next === null || timer.at < next.at)) [nextId, next] = [id, timer];
      if (next === null || nextId === null) break;
      this.timers.delete(nextId);
      this.nowMs = Math.max(this.nowMs, next.at);
      next.callback();
    }
    this.nowMs = target;
    await settle();
  }

  async advanceTo(at: number): Promise<void> {
    await this.advance(at - this.nowMs);
  }
}

export class FakeNotifier implements Notifier {
  readonly shown: { notice: NativeNotice; click: () => void; at: number }[] = [];
  constructor(private readonly clock: Pick<SchedulerClock, 'now'>) {}

  show(notice: NativeNotice): NoticeHandle {
    let listener: () => void = () => undefined;
    const entry = { notice, click: () => listener(), at: this.clock.now() };
    this.shown.push(entry);
    return {
      onClick(l) {
        listener = l;
      },
    };
  }

  titles(): string[] {
    return this.shown.map((s) => s.notice.title);
  }
}

/** Keeps the whole state (as a file store would) and records each batch of changes it was handed. */
export class MemoryStore implements SchedulerStore {
  saved: string | null = null;
  saves = 0;
  readonly changes: SchedulerChanges[] = [];
  async load(): Promise<SchedulerState | null> {
    return this.saved === null ? null : (JSON.parse(this.saved) as SchedulerState);
  }
  async save(changes: SchedulerChanges, full: () => SchedulerState): Promise<void> {
    this.saves++;
    this.changes.push(changes);
    this.saved = JSON.stringify(full());
  }
}

export class FakeSource implements IncidentSource {
  readonly watches = new Map<string, IncidentWatch>();
  async get(ids: readonly string[]): Promise<IncidentWatch[]> {
    return ids.flatMap((id) => {
      const watch = this.watches.get(id);
      return watch ? [watch] : [];
    });
  }
  put(watch: IncidentWatch): void {
    this.watches.set(watch.id, watch);
  }
}

/** A gold-policy incident created at T0 (P1: 15 min to own, 1 h to resolve). */
export function watch(id: string, overrides: Partial<IncidentWatch> = {}, changes: SlaChange[] = []): IncidentWatch {
  return {
    id,
    number: `K7QM-${id.padStart(4, '0').slice(-4)}`,
    title: `Incident ${id}`,
    priority: 1,
    major: false,
    status: changes.filter((c) => c.to !== null).at(-1)?.to ?? 'new',
    assignee: null,
    sla: { createdAtMs: T0, changes },
    policy: SEED_SLA_POLICIES[0]!,
    lastUpdateAt: null,
    ...overrides,
  };
}

export const change = (minutes: number, to: Status | null, counter = 0): SlaChange => ({ atMs: T0 + minutes * MIN, hlc: `${String(T0 + minutes * MIN).padStart(15, '0')}-${String(counter).padStart(4, '0')}-dev`, to });

/** localStorage in memory, its items open to the test (the browser host's saved log). */
export function memoryStorage(): KeyValueStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value), removeItem: (key) => void items.delete(key) };
}

/** A scheduler for reminder tests: SLA alerts only for the person's own incidents, so reminders are watched alone. */
export function reminderScheduler(store: SchedulerStore, clock: FakeClock, source: FakeSource, notifier = new FakeNotifier(clock)): NotificationScheduler {
  return new NotificationScheduler({
    clock,
    notifier,
    store,
    incidents: source,
    currentUser: () => 'Ana Field',
    openIncident: () => undefined,
    settings: { ...DEFAULT_NOTIFICATION_SETTINGS, slaScope: 'mine' },
    onError: (error) => {
      throw error;
    },
  });
}
