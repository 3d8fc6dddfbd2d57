// Keeps a small JSON file (secrets, settings) in userData: written atomically, one write at a time, readable by the user only.
import { readFile, rename } from 'node:fs/promises';
import { resolve } from 'node:path';
import { writeAtomically } from '../files/write-atomically';
import type { SecretPersistence } from './secret-store';

/**
 * The write in progress per file. Module-wide, so two persistences for one path (and two quick calls of one
 * handler) still take turns: the last write asked for is the one the file keeps.
 */
const queues = new Map<string, Promise<void>>();

function inTurn(key: string, work: () => Promise<void>): Promise<void> {
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous.then(work);
  const settled = run.catch(() => undefined);
  queues.set(key, settled);
  // Forget the queue once it is idle, so the map holds only files being written.
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return run;
}

export function fileSecretPersistence(filePath: string): SecretPersistence {
  const key = resolve(filePath);
  return {
    async read() {
      try {
        return await readFile(filePath, 'utf8');
      } catch (error) {
        if ((error as { code?: unknown }).code === 'ENOENT') return null;
        throw error;
      }
    },
    write: (contents) => inTurn(key, () => writeAtomically(filePath, contents)),
    // Renamed in turn with the writes, so a write asked for earlier lands in the old file, not the new one.
    moveAside: (suffix) =>
      inTurn(key, async () => {
        try {
          await rename(filePath, `${filePath}.${suffix}`);
        } catch (error) {
          if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
        }
      }),
  };
}
