// Keeps a small JSON file (secrets, settings) in userData: written atomically, one write at a time, readable by the user only.
import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
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

/** Write, flush, then rename: a crash or power cut mid-write leaves the previous file, never half a file. */
async function writeAtomically(filePath: string, contents: string): Promise<void> {
  await mkdir(dirname(filePath), { recursive: true });
  // A temp name of its own per write, created exclusively ('wx'): no other writer can share or pre-create it.
  const temporary = `${filePath}.${randomUUID()}.tmp`;
  try {
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(contents, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, filePath);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
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
