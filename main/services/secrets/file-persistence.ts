// Keeps the secret store's blob in one file, written atomically and readable by the user only.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SecretPersistence } from './secret-store';

export function fileSecretPersistence(filePath: string): SecretPersistence {
  return {
    async read() {
      try {
        return await readFile(filePath, 'utf8');
      } catch (error) {
        if ((error as { code?: unknown }).code === 'ENOENT') return null;
        throw error;
      }
    },
    async write(contents) {
      await mkdir(dirname(filePath), { recursive: true });
      // Write then rename, so a crash mid-write leaves the previous file rather than half a file.
      const temporary = `${filePath}.${process.pid}.tmp`;
      await writeFile(temporary, contents, { encoding: 'utf8', mode: 0o600 });
      await rename(temporary, filePath);
    },
  };
}
