// The sync service hosted by main: HQ connection and token, the engine + scheduler, triggers, status for the page.
import { checkHqUrl } from '../../../shared/ipc/schemas/hq-url';
import type { SyncConnectInput, SyncConnectionInfo, SyncConnectResult, SyncFetchFileResult, SyncNowResult } from '../../../shared/ipc/schemas/sync';
import type { BackoffPolicy } from '../../../shared/sync/engine/backoff';
import { createFetchTransport, TRANSPORT_CANCELLED_MESSAGE, type CancelSignalLike, type FetchLike, type TimerApi } from '../../../shared/sync/engine/fetch-transport';
import { uploadPendingFiles, type FileSource } from '../../../shared/sync/engine/file-upload';
import type { LocalReplica } from '../../../shared/sync/engine/replica';
import { withSentMarks } from '../../../shared/sync/engine/sent-marks';
import { SyncEngine } from '../../../shared/sync/engine/sync-engine';
import { SyncError } from '../../../shared/sync/engine/sync-error';
import { syncThenUploadFiles } from '../../../shared/sync/engine/sync-run';
import { SyncScheduler } from '../../../shared/sync/engine/sync-scheduler';
import { INITIAL_SYNC_STATUS, type SyncStatus } from '../../../shared/sync/engine/sync-status';
import { isSecretStoreError } from '../secrets/secret-store';
import { CONNECT_MESSAGES, describeConnectError } from './connect-errors';
import { fetchHqFile, HQ_FILE_MESSAGES, type FileFetchLike } from './hq-file-fetch';
import { describeReplicaError } from './replica-error';
import { sameDeviceOnly } from './same-device-replica';
import type { OnlineSignal, PowerSignal, TokenStore } from './signals';
import type { SyncSettings, SyncSettingsStore } from './sync-settings';

/** The SecretStore entry holding the device token. */
export const DEVICE_TOKEN_SECRET = 'sync-device-token';

export const SYNC_SERVICE_MESSAGES = {
  notConnected: 'This device is not connected to HQ yet. Connect it in Settings → Sync with the HQ address and an enrollment code.',
  tokenLost: 'Lantern can no longer read this device’s HQ key (the system keyring was reset or changed). Your data stays on this device; connect again with a new enrollment code.',
  keyFileUnreadable:
    'Lantern cannot read the file where it keeps this device’s HQ key (secrets.json is damaged or from another version of Lantern). Your data stays on this device; connect again with a new enrollment code in Settings → Sync.',
  keyNotDeleted:
    'This device is disconnected from HQ, but Lantern could not delete its HQ key from this computer (the disk may be full or read-only). The key stays encrypted; connecting again replaces it.',
  busy: 'Lantern is already connecting this device; wait for it to finish.',
  badCode: 'The enrollment code looks incomplete. Type it exactly as your administrator gave it (for example K7QM-2X9P-HT4C-M8WB).',
  badName: 'Give this device a name (1 to 120 characters) so the administrator can recognise it.',
  pageNotReady: 'Lantern’s window is still opening its local database; sync starts as soon as it is ready.',
  plainText: 'This computer has no system keyring, so the device key is stored only obfuscated, not encrypted. Anyone with access to your user files could copy it. Ask your administrator about setting up a keyring.',
} as const;

export interface SyncServiceOptions<Signal> {
  /** HTTP to HQ (Electron's net.fetch in the app). */
  readonly fetch: FetchLike<Signal>;
  /** HTTP for downloading a file from HQ (Electron's net.fetch too), read as a stream so it can stop at the size limit. */
  readonly fetchFile: FileFetchLike;
  readonly createAbortController?: () => { signal: Signal; abort(): void };
  readonly secrets: TokenStore;
  readonly settings: Pick<SyncSettingsStore, 'load' | 'save' | 'clear'>;
  readonly replica: LocalReplica;
  /** The attachments (in the app: the same RemoteReplica); uploaded to HQ after the operations of every successful run. */
  readonly files: FileSource;
  readonly timers: TimerApi;
  readonly now: () => number;
  readonly random: () => number;
  readonly online: OnlineSignal;
  readonly power?: PowerSignal;
  readonly onStatus: (status: SyncStatus) => void;
  /** Whether the replica can be reached (the page's responder attached); automatic syncs wait for it. */
  readonly replicaReady?: () => boolean;
  readonly intervalMs?: number;
  /** After the page saves a change, how long to wait for more saves before syncing (the scheduler's default: 3 s). */
  readonly changeDelayMs?: number;
  readonly backoff?: BackoffPolicy;
  readonly requestTimeoutMs?: number;
  readonly warn?: (message: string) => void;
}

export class SyncService<Signal = unknown> {
  private connection: SyncSettings | null = null;
  private scheduler: SyncScheduler | null = null;
  private schedulerStarted = false;
  private unsubscribeScheduler: () => void = () => undefined;
  private readonly cleanups: (() => void)[] = [];
  /** Calls off the current scheduler's requests (its transport's cancel signal). */
  private cancelRuns: () => void = () => undefined;
  /** What a file download from HQ needs while the connection is usable; null when not connected or the token is lost. */
  private fileAccess: { hqUrl: string; token: string; deviceId: string; cancel: AbortSignal } | null = null;
  /** Resolves once every replaced scheduler's run has ended: the next run waits for it, so one run uses the replica at a time. */
  private retired: Promise<void> = Promise.resolve();
  /** Why the saved connection has no usable token (shown by status and syncNow). */
  private tokenProblem: string = SYNC_SERVICE_MESSAGES.tokenLost;
  private started = false;
  private connecting = false;
  private current: SyncStatus = INITIAL_SYNC_STATUS;

  constructor(private readonly options: SyncServiceOptions<Signal>) {}

  /** Loads the saved connection and token, listens to connectivity and power, and syncs when the replica is ready. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const { online, power } = this.options;
    this.cleanups.push(online.subscribe((isOnline) => this.scheduler?.setOnline(isOnline)));
    if (power) this.cleanups.push(power.onResume(() => this.scheduler?.request('resume')));
    let settings: SyncSettings | null = null;
    try {
      settings = await this.options.settings.load();
    } catch {
      this.options.warn?.('Lantern sync: the sync settings could not be read.');
    }
    if (!settings) return;
    this.connection = settings;
    const token = await this.readToken();
    if (token === null) {
      this.setStatus({ ...INITIAL_SYNC_STATUS, state: 'failing', lastError: { kind: 'unauthorized', message: this.tokenProblem } });
      return;
    }
    this.useConnection(settings, token);
  }

  /** Stops timers and listeners; a run in progress is called off (whenIdle resolves once it has ended). */
  stop(): void {
    this.started = false;
    this.dropScheduler();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }

  status(): SyncStatus {
    return this.current;
  }

  connectionInfo(): SyncConnectionInfo | null {
    const c = this.connection;
    return c ? { hqUrl: c.hqUrl, deviceName: c.deviceName, connectedAt: c.connectedAt } : null;
  }

  /** Enrolls with a one-time code, keeps the token in the SecretStore, saves the settings, then syncs. */
  async connect(input: SyncConnectInput): Promise<SyncConnectResult> {
    const url = checkHqUrl(input.hqUrl);
    if (!url.ok) return { ok: false, message: url.message };
    const code = input.enrollmentCode.trim();
    if (code.length < 8 || code.length > 64) return { ok: false, message: SYNC_SERVICE_MESSAGES.badCode };
    const deviceName = input.deviceName.trim();
    if (deviceName.length === 0 || deviceName.length > 120) return { ok: false, message: SYNC_SERVICE_MESSAGES.badName };
    if (this.connecting) return { ok: false, message: SYNC_SERVICE_MESSAGES.busy };
    this.connecting = true;
    try {
      const transport = this.transport(url.url, null, input.deviceId);
      // A device connected already (or cut off by HQ) keeps that connection when this one fails; the message says so.
      const target = { hqUrl: url.url, deviceId: input.deviceId, hasConnection: this.connection !== null };
      let answer;
      try {
        answer = await transport.enroll({ code, deviceId: input.deviceId, deviceName });
      } catch (error) {
        return { ok: false, message: describeConnectError(error, target) };
      }
      if (answer.deviceId !== input.deviceId) return { ok: false, message: CONNECT_MESSAGES.wrongDevice };
      const settings: SyncSettings = { hqUrl: url.url, deviceName, deviceId: input.deviceId, hqId: answer.hqId, connectedAt: this.options.now() };
      // A device connected already keeps its working token if the new connection cannot be stored completely:
      // the message says nothing changed, and that must stay true after a restart too.
      const previousToken = this.connection ? await this.options.secrets.get(DEVICE_TOKEN_SECRET).catch(() => null) : null;
      try {
        // The person has a new code, so an unreadable key file (which held nothing usable) is replaced, and kept aside.
        if (await this.options.secrets.setAsideIfUnreadable()) this.options.warn?.('Lantern sync: the unreadable secrets file was set aside.');
        await this.options.secrets.set(DEVICE_TOKEN_SECRET, answer.deviceToken);
        await this.options.settings.save(settings);
      } catch (error) {
        const restore = previousToken === null ? this.options.secrets.delete(DEVICE_TOKEN_SECRET) : this.options.secrets.set(DEVICE_TOKEN_SECRET, previousToken);
        await restore.catch(() => undefined);
        return { ok: false, message: describeConnectError(error, target) };
      }
      this.connection = settings;
      this.useConnection(settings, answer.deviceToken);
      const plainText = this.options.secrets.status().plainTextFallback;
      if (plainText) this.options.warn?.('Lantern sync: the device token is stored with the basic_text fallback (no keyring).');
      return { ok: true, connection: this.connectionInfo() ?? settings, ...(plainText ? { warning: SYNC_SERVICE_MESSAGES.plainText } : {}) };
    } finally {
      this.connecting = false;
    }
  }

  /**
   * Forgets the token and the HQ link and stops syncing. Local data (incidents, outbox) stays untouched.
   * Resolves once the run in progress (called off) has ended, so nothing more goes to HQ after that.
   */
  async disconnect(): Promise<void> {
    this.dropScheduler();
    this.connection = null;
    this.setStatus(INITIAL_SYNC_STATUS);
    await this.retired;
    try {
      await this.forgetToken();
    } finally {
      // The HQ link goes even when the key could not be deleted: a half-disconnected device would keep trying.
      await this.options.settings.clear();
    }
  }

  /** A person asked: sync now, or right after the run in progress. Also lifts a revoked/outdated block to try again. */
  syncNow(): SyncNowResult {
    if (!this.scheduler) return { started: false, message: this.connection ? this.tokenProblem : SYNC_SERVICE_MESSAGES.notConnected };
    if (this.schedulerStarted) this.scheduler.request('demand');
    else this.startSchedulerIfReady();
    return this.schedulerStarted ? { started: true } : { started: false, message: SYNC_SERVICE_MESSAGES.pageNotReady };
  }

  /**
   * The bytes of the file HQ holds under `sha256` (attached on another device), with this device's token. Never rejects:
   * not connected, revoked, HQ unreachable or not holding the file come back as a message. A disconnect stops it.
   */
  fetchFile(sha256: string): Promise<SyncFetchFileResult> {
    const access = this.fileAccess;
    if (!access) return Promise.resolve({ ok: false, message: this.connection ? this.tokenProblem : HQ_FILE_MESSAGES.notConnected });
    return fetchHqFile({ ...access, sha256, fetch: this.options.fetchFile, timers: this.options.timers });
  }

  /**
   * The page saved a change (sync:local-change): sync a few seconds later, once its saves pause. Before the scheduler
   * has started (no connection, page not attached yet) there is nothing to do: its first run sends everything.
   */
  noteLocalChange(): void {
    if (this.schedulerStarted) this.scheduler?.noteLocalChange();
  }

  /** The page's replica responder (re)attached: start, or sync soon to catch up with what waited for it. */
  replicaAvailable(): void {
    if (!this.scheduler) return;
    if (!this.schedulerStarted) this.startSchedulerIfReady();
    else this.scheduler.request('resume');
  }

  /** Resolves when no run is in progress, including one of a connection replaced or dropped (shutdown, tests). */
  async whenIdle(): Promise<void> {
    await this.retired;
    await this.scheduler?.whenIdle();
  }

  private useConnection(settings: SyncSettings, token: string): void {
    this.dropScheduler();
    const { options } = this;
    const replica = sameDeviceOnly(options.replica, settings.deviceId);
    // Node's AbortController: this service always runs in main, whatever signal type the host's fetch takes.
    const cancel = new AbortController();
    this.cancelRuns = () => cancel.abort();
    this.fileAccess = { hqUrl: settings.hqUrl, token, deviceId: settings.deviceId, cancel: cancel.signal };
    const transport = this.transport(settings.hqUrl, token, settings.deviceId, cancel.signal);
    // The engine's pushes mark their batch "sent" in the page's database while they travel (the incident badge).
    const pushing = withSentMarks(transport, replica, (message, error) => options.warn?.(`${message} (${error instanceof Error ? error.message : String(error)}).`));
    const engine = new SyncEngine({ transport: pushing, replica, now: options.now });
    const scheduler = new SyncScheduler({
      run: async (onProgress) => {
        // The run of a connection just replaced may still be ending (called off): only one run uses the replica.
        await this.retired;
        if (cancel.signal.aborted) throw new SyncError('offline', TRANSPORT_CANCELLED_MESSAGE);
        // A failed upload fails the run: the scheduler shows the reason and retries with backoff, resuming at HQ's offset.
        return syncThenUploadFiles({
          syncOnce: (runOptions) => engine.syncOnce(runOptions),
          uploadFiles: () => uploadPendingFiles({ source: options.files, transport, onProgress }),
          onProgress,
          ...(options.warn ? { warn: options.warn } : {}),
        });
      },
      timers: options.timers,
      now: options.now,
      random: options.random,
      describeLocalError: describeReplicaError,
      ...(options.intervalMs !== undefined ? { intervalMs: options.intervalMs } : {}),
      ...(options.changeDelayMs !== undefined ? { changeDelayMs: options.changeDelayMs } : {}),
      ...(options.backoff !== undefined ? { backoff: options.backoff } : {}),
    });
    this.unsubscribeScheduler = scheduler.subscribe((status) => this.setStatus(status));
    scheduler.setOnline(options.online.isOnline());
    this.scheduler = scheduler;
    this.setStatus(scheduler.getStatus());
    this.startSchedulerIfReady();
  }

  private startSchedulerIfReady(): void {
    if (!this.started || !this.scheduler || this.schedulerStarted) return;
    if (!(this.options.replicaReady?.() ?? true)) return;
    this.schedulerStarted = true;
    this.scheduler.start();
  }

  /** Stops the scheduler and calls off its run in progress; `retired` resolves when that run has ended. */
  private dropScheduler(): void {
    this.unsubscribeScheduler();
    this.unsubscribeScheduler = () => undefined;
    const old = this.scheduler;
    old?.stop();
    this.cancelRuns();
    this.cancelRuns = () => undefined;
    this.fileAccess = null;
    if (old) this.retired = Promise.all([this.retired, old.whenIdle()]).then(() => undefined);
    this.scheduler = null;
    this.schedulerStarted = false;
  }

  /** Deletes the token; an unreadable key file holds nothing usable, so it is set aside (kept for support) instead. */
  private async forgetToken(): Promise<void> {
    try {
      await this.options.secrets.delete(DEVICE_TOKEN_SECRET);
    } catch (error) {
      try {
        if (isSecretStoreError(error, 'unreadable') && (await this.options.secrets.setAsideIfUnreadable())) return;
      } catch {
        // Reported below, in words for the person.
      }
      this.options.warn?.(`Lantern sync: the device token could not be deleted (${error instanceof Error ? error.message : String(error)}).`);
      throw new Error(SYNC_SERVICE_MESSAGES.keyNotDeleted);
    }
  }

  private transport(baseUrl: string, token: string | null, deviceId: string, cancel?: CancelSignalLike) {
    const { options } = this;
    return createFetchTransport<Signal>({
      baseUrl,
      token,
      deviceId,
      ...(cancel ? { cancel } : {}),
      fetch: options.fetch,
      timers: options.timers,
      now: options.now,
      ...(options.createAbortController ? { createAbortController: options.createAbortController } : {}),
      ...(options.requestTimeoutMs !== undefined ? { timeoutMs: options.requestTimeoutMs } : {}),
    });
  }

  private async readToken(): Promise<string | null> {
    this.tokenProblem = SYNC_SERVICE_MESSAGES.tokenLost;
    try {
      return await this.options.secrets.get(DEVICE_TOKEN_SECRET);
    } catch (error) {
      // A damaged file and a reset keyring are fixed the same way (a new code), but the person is told the true cause.
      const unreadable = isSecretStoreError(error, 'unreadable');
      this.tokenProblem = unreadable ? SYNC_SERVICE_MESSAGES.keyFileUnreadable : SYNC_SERVICE_MESSAGES.tokenLost;
      this.options.warn?.(unreadable ? 'Lantern sync: the secrets file is unreadable.' : 'Lantern sync: the device token could not be decrypted.');
      return null;
    }
  }

  private setStatus(status: SyncStatus): void {
    this.current = status;
    try {
      this.options.onStatus(status);
    } catch {
      // A closed window must not stop the service.
    }
  }
}
