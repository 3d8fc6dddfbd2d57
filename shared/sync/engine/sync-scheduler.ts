// When to sync: interval, reconnect, resume, soon after a local save, on demand; one run at a time; backoff after failures; the status model.
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import type { TimerApi } from './fetch-transport';
import type { SyncProgress, SyncReport } from './sync-report';
import { isOfflineKind, isSyncError, needsPerson } from './sync-error';
import { INITIAL_SYNC_STATUS, type SyncStatus, type SyncStatusErrorKind } from './sync-status';

/** `change`: a change was saved on this device (noteLocalChange), after the saves paused. */
export type SyncTrigger = 'startup' | 'interval' | 'retry' | 'reconnect' | 'resume' | 'demand' | 'change';

export interface SyncSchedulerOptions {
  /** One sync run, usually `(onProgress) => engine.syncOnce({ onProgress })`. */
  run: (onProgress: (progress: SyncProgress) => void) => Promise<SyncReport>;
  timers: TimerApi;
  now: () => number;
  random: () => number;
  /** Between successful runs (default 5 minutes). */
  intervalMs?: number;
  backoff?: BackoffPolicy;
  /** After a local save, how long to wait for more saves before syncing (default 3 s). */
  changeDelayMs?: number;
  /** Saves that keep coming never hold a change back longer than this after the first (default 30 s). */
  changeMaxDelayMs?: number;
  /** Turns an error that is not a SyncError (the local store failed) into words for the person. */
  describeLocalError?: (error: unknown) => string;
}

const AUTOMATIC: ReadonlySet<SyncTrigger> = new Set(['startup', 'interval', 'retry', 'change']);

export type StatusListener = (status: SyncStatus) => void;

const LOCAL_ERROR_MESSAGE = 'Lantern could not read or write its data on this computer, so the sync stopped. Nothing was lost; free some disk space or restart Lantern.';

/**
 * Pure policy with injected timers and clock: the Electron sync service and the browser host only wire it
 * to their connectivity, power and IPC events.
 */
export class SyncScheduler {
  private status: SyncStatus = INITIAL_SYNC_STATUS;
  private readonly listeners = new Set<StatusListener>();
  private timer: unknown = null;
  /** The debounce after local saves (apart from `timer`, which holds the interval or the retry). */
  private changeTimer: unknown = null;
  /** When the first save the change timer waits for was noted (for changeMaxDelayMs). */
  private firstChangeAt: number | null = null;
  private running: Promise<void> | null = null;
  private followUp: SyncTrigger | null = null;
  private failures = 0;
  private started = false;
  private online = true;
  /** Set after revoked / unauthorized / version refusals: only a person's request tries again. */
  private blocked = false;
  private readonly intervalMs: number;
  private readonly changeDelayMs: number;
  private readonly changeMaxDelayMs: number;

  constructor(private readonly options: SyncSchedulerOptions) {
    this.intervalMs = Math.max(1_000, options.intervalMs ?? 5 * 60_000);
    this.changeDelayMs = Math.max(0, options.changeDelayMs ?? 3_000);
    this.changeMaxDelayMs = Math.max(this.changeDelayMs, options.changeMaxDelayMs ?? 30_000);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.request('startup');
  }

  /** Stops timers; a run in progress finishes, but nothing new starts. */
  stop(): void {
    this.started = false;
    this.followUp = null;
    this.clearTimer();
    this.clearChangeTimer();
    this.update({ nextAttemptAt: null });
  }

  getStatus(): SyncStatus {
    return this.status;
  }

  subscribe(listener: StatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The host's connectivity signal. Going online syncs at once; going offline only changes what is shown. */
  setOnline(online: boolean): void {
    const wasOnline = this.online;
    this.online = online;
    if (online && !wasOnline) this.request('reconnect');
    else if (!online && this.running === null) this.update({ state: 'offline' });
  }

  /**
   * The host saw a change saved on this device (its outbox operation committed): sync once the saves pause for
   * changeDelayMs, so a burst of saves gives one run. A run in progress may have read the outbox before the save, so
   * it is followed by one more. Offline, after a failure (backing off) or while a person has to act, nothing starts
   * early: the reconnect or the planned retry sends the change, and a failing HQ is not hit by every save.
   */
  noteLocalChange(): void {
    if (!this.started) return;
    // "Up to date" would be wrong from now on: the change waits on this device until a run sends it.
    if (this.status.state === 'up-to-date') this.update({ state: 'idle' });
    const now = this.options.now();
    this.firstChangeAt ??= now;
    const delay = Math.max(0, Math.min(this.changeDelayMs, this.firstChangeAt + this.changeMaxDelayMs - now));
    if (this.changeTimer !== null) this.options.timers.clearTimeout(this.changeTimer);
    this.changeTimer = this.options.timers.setTimeout(() => {
      this.changeTimer = null;
      this.firstChangeAt = null;
      this.request('change');
    }, delay);
  }

  /**
   * Asks for a run. During a run, any number of requests schedule exactly one follow-up run.
   * Automatic triggers wait while offline or while a person has to act; 'demand' always tries.
   */
  request(trigger: SyncTrigger): void {
    if (!this.started) return;
    if (trigger === 'demand') {
      // A person asked: maybe they fixed the cause (new enrollment, updated app); try now, fresh backoff.
      this.blocked = false;
      this.failures = 0;
    }
    if (this.running) {
      if (this.followUp === null || trigger === 'demand') this.followUp = trigger;
      return;
    }
    if (!this.allowed(trigger)) return;
    this.clearTimer();
    this.running = this.execute().then((succeeded) => {
      this.running = null;
      const next = this.followUp;
      this.followUp = null;
      // After a failure an automatic follow-up would defeat the backoff; a person's or the host's request still runs.
      if (next !== null && (succeeded || !AUTOMATIC.has(next))) this.request(next);
    });
  }

  /** Resolves when no run is in progress (for shutdown and tests). */
  async whenIdle(): Promise<void> {
    while (this.running) await this.running;
  }

  private allowed(trigger: SyncTrigger): boolean {
    if (trigger === 'demand') return true;
    if (this.blocked) return false;
    // Backing off after a failure: the retry already planned sends the change, not a run per save.
    if (trigger === 'change' && this.failures > 0) return false;
    return this.online || trigger === 'reconnect' || trigger === 'resume';
  }

  /** Never rejects: every outcome becomes status. Resolves true when the run succeeded. */
  private async execute(): Promise<boolean> {
    // This run reads the outbox after every save noted so far (the host notes a save once it has committed).
    this.clearChangeTimer();
    this.update({ state: 'syncing', progress: null, nextAttemptAt: null });
    const startedAt = this.options.now();
    try {
      const report = await this.options.run((progress) => this.update({ progress }));
      this.failures = 0;
      const more = !report.pulled.complete;
      this.update({
        state: report.pendingAfter === 0 && !more ? 'up-to-date' : 'idle',
        lastSuccessAt: this.options.now(),
        caughtUpFrom: more ? this.status.caughtUpFrom : startedAt,
        lastError: null,
        progress: null,
        pending: report.pendingAfter,
        clockSkew: report.clockSkew ?? this.status.clockSkew,
        waitingReason: report.pendingAfter > 0 ? report.waitingReason : null,
      });
      // A backlog larger than one run's page budget continues right away.
      if (more && this.followUp === null) this.followUp = 'interval';
      else this.schedule(this.intervalMs, 'interval');
      return true;
    } catch (error) {
      this.failures += 1;
      const kind: SyncStatusErrorKind = isSyncError(error) ? error.kind : 'local-storage';
      const message = isSyncError(error) ? error.message : (this.options.describeLocalError?.(error) ?? LOCAL_ERROR_MESSAGE);
      this.update({ state: kind !== 'local-storage' && isOfflineKind(kind) ? 'offline' : 'failing', lastError: { kind, message }, progress: null });
      if (kind !== 'local-storage' && needsPerson(kind)) {
        this.blocked = true;
        return false;
      }
      let delay = backoffDelay(this.failures, this.options.random, this.options.backoff ?? DEFAULT_BACKOFF);
      const asked = isSyncError(error) ? error.details.retryAfterMs : undefined;
      if (asked !== undefined) delay = Math.max(delay, asked);
      this.schedule(delay, 'retry');
      return false;
    }
  }

  private schedule(delayMs: number, trigger: SyncTrigger): void {
    this.clearTimer();
    if (!this.started) return;
    this.timer = this.options.timers.setTimeout(() => {
      this.timer = null;
      this.request(trigger);
    }, delayMs);
    this.update({ nextAttemptAt: this.options.now() + delayMs });
  }

  private clearTimer(): void {
    if (this.timer !== null) this.options.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private clearChangeTimer(): void {
    if (this.changeTimer !== null) this.options.timers.clearTimeout(this.changeTimer);
    this.changeTimer = null;
    this.firstChangeAt = null;
  }

  private update(patch: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...patch };
    for (const listener of this.listeners) {
      try {
        listener(this.status);
      } catch {
        // A broken listener (a closed window) must not stop the scheduler.
      }
    }
  }
}
