// SecretStore with a fake safeStorage and in-memory persistence: status, round trips, refusals, one access at a time.
import { describe, expect, it, vi } from 'vitest';
import { SECRET_STORE_MESSAGES, SecretStore, SecretStoreError, type SafeStorageLike, type SecretPersistence } from '../../../../../main/services/secrets/secret-store';
import { invokeContract } from '../../../../../shared/ipc/contract';

/** Reversible "encryption" that is visibly not plain text. */
function fakeSafeStorage(options: { available?: boolean; backend?: string } = {}): SafeStorageLike {
  const storage: SafeStorageLike = {
    isEncryptionAvailable: () => options.available ?? true,
    encryptString: (plain) => Buffer.from(`enc:${Buffer.from(plain, 'utf8').toString('hex')}`, 'utf8'),
    decryptString: (encrypted) => {
      const text = encrypted.toString('utf8');
      if (!text.startsWith('enc:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(text.slice(4), 'hex').toString('utf8');
    },
  };
  if (options.backend !== undefined) storage.getSelectedStorageBackend = () => options.backend as string;
  return storage;
}

function memoryPersistence(
  initial: string | null = null,
): SecretPersistence & { contents: string | null; write: ReturnType<typeof vi.fn>; aside: Map<string, string>; moveAside: ReturnType<typeof vi.fn> } {
  const persistence = {
    contents: initial,
    read: async () => persistence.contents,
    write: vi.fn(async (contents: string) => {
      persistence.contents = contents;
    }),
    aside: new Map<string, string>(),
    moveAside: vi.fn(async (suffix: string) => {
      if (persistence.contents === null) return;
      persistence.aside.set(suffix, persistence.contents);
      persistence.contents = null;
    }),
  };
  return persistence;
}

const store = (safeStorage: SafeStorageLike, persistence: SecretPersistence = memoryPersistence(), platform = 'linux') =>
  new SecretStore({ safeStorage, persistence, platform });

describe('status', () => {
  it('flags the Linux basic_text fallback', () => {
    const status = store(fakeSafeStorage({ backend: 'basic_text' })).status();
    expect(status).toEqual({ available: true, backend: 'basic_text', plainTextFallback: true });
    expect(invokeContract['secrets:status'].output.safeParse(status).success).toBe(true);
  });

  it('reports a real Linux keyring as safe', () => {
    expect(store(fakeSafeStorage({ backend: 'gnome_libsecret' })).status()).toEqual({
      available: true,
      backend: 'gnome_libsecret',
      plainTextFallback: false,
    });
  });

  it('names the backend on macOS and Windows, where Electron does not report one', () => {
    expect(store(fakeSafeStorage(), memoryPersistence(), 'darwin').status().backend).toBe('keychain');
    expect(store(fakeSafeStorage(), memoryPersistence(), 'win32').status().backend).toBe('dpapi');
    expect(store(fakeSafeStorage(), memoryPersistence(), 'freebsd').status().backend).toBe('unknown');
  });

  it('reports unavailability', () => {
    expect(store(fakeSafeStorage({ available: false, backend: 'unknown' })).status()).toMatchObject({ available: false, plainTextFallback: false });
  });
});

describe('get / set / delete', () => {
  it('round-trips a secret without writing it in clear', async () => {
    const persistence = memoryPersistence();
    const secrets = store(fakeSafeStorage({ backend: 'kwallet6' }), persistence);
    await secrets.set('device-token', 'tok_ABC123');
    expect(persistence.contents).not.toContain('tok_ABC123');
    await expect(secrets.get('device-token')).resolves.toBe('tok_ABC123');
    await expect(secrets.get('other')).resolves.toBeNull();
    await secrets.delete('device-token');
    await expect(secrets.get('device-token')).resolves.toBeNull();
  });

  it('keeps other entries when one changes', async () => {
    const secrets = store(fakeSafeStorage());
    await secrets.set('a', '1');
    await secrets.set('b', '2');
    await secrets.set('a', '3');
    await expect(secrets.get('a')).resolves.toBe('3');
    await expect(secrets.get('b')).resolves.toBe('2');
  });

  it('refuses to store anything when encryption is unavailable', async () => {
    const persistence = memoryPersistence();
    const secrets = store(fakeSafeStorage({ available: false }), persistence);
    await expect(secrets.set('device-token', 'tok')).rejects.toBeInstanceOf(SecretStoreError);
    expect(persistence.write).not.toHaveBeenCalled();
  });

  it('treats prototype-ish but valid names as ordinary entries', async () => {
    const secrets = store(fakeSafeStorage());
    await expect(secrets.get('constructor')).resolves.toBeNull();
    await secrets.set('constructor', 'c');
    await secrets.set('hasownproperty', 'h');
    await expect(secrets.get('constructor')).resolves.toBe('c');
    await expect(secrets.get('hasownproperty')).resolves.toBe('h');
    await secrets.delete('constructor');
    await expect(secrets.get('constructor')).resolves.toBeNull();
    expect(typeof ({} as { constructor: unknown }).constructor).toBe('function');
  });

  it.each(['__proto__', 'prototype!', '', 'UPPER', '../x', 'a'.repeat(65), 'with space'])('refuses the name %j', async (name) => {
    const persistence = memoryPersistence();
    const secrets = store(fakeSafeStorage(), persistence);
    await expect(secrets.set(name, 'x')).rejects.toThrow('Invalid secret name.');
    await expect(secrets.get(name)).rejects.toThrow('Invalid secret name.');
    expect(persistence.write).not.toHaveBeenCalled();
  });

  it('two sets at once keep both entries (each reads the file the other wrote)', async () => {
    const persistence = memoryPersistence();
    // A slow disk: a read's answer arrives a little after the file was read, so unqueued read-modify-writes overlap.
    const read = persistence.read.bind(persistence);
    persistence.read = async () => {
      const contents = await read();
      await new Promise((resolve) => setTimeout(resolve, 5));
      return contents;
    };
    const secrets = store(fakeSafeStorage(), persistence);
    await Promise.all([secrets.set('a', '1'), secrets.set('b', '2'), secrets.delete('c'), secrets.set('c', '3')]);
    await expect(Promise.all([secrets.get('a'), secrets.get('b'), secrets.get('c')])).resolves.toEqual(['1', '2', '3']);
  });

  it('a failed write does not block the ones after it', async () => {
    const persistence = memoryPersistence();
    persistence.write.mockRejectedValueOnce(new Error('ENOSPC: no space left on device'));
    const secrets = store(fakeSafeStorage(), persistence);
    const [first, second] = await Promise.allSettled([secrets.set('a', '1'), secrets.set('b', '2')]);
    expect(first.status).toBe('rejected');
    expect(second.status).toBe('fulfilled');
    await expect(secrets.get('b')).resolves.toBe('2');
  });

  it('explains an undecryptable secret (keyring reset)', async () => {
    const persistence = memoryPersistence(JSON.stringify({ version: 1, entries: { 'device-token': Buffer.from('garbage').toString('base64') } }));
    await expect(store(fakeSafeStorage(), persistence).get('device-token')).rejects.toThrow(/could not be decrypted/);
    await expect(store(fakeSafeStorage(), persistence).get('device-token')).rejects.toMatchObject({ kind: 'undecryptable' });
  });

  it('tells a missing keyring apart from an unreadable file', async () => {
    await expect(store(fakeSafeStorage({ available: false })).set('a', 'x')).rejects.toMatchObject({ kind: 'unavailable' });
    await expect(store(fakeSafeStorage(), memoryPersistence('not json')).set('a', 'x')).rejects.toMatchObject({ kind: 'unreadable' });
  });
});

describe('corrupt or hostile files', () => {
  it.each([
    'not json',
    '{}',
    '{"version":2,"entries":{}}',
    '{"version":1,"entries":{"__proto__":"AAAA"}}',
    '{"version":1,"entries":{"a":"not base64!"}}',
    '{"version":1,"entries":{"a":"AAAA"},"extra":true}',
    '[]',
    'null',
  ])('refuses %j with a clear error and changes nothing', async (contents) => {
    const persistence = memoryPersistence(contents);
    const secrets = store(fakeSafeStorage(), persistence);
    await expect(secrets.get('a')).rejects.toThrow(/unreadable/);
    await expect(secrets.set('a', 'x')).rejects.toThrow(/unreadable/);
    await expect(secrets.delete('a')).rejects.toMatchObject({ kind: 'unreadable', message: SECRET_STORE_MESSAGES.unreadable });
    expect(persistence.write).not.toHaveBeenCalled();
    expect(({} as Record<string, unknown>)['a']).toBeUndefined();
  });

  it('says what to do about an unreadable file, in words without internals', () => {
    expect(SECRET_STORE_MESSAGES.unreadable).toMatch(/new enrollment code/);
    expect(SECRET_STORE_MESSAGES.unreadable).not.toMatch(/clear\(\)|reset/);
  });

  it('setAsideIfUnreadable keeps an unreadable file under a dated name and starts afresh', async () => {
    const persistence = memoryPersistence('{"version":1,"entries":{"a":"QUJD');
    const secrets = new SecretStore({ safeStorage: fakeSafeStorage(), persistence, platform: 'linux', now: () => Date.parse('2026-11-27T07:21:41.123Z') });
    await expect(secrets.setAsideIfUnreadable()).resolves.toBe(true);
    expect(persistence.moveAside).toHaveBeenCalledWith('unreadable-2026-11-27T07-21-41-123Z');
    expect(persistence.aside.get('unreadable-2026-11-27T07-21-41-123Z')).toBe('{"version":1,"entries":{"a":"QUJD');
    await secrets.set('a', 'x');
    await expect(secrets.get('a')).resolves.toBe('x');
  });

  it('setAsideIfUnreadable leaves a readable or missing file alone', async () => {
    const persistence = memoryPersistence();
    const secrets = store(fakeSafeStorage(), persistence);
    await expect(secrets.setAsideIfUnreadable()).resolves.toBe(false);
    await secrets.set('a', 'x');
    await expect(secrets.setAsideIfUnreadable()).resolves.toBe(false);
    expect(persistence.moveAside).not.toHaveBeenCalled();
    await expect(secrets.get('a')).resolves.toBe('x');
  });

  it('clear() resets a corrupt file', async () => {
    const persistence = memoryPersistence('garbage');
    const secrets = store(fakeSafeStorage(), persistence);
    await secrets.clear();
    await secrets.set('a', 'x');
    await expect(secrets.get('a')).resolves.toBe('x');
  });
});
