// A KeyValueStorage kept as one file per key in a folder: read whole at open, served from memory, written in order off the call.
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { KeyValueStorage } from '../../../shared/notifications/journal-store';
import { writeAtomically } from '../files/write-atomically';

const SUFFIX = '.json';
const TEMP_SUFFIX = '.tmp';

/** File name of a key: encoded so any key is one name inside the folder (no separators; the suffix rules out "." and ".."). */
function fileOf(key: string): string {
  return `${encodeURIComponent(key)}${SUFFIX}`;
}

function keyOf(file: string): string | null {
  if (!file.endsWith(SUFFIX)) return null;
  try {
    return decodeURIComponent(file.slice(0, -SUFFIX.length));
  } catch {
    return null;
  }
}

/**
 * The journal store calls getItem/setItem/removeItem synchronously (as with localStorage). Here every key is read
 * into memory once at open; a change updates memory at once and is queued to disk, where changes land strictly in
 * the order made (the journal relies on it: a new base is on disk before the old entries are removed). The files
 * are readable by the user only, like the other state files in userData.
 */
export class FolderStorage implements KeyValueStorage {
  private readonly items = new Map<string, string>();
  /** Keys whose file differs from memory, oldest change first; a key changed again before its write is written once. */
  private readonly dirty = new Set<string>();
  private queue: Promise<void> = Promise.resolve();
  private failing = false;

  private constructor(
    private readonly dir: string,
    private readonly onProblem: (message: string) => void,
  ) {}

  /** Reads every item of the folder (creating it when missing); leftovers of interrupted writes are removed. */
  static async open(dir: string, onProblem: (message: string) => void = () => undefined): Promise<FolderStorage> {
    const storage = new FolderStorage(dir, onProblem);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    for (const file of await readdir(dir)) {
      if (file.endsWith(TEMP_SUFFIX)) {
        await rm(join(dir, file), { force: true }).catch(() => undefined);
        continue;
      }
      const key = keyOf(file);
      if (key === null) continue;
      try {
        storage.items.set(key, await readFile(join(dir, file), 'utf8'));
      } catch (error) {
        onProblem(`Could not read ${file} in ${dir} (${String(error)}); it is ignored.`);
      }
    }
    return storage;
  }

  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    this.items.set(key, value);
    this.changed(key);
  }

  removeItem(key: string): void {
    if (this.items.delete(key)) this.changed(key);
  }

  /** Whether every change made so far is on disk (after idle(): false when a write failed). */
  get synced(): boolean {
    return this.dirty.size === 0;
  }

  /** Resolves once every change made so far is on disk (or has failed and been reported). */
  idle(): Promise<void> {
    return this.queue;
  }

  private changed(key: string): void {
    this.dirty.add(key);
    this.queue = this.queue.then(() => this.writeDirty());
  }

  /**
   * Brings the files in line with memory, in the order of the changes. A failed write (disk full) stays dirty and is
   * retried with the next change, so a write that failed once is not lost while Lantern runs.
   */
  private async writeDirty(): Promise<void> {
    for (const key of [...this.dirty]) {
      // Taken off before writing: a change made during the write marks it dirty again and is written after.
      this.dirty.delete(key);
      const value = this.items.get(key);
      const path = join(this.dir, fileOf(key));
      try {
        if (value === undefined) await rm(path, { force: true });
        else await writeAtomically(path, value);
      } catch (error) {
        // Back at the front: the order of changes on disk is kept (a new base before the removal of old entries).
        const later = [...this.dirty].filter((other) => other !== key);
        this.dirty.clear();
        for (const other of [key, ...later]) this.dirty.add(other);
        if (!this.failing) this.onProblem(`Could not save the notification state in ${this.dir} (${String(error)}); retrying with the next change.`);
        this.failing = true;
        return;
      }
    }
    this.failing = false;
  }
}
