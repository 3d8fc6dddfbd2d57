// Stores small named secrets (the device token) encrypted with the OS keychain through safeStorage.
import type { SecretsStatus } from '../../../shared/ipc/schemas/secrets';
import { emptySecretEntries, parseSecretFile, SECRET_NAME_PATTERN, serializeSecretFile, type SecretFileEntries } from './secret-file';

/** The parts of Electron's safeStorage used here (getSelectedStorageBackend exists on Linux only). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

/** Where the encrypted blob lives: read returns null when nothing was saved yet. */
export interface SecretPersistence {
  read(): Promise<string | null>;
  write(contents: string): Promise<void>;
  /** Renames the file to `<file>.<suffix>` (nothing happens when there is none), so a new one can start empty. */
  moveAside(suffix: string): Promise<void>;
}

export interface SecretStoreOptions {
  readonly safeStorage: SafeStorageLike;
  readonly persistence: SecretPersistence;
  /** `process.platform`; decides how the backend is named when Electron does not say. */
  readonly platform: string;
  /** Stamps the name of an unreadable file set aside (default Date.now). */
  readonly now?: () => number;
}

/**
 * - unavailable: the OS keyring cannot encrypt (nothing is stored in plain text instead)
 * - unreadable: the file is not a secrets file this version understands (damaged, hand-edited, a newer format)
 * - undecryptable: the file is fine but the keyring cannot decrypt an entry (it was reset or changed)
 */
export type SecretStoreErrorKind = 'unavailable' | 'unreadable' | 'undecryptable' | 'invalid-name';

export class SecretStoreError extends Error {
  override readonly name = 'SecretStoreError';
  constructor(
    readonly kind: SecretStoreErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export function isSecretStoreError(error: unknown, kind?: SecretStoreErrorKind): error is SecretStoreError {
  return error instanceof SecretStoreError && (kind === undefined || error.kind === kind);
}

export const SECRET_STORE_MESSAGES = {
  unavailable: 'Encrypted storage (the system keyring) is not available on this computer, so Lantern stores no keys.',
  unreadable:
    'The file where Lantern keeps this device’s keys (secrets.json) is unreadable: damaged, or written by another version of Lantern. Connect the device to HQ again with a new enrollment code; that replaces the file.',
  invalidName: 'Invalid secret name.',
} as const;

export class SecretStore {
  readonly #safeStorage: SafeStorageLike;
  readonly #persistence: SecretPersistence;
  readonly #platform: string;
  readonly #now: () => number;
  /** Every file access takes its turn: two sets at once would otherwise each write the file without the other's entry. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: SecretStoreOptions) {
    this.#safeStorage = options.safeStorage;
    this.#persistence = options.persistence;
    this.#platform = options.platform;
    this.#now = options.now ?? Date.now;
  }

  /** What `secrets:status` reports. On Linux with no keyring, Chromium falls back to `basic_text`: not real encryption. */
  status(): SecretsStatus {
    const available = this.#safeStorage.isEncryptionAvailable();
    const backend = this.#backendName();
    return { available, backend, plainTextFallback: backend === 'basic_text' };
  }

  async get(name: string): Promise<string | null> {
    assertName(name);
    const entries = await this.#inTurn(() => this.#load());
    const encrypted = entries[name];
    if (encrypted === undefined) return null;
    this.#assertAvailable();
    try {
      return this.#safeStorage.decryptString(Buffer.from(encrypted, 'base64'));
    } catch {
      // Typical after the OS keyring was reset: the ciphertext is now unreadable for good.
      throw new SecretStoreError('undecryptable', `Secret "${name}" could not be decrypted on this machine (the system keyring was reset or changed).`);
    }
  }

  async set(name: string, value: string): Promise<void> {
    assertName(name);
    this.#assertAvailable();
    await this.#inTurn(async () => {
      const entries = await this.#load();
      const encrypted = this.#safeStorage.encryptString(value).toString('base64');
      await this.#persistence.write(serializeSecretFile(Object.assign(emptySecretEntries(), entries, { [name]: encrypted })));
    });
  }

  async delete(name: string): Promise<void> {
    assertName(name);
    await this.#inTurn(async () => {
      const entries = await this.#load();
      if (!(name in entries)) return;
      const rest = Object.assign(emptySecretEntries(), entries);
      delete rest[name];
      await this.#persistence.write(serializeSecretFile(rest));
    });
  }

  /**
   * An unreadable file is renamed to `<file>.unreadable-<time>` (kept for support, never deleted) so that new secrets
   * can be stored; nothing in it could be read anyway. Returns whether it did. A readable file is left alone.
   */
  async setAsideIfUnreadable(): Promise<boolean> {
    return this.#inTurn(async () => {
      const contents = await this.#persistence.read();
      if (contents === null || parseSecretFile(contents) !== null) return false;
      await this.#persistence.moveAside(`unreadable-${new Date(this.#now()).toISOString().replace(/[:.]/g, '-')}`);
      return true;
    });
  }

  /** Forgets every secret, readable or not. */
  async clear(): Promise<void> {
    await this.#inTurn(() => this.#persistence.write(serializeSecretFile(emptySecretEntries())));
  }

  #inTurn<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #backendName(): string {
    const reported = this.#safeStorage.getSelectedStorageBackend?.();
    if (typeof reported === 'string' && reported.length > 0) return reported;
    if (this.#platform === 'darwin') return 'keychain';
    if (this.#platform === 'win32') return 'dpapi';
    return 'unknown';
  }

  #assertAvailable(): void {
    // Never store a secret without encryption: refusing is better than a plain-text token on disk.
    if (!this.#safeStorage.isEncryptionAvailable()) throw new SecretStoreError('unavailable', SECRET_STORE_MESSAGES.unavailable);
  }

  async #load(): Promise<SecretFileEntries> {
    const contents = await this.#persistence.read();
    if (contents === null) return emptySecretEntries();
    const entries = parseSecretFile(contents);
    // Refused rather than overwritten: a newer Lantern's file must survive a downgrade (setAsideIfUnreadable keeps it).
    if (entries === null) throw new SecretStoreError('unreadable', SECRET_STORE_MESSAGES.unreadable);
    return entries;
  }
}

function assertName(name: string): void {
  if (typeof name !== 'string' || !SECRET_NAME_PATTERN.test(name)) throw new SecretStoreError('invalid-name', SECRET_STORE_MESSAGES.invalidName);
}
