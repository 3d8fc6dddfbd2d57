// Browser storage health: persistent-storage request, usage estimate, and plain-words messages for storage failures.
import { Dexie } from 'dexie';

export type PersistenceResult = 'granted' | 'denied' | 'unsupported';

/** The part of navigator.storage we use; injectable because Node tests and old engines lack it. */
export interface StorageManagerLike {
  persist?: () => Promise<boolean>;
  persisted?: () => Promise<boolean>;
  estimate?: () => Promise<{ usage?: number; quota?: number }>;
}

function browserStorage(): StorageManagerLike | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.storage;
}

/**
 * Asks the browser not to evict Lantern's data under storage pressure. Without it, Chromium may clear
 * a "best-effort" origin's IndexedDB, which for an offline-first app means losing unsynced incidents.
 */
export async function requestPersistentStorage(storage: StorageManagerLike | undefined = browserStorage()): Promise<PersistenceResult> {
  if (!storage || typeof storage.persist !== 'function') return 'unsupported';
  try {
    if (typeof storage.persisted === 'function' && (await storage.persisted())) return 'granted';
    return (await storage.persist()) ? 'granted' : 'denied';
  } catch {
    // Some embedders reject instead of answering; either way we hold no promise of persistence.
    return 'denied';
  }
}

export interface StorageEstimate {
  usageBytes: number;
  quotaBytes: number;
}

/** How much this origin uses and may use, or null where the browser cannot tell. */
export async function estimateStorage(storage: StorageManagerLike | undefined = browserStorage()): Promise<StorageEstimate | null> {
  if (!storage || typeof storage.estimate !== 'function') return null;
  try {
    const { usage, quota } = await storage.estimate();
    if (typeof usage !== 'number' || typeof quota !== 'number') return null;
    return { usageBytes: usage, quotaBytes: quota };
  } catch {
    return null;
  }
}

export interface StorageErrorDescription {
  code: 'storage-full' | 'storage-error';
  message: string;
}

export const STORAGE_FULL_MESSAGE =
  "Lantern could not save because this computer's storage is full. Nothing was saved. " +
  'Free some disk space (or remove large attachments), then try again.';

export const STORAGE_ERROR_MESSAGE =
  "Lantern could not save to this computer's storage. Nothing was saved. " +
  'Try again; if it keeps failing, close other Lantern windows and restart Lantern.';

// Copying comes first: the text now lives only in the form, and the way out (reloading) clears the form. What to do
// after copying depends on why the database went (the banner says it), so no reload is promised here.
export const DATABASE_CLOSED_MESSAGE =
  'Copy what you typed in this form first: Lantern could not save it, and it cannot be kept in this window, because ' +
  "this window's database was closed (Lantern was updated in another window, or its data was removed). Nothing was " +
  'saved. The message at the top of the window says what to do next.';

// Chromium and Safari say QuotaExceededError; older Firefox used NS_ERROR_DOM_QUOTA_REACHED.
const QUOTA_ERROR_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);
const LEGACY_QUOTA_CODE = 22;
const MAX_WRAPPING_DEPTH = 5;

/**
 * True when the error, or anything it wraps, is a quota error. The shapes differ by where the write
 * failed: a failed request gives Dexie.QuotaExceededError; Chromium failing at commit aborts the
 * transaction, which Dexie reports as Dexie.AbortError whose `.inner` is the QuotaExceededError
 * DOMException; bulk writes wrap failures in Dexie.BulkError.failures.
 */
export function isQuotaError(error: unknown, depth = 0): boolean {
  if (depth > MAX_WRAPPING_DEPTH || typeof error !== 'object' || error === null) return false;
  const { name, code, inner, cause, failures } = error as { name?: unknown; code?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
  if (typeof name === 'string' && QUOTA_ERROR_NAMES.has(name)) return true;
  if (code === LEGACY_QUOTA_CODE && typeof DOMException !== 'undefined' && error instanceof DOMException) return true;
  if (isQuotaError(inner, depth + 1) || isQuotaError(cause, depth + 1)) return true;
  const nested: unknown[] = Array.isArray(failures) ? failures : typeof failures === 'object' && failures !== null ? Object.values(failures) : [];
  return nested.some((failure) => isQuotaError(failure, depth + 1));
}

/** True for failures that come from the storage layer (as opposed to bugs in our own code). */
export function isStorageError(error: unknown): boolean {
  return (
    isQuotaError(error) ||
    error instanceof Dexie.DexieError ||
    (typeof DOMException !== 'undefined' && error instanceof DOMException)
  );
}

/**
 * A failed write transaction as the person's message: a full disk (also when Chromium aborts the commit with
 * QuotaExceededError inside an AbortError, seen on the transaction) or other storage trouble; null for anything else.
 */
export function describeWriteFailure(error: unknown, transaction: { idbtrans?: { error?: unknown } | null } | undefined): StorageErrorDescription | null {
  const abortCause: unknown = transaction?.idbtrans?.error;
  if (isQuotaError(abortCause)) return describeStorageError(abortCause);
  return isStorageError(error) ? describeStorageError(error) : null;
}

export function describeStorageError(error: unknown): StorageErrorDescription {
  if (isQuotaError(error)) return { code: 'storage-full', message: STORAGE_FULL_MESSAGE };
  // Closed for good (database-lost.ts) or refused as newer: restarting or freeing disk space would not help.
  if (isClosedDatabaseError(error)) return { code: 'storage-error', message: DATABASE_CLOSED_MESSAGE };
  return { code: 'storage-error', message: STORAGE_ERROR_MESSAGE };
}

function isClosedDatabaseError(error: unknown, depth = 0): boolean {
  if (depth > MAX_WRAPPING_DEPTH || typeof error !== 'object' || error === null) return false;
  const { name, inner } = error as { name?: unknown; inner?: unknown };
  return name === 'DatabaseClosedError' || name === 'NewerDatabaseError' || isClosedDatabaseError(inner, depth + 1);
}
