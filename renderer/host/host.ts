// The Host API: everything the UI needs from its surroundings, so the same UI runs in Electron and in a browser.
import type { SecretsStatus } from '../../shared/ipc/schemas/secrets';
import type { SyncStatus } from '../../shared/sync/engine';
import type { HostNotifications } from './host-notifications';

export type { HostNotifications } from './host-notifications';

export type HostKind = 'electron' | 'browser';

export interface HostAppInfo {
  name: string;
  version: string;
  platform: string;
}

/** This device's link to HQ, as remembered after a successful enrollment (the token itself is never exposed). */
export interface SyncConnection {
  hqUrl: string;
  deviceName: string;
  /** ms since 1970. */
  connectedAt: number;
}

export interface ConnectInput {
  hqUrl: string;
  enrollmentCode: string;
  deviceName: string;
}

/** `warning`: connected, but something the person should know (e.g. no keyring: the token is only obfuscated). */
export type ConnectResult = { ok: true; connection: SyncConnection; warning?: string } | { ok: false; message: string };

/**
 * Sync with HQ. In Electron the engine runs in the main process (Electron's net, token in safeStorage)
 * and reaches the local database through the bridge; in browser mode it runs in the page with fetch.
 */
export interface HostSync {
  getStatus(): Promise<SyncStatus>;
  /** Called on every status change (state, progress n of m, errors). Returns an unsubscribe function. */
  onStatus(listener: (status: SyncStatus) => void): () => void;
  getConnection(): Promise<SyncConnection | null>;
  connect(input: ConnectInput): Promise<ConnectResult>;
  /** Forgets the token and stops syncing; local data stays. */
  disconnect(): Promise<void>;
  /** Starts a sync now (or right after the one running). */
  syncNow(): Promise<void>;
}

/** Attachment files kept at HQ: those another device attached, listed here without their bytes. */
export interface HostFiles {
  /**
   * The bytes of the file HQ holds under `sha256` (GET /v1/files/:sha256/content with this device's token).
   * Unchecked: the caller verifies the hash before keeping them. Rejects with an Error whose message is plain words.
   */
  fetchFromHq(sha256: string): Promise<Blob>;
}

export interface Host {
  readonly kind: HostKind;
  appInfo(): Promise<HostAppInfo>;
  /** Opens an http(s) link in the system browser; anything else is refused. Resolves to whether it opened. */
  openExternal(url: string): Promise<boolean>;
  /** Main (or a notification) asks the UI to show an incident. Returns an unsubscribe function. */
  onNavigate(listener: (incidentId: string) => void): () => void;
  /** Sync with HQ (Electron: the main-process service; browser: the engine in the page). */
  readonly sync: HostSync;
  /** SLA alerts, reminders and the notification centre (Electron: the main-process service; browser: the same scheduler in the page). */
  readonly notifications: HostNotifications;
  /**
   * Fetching attachment files from HQ: browser mode with the page's token, Electron through main (sync:fetch-file),
   * where the token stays. Absent: the UI says where the file is and offers no download.
   */
  readonly files?: HostFiles;
  /**
   * Electron only: how main stores the device key (secrets:status). Without a system keyring (Linux `basic_text`) it is
   * only obfuscated, and Settings → Sync keeps saying so. Absent in browser mode, which has its own storage warning.
   */
  secretsStatus?(): Promise<SecretsStatus>;
}
