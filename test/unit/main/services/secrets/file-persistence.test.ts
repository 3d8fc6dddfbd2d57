// fileSecretPersistence on a real temporary folder: missing file, atomic write, owner-only mode.
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileSecretPersistence } from '../../../../../main/services/secrets/file-persistence';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lantern-secrets-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('fileSecretPersistence', () => {
  it('reads null before anything was written', async () => {
    await expect(fileSecretPersistence(join(dir, 'secrets.json')).read()).resolves.toBeNull();
  });

  it('writes, creates folders, leaves no temp file and reads back', async () => {
    const file = join(dir, 'nested', 'secrets.json');
    const persistence = fileSecretPersistence(file);
    await persistence.write('{"version":1}');
    await persistence.write('{"version":1,"entries":{}}');
    await expect(persistence.read()).resolves.toBe('{"version":1,"entries":{}}');
    expect(await readdir(join(dir, 'nested'))).toEqual(['secrets.json']);
  });

  it.skipIf(process.platform === 'win32')('makes the file readable by its owner only', async () => {
    const file = join(dir, 'secrets.json');
    await fileSecretPersistence(file).write('x');
    expect((await stat(file)).mode & 0o077).toBe(0);
  });

  it('passes through errors other than a missing file', async () => {
    await expect(fileSecretPersistence(dir).read()).rejects.toThrow();
  });
});
