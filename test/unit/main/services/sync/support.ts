// Test kit for the sync service: manual timers, fake safeStorage, an enrolling fake HQ (that also serves files) over the engine's fake network.
import { vi } from 'vitest';
import { SecretStore, type SafeStorageLike } from '../../../../../main/services/secrets/secret-store';
import type { FileFetchLike } from '../../../../../main/services/sync/hq-file-fetch';
import type { OnlineSignal, PowerSignal } from '../../../../../main/services/sync/signals';
import { SyncService, type SyncServiceOptions } from '../../../../../main/services/sync/sync-service';
import { SyncSettingsStore } from '../../../../../main/services/sync/sync-settings';
import type { FetchLike, LocalReplica, SyncStatus, TimerApi } from '../../../../../shared/sync/engine';
import { FakeHq } from '../../../shared/sync/support/fake-hq';
import { createFakeFetch, type NetworkFaults } from '../../../shared/sync/support/fake-network';
import { MemoryFileSource } from '../../../shared/sync/support/memory-files';
import { MemoryReplica } from '../../../shared/sync/support/memory-replica';

/** setTimeout/clearTimeout driven by `advance`, on a clock the test owns. */
export class ManualTimers implements TimerApi {
  nowMs = Date.parse('2026-11-26T12:00:00.000Z');
  private nextId = 1;
  readonly pending = new Map<number, { at: number; callback: () => void }>();

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.pending.set(id, { at: this.nowMs + ms, callback });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  /** Moves the clock and fires every timer that falls due, in order. */
  advance(ms: number): void {
    const until = this.nowMs + ms;
    for (;;) {
      const due = [...this.pending.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.pending.delete(due[0]);
      this.nowMs = due[1].at;
      due[1].callback();
    }
    this.nowMs = until;
  }
}

/** Reversible "encryption" that is visibly not plain text. */
export function fakeSafeStorage(backend = 'gnome_libsecret'): SafeStorageLike {
  return {
    isEncryptionAvailable: () => true,
    encryptString: (plain) => Buffer.from(`enc:${Buffer.from(plain, 'utf8').toString('hex')}`, 'utf8'),
    decryptString: (encrypted) => Buffer.from(encrypted.toString('utf8').slice(4), 'hex').toString('utf8'),
    getSelectedStorageBackend: () => backend,
  };
}

export function memoryFile(initial: string | null = null) {
  const file = {
    contents: initial,
    /** What moveAside renamed, by suffix (the real file keeps it as `<file>.<suffix>`). */
    asideFiles: new Map<string, string | null>(),
    read: async () => file.contents,
    write: vi.fn(async (contents: string) => void (file.contents = contents)),
    moveAside: vi.fn(async (suffix: string) => {
      if (file.contents === null) return;
      file.asideFiles.set(suffix, file.contents);
      file.contents = null;
    }),
  };
  return file;
}

export class FakeOnline implements OnlineSignal {
  private readonly listeners = new Set<(online: boolean) => void>();
  constructor(public online = true) {}
  isOnline(): boolean {
    return this.online;
  }
  subscribe(listener: (online: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  set(online: boolean): void {
    this.online = online;
    for (const listener of this.listeners) listener(online);
  }
}

export class FakePower implements PowerSignal {
  private readonly listeners = new Set<() => void>();
  onResume(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  resume(): void {
    for (const listener of this.listeners) listener();
  }
}

export const GOOD_CODE = 'K7QM-2X9P-HT4C-M8WB';
export const HQ_URL = 'https://hq.example.org';

/** The engine's fake network plus a one-time-code /v1/enroll, as the real HQ does it. */
export function enrollingFetch(hq: FakeHq, faults: NetworkFaults, codes: Set<string>, now: () => number): FetchLike<unknown> {
  const network = createFakeFetch(hq, faults);
  return async (url, init) => {
    if (!url.endsWith('/v1/enroll')) return network(url, init);
    if (faults.offline) throw new TypeError('fetch failed: network unreachable');
    const body = JSON.parse(String(init.body)) as { code: string; deviceId: string };
    const answer = (status: number, json: unknown) => ({ status, headers: { get: () => null }, text: async () => JSON.stringify(json) });
    if (!codes.delete(body.code)) return answer(401, { error: 'enrollment-invalid', message: 'Unknown or used code.' });
    return answer(200, { deviceToken: hq.addDevice(body.deviceId), deviceId: body.deviceId, hqId: hq.hqId, epoch: hq.epoch, serverTime: now() });
  };
}

/**
 * GET /v1/files/:sha256/content at the fake HQ: its own checks first (protocol header, token, revoked), then the
 * bytes of `files`, or HQ's 404 for a file it does not hold. Answers are real Responses, so bodies are streams.
 */
export function fileFetchFrom(hq: FakeHq, faults: NetworkFaults, files: Map<string, Uint8Array>): FileFetchLike {
  return async (url, init) => {
    if (faults.offline) throw new TypeError('fetch failed: network unreachable');
    const parsed = new URL(url);
    const headers = Object.fromEntries(Object.entries(init.headers).map(([k, v]) => [k.toLowerCase(), v]));
    const answer = hq.handle({ method: init.method, path: parsed.pathname, query: {}, headers, body: undefined });
    // FakeHq routes only sync requests: its 404 means the request passed every check a file request has too.
    if (answer.status !== 404) return new Response(answer.body, { status: answer.status });
    const sha256 = /^\/v1\/files\/([0-9a-f]{64})\/content$/.exec(parsed.pathname)?.[1];
    const bytes = sha256 !== undefined ? files.get(sha256) : undefined;
    if (!bytes) return new Response(JSON.stringify({ error: 'not-found', message: 'HQ does not have this whole file (yet).' }), { status: 404 });
    return new Response(new Uint8Array(bytes), { status: 200, headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(bytes.byteLength) } });
  };
}

export interface Harness {
  timers: ManualTimers;
  hq: FakeHq;
  faults: NetworkFaults;
  codes: Set<string>;
  replica: MemoryReplica;
  files: MemoryFileSource;
  secrets: SecretStore;
  secretFile: ReturnType<typeof memoryFile>;
  settingsFile: ReturnType<typeof memoryFile>;
  online: FakeOnline;
  power: FakePower;
  statuses: SyncStatus[];
  service: SyncService;
  fetch: ReturnType<typeof vi.fn<FetchLike<unknown>>>;
  /** Files HQ holds, by SHA-256 (served by `fetchFile`). */
  hqFiles: Map<string, Uint8Array>;
  fetchFile: ReturnType<typeof vi.fn<FileFetchLike>>;
}

export function harness(overrides: Partial<SyncServiceOptions<unknown>> & { replica?: LocalReplica; settingsFile?: ReturnType<typeof memoryFile>; secretFile?: ReturnType<typeof memoryFile>; backend?: string } = {}): Harness {
  const timers = new ManualTimers();
  const now = () => timers.nowMs;
  const hq = new FakeHq({ now });
  const faults: NetworkFaults = {};
  const codes = new Set([GOOD_CODE]);
  const replica = new MemoryReplica('dev-a', now);
  const files = new MemoryFileSource();
  const secretFile = overrides.secretFile ?? memoryFile();
  const settingsFile = overrides.settingsFile ?? memoryFile();
  const secrets = new SecretStore({ safeStorage: fakeSafeStorage(overrides.backend), persistence: secretFile, platform: 'linux' });
  const online = new FakeOnline();
  const power = new FakePower();
  const statuses: SyncStatus[] = [];
  const fetch = vi.fn(enrollingFetch(hq, faults, codes, now));
  const hqFiles = new Map<string, Uint8Array>();
  const fetchFile = vi.fn(fileFetchFrom(hq, faults, hqFiles));
  const service = new SyncService({
    fetch,
    fetchFile,
    secrets,
    settings: new SyncSettingsStore(settingsFile),
    replica: overrides.replica ?? replica,
    files,
    timers,
    now,
    random: () => 0.5,
    online,
    power,
    onStatus: (status) => statuses.push(status),
    requestTimeoutMs: 5_000,
    ...overrides,
  });
  return { timers, hq, faults, codes, replica, files, secrets, secretFile, settingsFile, online, power, statuses, service, fetch, hqFiles, fetchFile };
}

export const connectInput = (overrides: Partial<{ hqUrl: string; enrollmentCode: string; deviceName: string; deviceId: string }> = {}) => ({
  hqUrl: HQ_URL,
  enrollmentCode: GOOD_CODE,
  deviceName: 'Laptop 7',
  deviceId: 'dev-a',
  ...overrides,
});
