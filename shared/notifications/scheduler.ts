// The notification scheduler: one timer for the earliest due alert (or batched save), quiet rules, digests, restart-safe state.
import { OPEN_STATUSES } from '../domain';
import { NotificationCentre } from './centre';
import { ChangeLog } from './change-log';
import { digestNotice } from './digest';
import { DueQueue } from './due-queue';
import { planActivities, planIncident, wordedAt } from './planner';
import { DEFAULT_NOTIFICATION_SETTINGS, mayInterrupt, type NotificationSettings } from './settings';
import { ShownMemory } from './shown-keys';
import type { Activity, Alert, CentreEntry, IncidentSource, Notifier, SchedulerClock, SchedulerState, SchedulerStore, TimerHandle } from './types';

/** Timers count awake time, alerts are due by the wall clock (NTP corrections, sleep): a wake-up at least this often re-checks. */
const MAX_DELAY_MS = 60_000;
/** Activity keys (unique per occurrence, never re-planned) remembered, newest first. */
const SHOWN_ACTIVITY_LIMIT = 10_000;
/**
 * Safety net for SLA/reminder marks, which are kept per incident while it is watched and forgotten when it is removed
 * or closed: far above any real desk (100k open incidents), it only bounds a host that never reports removals.
 */
export const MARKED_INCIDENTS_LIMIT = 250_000;
const MAX_BATCH_WAITS = 5;
/**
 * Re-planning (a start-up feed of 100k incidents arrives in hundreds of pages) saves at most this often. Losing
 * the last second of re-plans in a crash is harmless: the host re-sends every watch after start. What must not be
 * lost is saved at once instead: shown marks before the notice appears, and reported activities.
 */
export const SAVE_DELAY_MS = 1000;
/**
 * At most one non-critical notice per this gap: a start-up feed of many overdue incidents arrives in hundreds of
 * pages, each firing its own burst; without the gap every burst would be its own digest. Alerts that fall due
 * inside the gap are listed in the centre at once and shown together as one digest when it ends. Alerts about
 * P1 and major incidents are never held back.
 */
export const NOTICE_GAP_MS = 15_000;

/** Alerts about something that happened (shown after the coalescing delay), as opposed to planned SLA/reminder times. */
function isActivity(alert: Alert): boolean {
  return alert.category !== 'sla' && alert.category !== 'reminder';
}

/** P1 and major incidents are never held back by the notice gap. */
function breaksGap(alert: Alert): boolean {
  return alert.priority === 1 || alert.major;
}

/** A timer this much late did not just run slow: the machine slept, or the app was not running. */
const LATE_MS = 60_000;

/** An SLA or reminder alert that fell due long before the timer could fire (see showLate). */
function isLatePlan(alert: Alert, now: number): boolean {
  return !isActivity(alert) && alert.incidentId !== null && alert.dueAt < now - LATE_MS;
}

function sameAlert(a: Alert, b: Alert): boolean {
  return a.dueAt === b.dueAt && a.title === b.title && a.body === b.body && a.urgency === b.urgency && a.priority === b.priority && a.major === b.major;
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

export class NotificationScheduler {
  readonly centre: NotificationCentre = new NotificationCentre();
  private settings: NotificationSettings;
  private readonly scheduled = new Map<string, Alert>();
  /** First-scheduled order of each pending key: equal due times fire in it. */
  private readonly order = new Map<string, number>();
  private nextOrder = 0;
  /** Pending SLA/reminder keys per incident, so re-planning a page of incidents touches only theirs. */
  private readonly planned = new Map<string, Set<string>>();
  private readonly activities = new Set<string>();
  private readonly queue = new DueQueue((key, dueAt) => this.scheduled.get(key)?.dueAt === dueAt);
  private readonly shown = new ShownMemory({ activityLimit: SHOWN_ACTIVITY_LIMIT, incidentLimit: MARKED_INCIDENTS_LIMIT });
  private readonly changes = new ChangeLog();
  /** When the batched save is due; null when nothing waits to be saved. */
  private saveDueAt: number | null = null;
  private timer: TimerHandle | null = null;
  private timerDueAt: number | null = null;
  private saving: Promise<void> = Promise.resolve();
  private ready: Promise<void> | null = null;
  private stopped = false;
  private batchStartedAt: number | null = null;
  /** When the last native notice was shown; loud alerts inside NOTICE_GAP_MS after it wait in `held`. */
  private lastNoticeAt: number | null = null;
  private held: Alert[] = [];

  constructor(private readonly options: NotificationSchedulerOptions) {
    this.settings = options.settings ?? DEFAULT_NOTIFICATION_SETTINGS;
  }

  /** Loads pending alerts and shown keys from the store and arms the timer (overdue ones fire at once). */
  start(): Promise<void> {
    this.ready ??= this.restore();
    return this.ready;
  }

  /** Stops the timer (app quitting) after saving what waits for the batched save. */
  stop(): void {
    this.saveNow();
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
    const stale = new Set<string>();
    for (const id of ids) for (const key of this.planned.get(id) ?? []) stale.add(key);
    for (const watch of watches) {
      // A closed or resolved incident is done with: its marks go (a reopened one is alerted afresh, once per
      // threshold it still stands at). An incident the source does not know keeps them: right after a start the
      // host has not re-sent its watches yet, and only an explicit removal (forgetIncidents) means it is gone.
      if (!OPEN_STATUSES.includes(watch.status)) this.shown.forget(watch.id);
      else this.shown.touch(watch.id);
      for (const alert of planIncident(watch, now, this.shown.marksOf(watch.id), this.settings, user)) {
        stale.delete(alert.key);
        this.schedule(alert);
      }
    }
    for (const key of stale) this.unschedule(key);
    this.queue.compact(this.scheduled.size);
    this.afterChange();
  }

  /**
   * The host no longer watches these incidents (deleted, closed, resolved, out of view): their shown marks are
   * forgotten, so memory follows what is watched. Call with the ids also passed to onIncidentsChanged.
   */
  forgetIncidents(ids: readonly string[]): void {
    for (const id of ids) this.shown.forget(id);
  }

  /** Things that happened (assignments, escalations, sync failures, conflicts): shown after the coalescing delay. */
  async report(activities: readonly Activity[]): Promise<void> {
    await this.start();
    const now = this.options.clock.now();
    const planned = planActivities(activities, this.options.currentUser(), now);
    if (planned.length === 0) return;
    // Trailing debounce with a cap: each report moves the waiting batch to now + coalesceMs, but never past
    // MAX_BATCH_WAITS × coalesceMs after the batch began, so a steady trickle is still shown.
    const waiting = [...this.activities].map((key) => this.scheduled.get(key)!).filter((alert) => alert.dueAt > now);
    if (waiting.length === 0 || this.batchStartedAt === null) this.batchStartedAt = now;
    const dueAt = Math.min(now + this.settings.coalesceMs, this.batchStartedAt + MAX_BATCH_WAITS * this.settings.coalesceMs);
    for (const alert of waiting) this.schedule({ ...alert, dueAt });
    for (const alert of planned) this.schedule({ ...alert, dueAt });
    // Saved at once: an activity is not re-planned from anything after a crash, so the batched save could lose it.
    this.saveNow();
    this.arm();
  }

  /** Marks centre entries read (all when ids is undefined) and journals exactly which changed; returns how many. */
  markRead(ids?: readonly string[]): number {
    const wanted = ids === undefined ? null : new Set(ids);
    const unread = this.centre.list().filter((entry) => !entry.read && (wanted === null || wanted.has(entry.id))).map((entry) => entry.id);
    const changed = this.centre.markRead(ids);
    if (changed > 0) {
      this.changes.centreRead(unread);
      this.afterChange();
    }
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

  /** Keys of alerts already shown, as saved (for diagnostics and tests). */
  shownKeys(): string[] {
    return this.shown.list();
  }

  /** When the single timer will fire; null when none is armed. */
  nextWakeAt(): number | null {
    return this.timerDueAt;
  }

  /** Saves what waits for the batched save now (the page is hidden or closing; tests); resolves once it is stored. */
  flush(): Promise<void> {
    this.saveNow();
    this.arm();
    return this.saving;
  }

  private async restore(): Promise<void> {
    const state = await this.options.store.load();
    if (state) {
      for (const key of state.shownKeys) this.shown.add(key);
      for (const alert of state.scheduled) this.schedule(alert);
      this.centre.add(state.centre);
    }
    // Loaded state is already stored.
    this.changes.clear();
    this.arm();
  }

  /** Pends an alert unless it was shown; an unchanged re-plan of a pending alert changes (and saves) nothing. */
  private schedule(alert: Alert): void {
    if (this.shown.has(alert.key)) return;
    const known = this.scheduled.get(alert.key);
    if (known && sameAlert(known, alert)) return;
    this.scheduled.set(alert.key, alert);
    if (!known) this.order.set(alert.key, this.nextOrder++);
    // Only a new time needs a slot: a re-plan that changes just the wording (the incident became major) would
    // otherwise leave two live slots for the key, and the alert was shown and listed twice.
    if (known?.dueAt !== alert.dueAt) this.queue.push(alert.key, alert.dueAt, this.order.get(alert.key)!);
    if (isActivity(alert)) this.activities.add(alert.key);
    else if (alert.incidentId !== null) {
      let keys = this.planned.get(alert.incidentId);
      if (!keys) this.planned.set(alert.incidentId, (keys = new Set()));
      keys.add(alert.key);
    }
    this.changes.scheduled(alert);
  }

  private unschedule(key: string): void {
    const alert = this.scheduled.get(key);
    if (!alert) return;
    this.scheduled.delete(key);
    this.order.delete(key);
    this.activities.delete(key);
    const keys = alert.incidentId === null ? undefined : this.planned.get(alert.incidentId);
    if (keys) {
      keys.delete(key);
      if (keys.size === 0) this.planned.delete(alert.incidentId!);
    }
    this.changes.unscheduled(key);
  }

  private remember(key: string): void {
    if (this.shown.add(key)) this.changes.shownKey(key);
  }

  /** Something changed: the batched save is due SAVE_DELAY_MS after the first unsaved change. */
  private afterChange(): void {
    if (this.saveDueAt === null && !this.changes.empty) this.saveDueAt = this.options.clock.now() + SAVE_DELAY_MS;
    this.arm();
  }

  /** Exactly one timer, for the earliest pending alert or the batched save, whichever comes first. */
  private arm(): void {
    if (this.stopped) return;
    const nextAlert = this.queue.peek();
    const heldDueAt = this.held.length > 0 && this.lastNoticeAt !== null ? this.lastNoticeAt + NOTICE_GAP_MS : Number.POSITIVE_INFINITY;
    const earliest = Math.min(nextAlert ?? Number.POSITIVE_INFINITY, this.saveDueAt ?? Number.POSITIVE_INFINITY, heldDueAt);
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
      this.wake();
    }, delay);
  }

  private wake(): void {
    const now = this.options.clock.now();
    const taken = this.queue.takeDue(now).map((key) => this.scheduled.get(key)!);
    const late = taken.filter((alert) => isLatePlan(alert, now));
    // Worded as of now: a reminder shown late (after sleep, at start-up) states the silence up to now.
    const due = taken.filter((alert) => !isLatePlan(alert, now)).map((alert) => wordedAt(alert, now));
    if (late.length > 0) this.showLate(late).catch((error: unknown) => this.options.onError?.(error));
    if (due.length > 0) this.fire(due, now);
    else if (this.saveDueAt !== null && this.saveDueAt <= now) this.saveNow();
    if (this.held.length > 0 && this.lastNoticeAt !== null && now >= this.lastNoticeAt + NOTICE_GAP_MS) this.showHeld(now);
    this.arm();
  }

  /**
   * Planned alerts that fell due while the timer could not run (the laptop slept, the app was closed) may have been
   * overtaken: 75 % planned before a sleep that lasted past the breach, or one reminder step of several missed.
   * The incidents are planned again as of now first, and only what still holds is shown, so waking up brings the
   * current state once instead of each stale step followed by it. An incident the source does not know (not fed
   * yet after a start) keeps its alert as planned.
   */
  private async showLate(late: readonly Alert[]): Promise<void> {
    const ids = [...new Set(late.map((alert) => alert.incidentId!))];
    // Unreadable now: shown as planned rather than dropped (they are off the queue already).
    const watches = await this.options.incidents.get(ids).catch((error: unknown) => (this.options.onError?.(error), []));
    const now = this.options.clock.now();
    const current = new Set<string>();
    const user = this.options.currentUser();
    for (const watch of watches) for (const alert of planIncident(watch, now, this.shown.marksOf(watch.id), this.settings, user)) current.add(alert.key);
    const known = new Set(watches.map((watch) => watch.id));
    const holding = late.filter((alert) => this.scheduled.has(alert.key) && (!known.has(alert.incidentId!) || current.has(alert.key)));
    if (holding.length > 0) this.fire(holding.map((alert) => wordedAt(alert, now)), now);
    // Drops the overtaken alerts and plans what holds now (due at once when it fell due in the sleep).
    if (known.size > 0) await this.onIncidentsChanged([...known]);
  }

  private disarm(): void {
    if (this.timer !== null) this.options.clock.clearTimeout(this.timer);
    this.timer = null;
    this.timerDueAt = null;
  }

  private fire(alerts: readonly Alert[], now: number): void {
    // Each key once, whatever handed it over twice: the centre lists it once and the person is told once.
    const due = [...new Map(alerts.map((alert) => [alert.key, alert] as const)).values()];
    for (const alert of due) {
      this.unschedule(alert.key);
      this.remember(alert.key);
    }
    const interrupting = due.filter((alert) => mayInterrupt(alert, this.settings, now));
    const inGap = this.lastNoticeAt !== null && now < this.lastNoticeAt + NOTICE_GAP_MS;
    // Inside the gap only P1 and major incidents interrupt (as with do-not-disturb); the rest, breaches of lower
    // priorities included, wait for one digest when the gap ends.
    const loud = inGap ? interrupting.filter(breaksGap) : interrupting;
    const waiting = inGap ? interrupting.filter((alert) => !breaksGap(alert)) : [];
    this.held.push(...waiting);
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
    // Only what the centre kept or counted (it holds the newest CENTRE_LIMIT): a page of 1,000 due alerts journals 500, not 1,000.
    this.changes.centreAdded(this.centre.add(entries));
    // Saved before showing, not batched: a crash in between cannot repeat an alert, and the centre already lists it.
    this.saveNow();
    if (digest) this.showDigest(loud);
    else for (const alert of loud) this.showOne(alert);
    if (loud.length > 0) this.lastNoticeAt = now;
    const replan = [...new Set(due.filter((a) => a.incidentId !== null && (a.category === 'sla' || a.category === 'reminder')).map((a) => a.incidentId!))];
    if (replan.length > 0) this.onIncidentsChanged(replan).catch((error: unknown) => this.options.onError?.(error));
  }

  /** The alerts held back during the gap, as one notice (or the alert itself when only one waited). */
  private showHeld(now: number): void {
    const held = this.held;
    this.held = [];
    if (held.length === 0) return;
    if (held.length === 1) this.showOne(held[0]!);
    else this.showDigest(held);
    this.lastNoticeAt = now;
  }

  private showOne(alert: Alert): void {
    const handle = this.options.notifier.show({ title: alert.title, body: alert.body, incidentId: alert.incidentId, urgency: alert.urgency });
    handle?.onClick(() => {
      this.markRead([alert.key]);
      this.options.openIncident(alert.incidentId);
    });
  }

  private showDigest(alerts: readonly Alert[]): void {
    const notice = digestNotice(alerts);
    this.options.notifier.show(notice)?.onClick(() => this.options.openIncident(notice.incidentId));
  }

  private snapshot(): SchedulerState {
    return { scheduled: this.pending(), shownKeys: this.shown.list(), centre: this.centre.list() };
  }

  /** Hands the changes since the last save to the store (in order after earlier saves); nothing when none. */
  private saveNow(): void {
    this.saveDueAt = null;
    if (this.changes.empty) return;
    const changes = this.changes.take();
    this.saving = this.saving
      .then(() => this.options.store.save(changes, () => this.snapshot()))
      .catch((error: unknown) => this.options.onError?.(error));
  }
}
