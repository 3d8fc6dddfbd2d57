// Storage health: quota errors in every shape Chromium/Dexie produce map to one clear message; persistence requests.
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import {
  describeStorageError,
  estimateStorage,
  requestPersistentStorage,
  STORAGE_ERROR_MESSAGE,
  STORAGE_FULL_MESSAGE,
} from '../../../../renderer/db';

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
const full = { code: 'storage-full', message: STORAGE_FULL_MESSAGE };
const other = { code: 'storage-error', message: STORAGE_ERROR_MESSAGE };

describe('describeStorageError', () => {
  it.each<[string, unknown]>([
    ['Dexie.AbortError with a QuotaExceededError inner (Chromium commit failure)', new Dexie.AbortError('Transaction aborted', quota())],
    ['Dexie.QuotaExceededError', new Dexie.QuotaExceededError('Quota exceeded')],
    ['a DOMException named QuotaExceededError', quota()],
    ['an error wrapping one twice', new Dexie.AbortError('outer', new Dexie.AbortError('inner', quota()))],
    ['a BulkError with a quota failure', new Dexie.BulkError('1 of 2 failed', { 1: quota() })],
    ['an Error with a quota cause', new Error('write failed', { cause: quota() })],
    ["Firefox's legacy name", Object.assign(new Error('quota'), { name: 'NS_ERROR_DOM_QUOTA_REACHED' })],
  ])('%s → storage-full', (_label, error) => {
    expect(describeStorageError(error)).toEqual(full);
  });

  it.each<[string, unknown]>([
    ['Dexie.AbortError without a quota cause', new Dexie.AbortError('Transaction aborted', new DOMException('x', 'AbortError'))],
    ['Dexie.UnknownError', new Dexie.UnknownError('Internal error')],
    ['a DOMException of another kind', new DOMException('x', 'InvalidStateError')],
    ['a plain Error', new Error('boom')],
    ['a string', 'QuotaExceededError'],
    ['null', null],
    ['undefined', undefined],
  ])('%s → storage-error', (_label, error) => {
    expect(describeStorageError(error)).toEqual(other);
  });

  it('does not loop on a self-wrapping error', () => {
    const loop: { name: string; inner?: unknown } = { name: 'AbortError' };
    loop.inner = loop;
    expect(describeStorageError(loop)).toEqual(other);
  });

  it('says nothing was saved and what to do', () => {
    expect(STORAGE_FULL_MESSAGE).toBe(
      "Lantern could not save because this computer's storage is full. Nothing was saved. Free some disk space (or remove large attachments), then try again.",
    );
  });
});

describe('requestPersistentStorage', () => {
  it('is granted without asking again when already persisted', async () => {
    let asked = 0;
    const storage = { persisted: async () => true, persist: async () => (asked++, true) };
    expect(await requestPersistentStorage(storage)).toBe('granted');
    expect(asked).toBe(0);
  });

  it('asks and reports the answer', async () => {
    expect(await requestPersistentStorage({ persisted: async () => false, persist: async () => true })).toBe('granted');
    expect(await requestPersistentStorage({ persisted: async () => false, persist: async () => false })).toBe('denied');
  });

  it('is unsupported without the API, and denied when the browser rejects the request', async () => {
    expect(await requestPersistentStorage(undefined)).toBe('unsupported');
    expect(await requestPersistentStorage({})).toBe('unsupported');
    expect(await requestPersistentStorage({ persist: () => Promise.reject(new Error('not allowed')) })).toBe('denied');
  });
});

describe('estimateStorage', () => {
  it('reports usage and quota in bytes, or null when unknown', async () => {
    expect(await estimateStorage({ estimate: async () => ({ usage: 1024, quota: 4096 }) })).toEqual({ usageBytes: 1024, quotaBytes: 4096 });
    expect(await estimateStorage({ estimate: async () => ({}) })).toBeNull();
    expect(await estimateStorage({ estimate: () => Promise.reject(new Error('no')) })).toBeNull();
    expect(await estimateStorage(undefined)).toBeNull();
  });
});
