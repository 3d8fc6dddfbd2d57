// The notification scheduler: one timer for the earliest due alert, quiet rules, digests, restart-safe state.
import { NotificationCentre } from './centre';
import { planActivities, planIncident } from './planner';
import { DEFAULT_NOTIFICATION_SETTINGS, mayInterrupt, type NotificationSettings } from './settings';
import type { Activity, Alert, AlertCategory, CentreEntry, IncidentSource, Notifier, SchedulerClock, SchedulerState, SchedulerStore, TimerHandle } from './types';

/** setTimeout cannot wait longer than this; a later alert re-arms on wake-up. */
const MAX_DELAY_MS = 2 ** 31 - 1;
const SHOWN_KEYS_LIMIT = 10_000;
const MAX_BATCH_WAITS = 5;

/** Alerts about something that happened (shown after the coalescing delay), as opposed to planned SLA/reminder times. */
function isActivity(alert: Alert): boolean {
  return alert.category !== 'sla' && alert.category !== 'reminder';
}

export interface NotificationSchedulerOptions {
  readonly clock: SchedulerClock;
  readonly notifier: Notifier;
  readonly store: SchedulerStore;
  readonly incidents: IncidentSource;
  /** The person using this device now (quick user switch on shared laptops); null: nobody signed in. */
  readonly currentUser: () => string | null;
  /** Focus the window on an incident (null: on the notification centre). */
  readonly openIncident: (incidentId: string | null) => void;
  readonly settings?: NotificationSettings;
  readonly onError?: (error: unknown) => void;
}

const CATEGORY_WORDS: Record<AlertCategory, string> = {
  sla: 'SLA alerts',
  assignment: 'assignments',
  escalation: 'escalations',
  sync: 'sync problems',
  conflict: 'conflicts',
  reminder: 'update reminders',
};

export class NotificationScheduler {
  readonly centre: NotificationCentre = new NotificationCentre();
  private settings: NotificationSettings;
  private readonly scheduled = new Map<string, Alert>();
  private shownKeys: string[] = [];
  private readonly shown = new Set<string>();
  private timer: TimerHandle | null = null;
  private timerDueAt: number | null = null;
  private saving: Promise<void> = Promise.resolve();
  private ready: Promise<void> | null = null;
  private stopped = false;
  private batchStartedAt: number | null = null;

  constructor(private readonly options: NotificationSchedulerOptions) {
    this.settings = options.settings ?? DEFAULT_NOTIFICATION_SETTINGS;
  }

  /** Loads pending alerts and shown keys from the store and arms the timer (overdue ones fire at once). */
  start(): Promise<void> {
    this.ready ??= this.restore();
    return this.ready;
  }

  /** Stops the timer (app quitting); state is already saved. */
  stop(): void {
    this.stopped = true;
    this.disarm();
  }

  /** Re-plans SLA and reminder alerts of these incidents (after a local edit or a sync brought changes). */
  async onIncidentsChanged(ids: readonly string[]): Promise<void> {
    await this.start();
    if (ids.length === 0) return;
    const watches = await this.options.incidents.get(ids);
    const now = this.options.clock.now();
    const user = this.options.currentUser();
    const affected = new Set(ids);
    for (const [key, alert] of this.scheduled) {
      if (alert.incidentId !== null && affected.has(alert.incidentId) && (alert.category === 'sla' || alert.category === 'reminder')) this.scheduled.delete(key);
    }
    for (const watch of watches) {
      for (const alert of planIncident(watch, now, this.shown, this.settings, user)) this.schedule(alert);
    }
    this.afterChange();
  }

  /** Things that happened (assignments, escalations, sync failures, conflicts): shown after the coalescing delay. */
  async report(activities: readonly Activity[]): Promise<void> {
    await this.start();
    const now = this.options.clock.now();
    const planned = planActivities(activities, this.options.currentUser(), now);
    if (planned.length === 0) return;
    // Trailing debounce with a cap: each report moves the waiting batch to now + coalesceMs, but never past
    // MAX_BATCH_WAITS × coalesceMs after the batch began, so a steady trickle is still shown.
    const waiting = [...this.scheduled.values()].filter((alert) => isActivity(alert) && alert.dueAt > now);
    if (waiting.length === 0 || this.batchStartedAt === null) this.batchStartedAt = now;
    const dueAt = Math.min(now + this.settings.coalesceMs, this.batchStartedAt + MAX_BATCH_WAITS * this.settings.coalesceMs);
    for (const alert of waiting) this.scheduled.set(alert.key, { ...alert, dueAt });
    for (const alert of planned) this.schedule({ ...alert, dueAt });
    this.afterChange();
  }

  /** Marks centre entries read (all when ids is undefined) and saves; returns how many changed. */
  markRead(ids?: readonly string[]): number {
    const changed = this.centre.markRead(ids);
    if (changed > 0) this.persist();
    return changed;
  }

  updateSettings(settings: NotificationSettings): void {
    this.settings = settings;
  }

  getSettings(): NotificationSettings {
    return this.settings;
  }

  /** Pending alerts, earliest first (for diagnostics and tests). */
  pending(): readonly Alert[] {
    return [...this.scheduled.values()].sort((a, b) => a.dueAt - b.dueAt);
  }

  /** When the single timer will fire; null when none is armed. */
  nextWakeAt(): number | null {
    return this.timerDueAt;
  }

  /** Resolves when every state change so far is in the store. */
  flush(): Promise<void> {
    return this.saving;
  }

  private async restore(): Promise<void> {
    const state = await this.options.store.load();
    if (state) {
      for (const alert of state.scheduled) this.scheduled.set(alert.key, alert);
      for (const key of state.shownKeys) this.remember(key);
      this.centre.add(state.centre);
    }
    this.arm();
  }

  private schedule(alert: Alert): void {
    if (!this.shown.has(alert.key)) this.scheduled.set(alert.key, alert);
  }

  private remember(key: string): void {
    if (this.shown.has(key)) return;
    this.shown.add(key);
    this.shownKeys.push(key);
    if (this.shownKeys.length > SHOWN_KEYS_LIMIT) {
      for (const old of this.shownKeys.splice(0, this.shownKeys.length - SHOWN_KEYS_LIMIT)) this.shown.delete(old);
    }
  }

  private afterChange(): void {
    this.persist();
    this.arm();
  }

  /** Exactly one timer, for the earliest pending alert. */
  private arm(): void {
    if (this.stopped) return;
    let earliest = Number.POSITIVE_INFINITY;
    for (const alert of this.scheduled.values()) if (alert.dueAt < earliest) earliest = alert.dueAt;
    if (earliest === Number.POSITIVE_INFINITY) {
      this.disarm();
      return;
    }
    if (this.timer !== null && this.timerDueAt === earliest) return;
    this.disarm();
    const delay = Math.min(MAX_DELAY_MS, Math.max(0, earliest - this.options.clock.now()));
    this.timerDueAt = earliest;
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = null;
      this.timerDueAt = null;
      this.fire();
    }, delay);
  }

  private disarm(): void {
    if (this.timer !== null) this.options.clock.clearTimeout(this.timer);
    this.timer = null;
    this.timerDueAt = null;
  }

  private fire(): void {
    const now = this.options.clock.now();
    const due = this.pending().filter((alert) => alert.dueAt <= now);
    for (const alert of due) {
      this.scheduled.delete(alert.key);
      this.remember(alert.key);
    }
    const loud = due.filter((alert) => mayInterrupt(alert, this.settings, now));
    const digest = loud.length >= this.settings.digestAtLeast;
    const loudKeys = new Set(loud.map((a) => a.key));
    const entries: CentreEntry[] = due.map((alert) => ({
      id: alert.key,
      category: alert.category,
      incidentId: alert.incidentId,
      title: alert.title,
      body: alert.body,
      shownAt: now,
      read: false,
      silent: digest || !loudKeys.has(alert.key),
    }));
    this.centre.add(entries);
    // Saved before showing: a crash in between cannot repeat an alert, and the centre already lists it.
    this.persist();
    if (digest) this.showDigest(loud);
    else for (const alert of loud) this.showOne(alert);
    this.arm();
    const replan = [...new Set(due.filter((a) => a.incidentId !== null && (a.category === 'sla' || a.category === 'reminder')).map((a) => a.incidentId!))];
    if (replan.length > 0) this.onIncidentsChanged(replan).catch((error: unknown) => this.options.onError?.(error));
  }

  private showOne(alert: Alert): void {
    const handle = this.options.notifier.show({ title: alert.title, body: alert.body, incidentId: alert.incidentId, urgency: alert.urgency });
    handle?.onClick(() => {
      this.centre.markRead([alert.key]);
      this.persist();
      this.options.openIncident(alert.incidentId);
    });
  }

  private showDigest(alerts: readonly Alert[]): void {
    const counts = new Map<AlertCategory, number>();
    for (const alert of alerts) counts.set(alert.category, (counts.get(alert.category) ?? 0) + 1);
    const parts = [...counts].sort((a, b) => b[1] - a[1]).map(([category, count]) => `${count} ${CATEGORY_WORDS[category]}`);
    const incidents = new Set(alerts.map((a) => a.incidentId));
    const only = incidents.size === 1 ? [...incidents][0]! : null;
    const handle = this.options.notifier.show({
      title: `${alerts.length} updates in Lantern`,
      body: `${parts.join(', ')}. Open Lantern's notification centre (the bell) to see them all.`,
      incidentId: only,
      urgency: alerts.some((a) => a.urgency === 'critical') ? 'critical' : 'normal',
    });
    handle?.onClick(() => this.options.openIncident(only));
  }

  private snapshot(): SchedulerState {
    return { scheduled: this.pending(), shownKeys: [...this.shownKeys], centre: this.centre.list() };
  }

  private persist(): void {
    const state = this.snapshot();
    this.saving = this.saving
      .then(() => this.options.store.save(state))
      .catch((error: unknown) => this.options.onError?.(error));
  }
}
