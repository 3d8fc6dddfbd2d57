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
}

export interface SecretStoreOptions {
  readonly safeStorage: SafeStorageLike;
  readonly persistence: SecretPersistence;
  /** `process.platform`; decides how the backend is named when Electron does not say. */
  readonly platform: string;
}

export class SecretStoreError extends Error {
  override readonly name = 'SecretStoreError';
}

export class SecretStore {
  readonly #safeStorage: SafeStorageLike;
  readonly #persistence: SecretPersistence;
  readonly #platform: string;

  constructor(options: SecretStoreOptions) {
    this.#safeStorage = options.safeStorage;
    this.#persistence = options.persistence;
    this.#platform = options.platform;
  }

  /** What `secrets:status` reports. On Linux with no keyring, Chromium falls back to `basic_text`: not real encryption. */
  status(): SecretsStatus {
    const available = this.#safeStorage.isEncryptionAvailable();
    const backend = this.#backendName();
    return { available, backend, plainTextFallback: backend === 'basic_text' };
  }

  async get(name: string): Promise<string | null> {
    assertName(name);
    const entries = await this.#load();
    const encrypted = entries[name];
    if (encrypted === undefined) return null;
    this.#assertAvailable();
    try {
      return this.#safeStorage.decryptString(Buffer.from(encrypted, 'base64'));
    } catch {
      // Typical after the OS keyring was reset: the ciphertext is now unreadable for good.
      throw new SecretStoreError(`Secret "${name}" could not be decrypted on this machine.`);
    }
  }

  async set(name: string, value: string): Promise<void> {
    assertName(name);
    this.#assertAvailable();
    const entries = await this.#load();
    const encrypted = this.#safeStorage.encryptString(value).toString('base64');
    await this.#persistence.write(serializeSecretFile(Object.assign(emptySecretEntries(), entries, { [name]: encrypted })));
  }

  async delete(name: string): Promise<void> {
    assertName(name);
    const entries = await this.#load();
    if (!(name in entries)) return;
    const rest = Object.assign(emptySecretEntries(), entries);
    delete rest[name];
    await this.#persistence.write(serializeSecretFile(rest));
  }

  /** Forgets every secret; the way out when the file is corrupt or the keyring changed. */
  async clear(): Promise<void> {
    await this.#persistence.write(serializeSecretFile(emptySecretEntries()));
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
    if (!this.#safeStorage.isEncryptionAvailable()) {
      throw new SecretStoreError('Encrypted storage is not available on this machine.');
    }
  }

  async #load(): Promise<SecretFileEntries> {
    const contents = await this.#persistence.read();
    if (contents === null) return emptySecretEntries();
    const entries = parseSecretFile(contents);
    if (entries === null) throw new SecretStoreError('The secrets file is unreadable; clear() resets it.');
    return entries;
  }
}

function assertName(name: string): void {
  if (typeof name !== 'string' || !SECRET_NAME_PATTERN.test(name)) throw new SecretStoreError('Invalid secret name.');
}
