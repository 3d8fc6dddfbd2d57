// The scheduler's state in main: a journal (base + changes) in a userData folder, seeded once from the old notifications.json.
import { readFile, rm } from 'node:fs/promises';
import { fileSchedulerStore } from '../../../shared/notifications/file-store';
import { journalSchedulerStore, seedJournal } from '../../../shared/notifications/journal-store';
import type { SchedulerChanges, SchedulerState, SchedulerStore } from '../../../shared/notifications/types';
import { FolderStorage } from './folder-storage';

/** The journal's key: files `notifications.json` (base) and `notifications.<generation>.<n>.json` (changes) in the folder. */
export const NOTIFICATION_STATE_KEY = 'notifications';

export interface FolderSchedulerStoreOptions {
  /** The folder holding the journal (userData/notification-state). */
  readonly dir: string;
  /** The whole-state file of earlier versions (userData/notifications.json): read once as the base, then removed. */
  readonly legacyFile: string;
  readonly onProblem?: (message: string) => void;
}

async function readIfPresent(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Each save appends only what changed (one small file per batch) instead of rewriting the whole state, so showing
 * an alert no longer stringifies and writes every pending alert, shown key and centre entry. Not encrypted (unlike
 * what safeStorage would give): it holds alert texts already stored in clear in the page's database in the same
 * userData, and the files are the user's only (0600); a keyring that is locked or gone must not lose pending alerts.
 */
export function folderSchedulerStore(options: FolderSchedulerStoreOptions): SchedulerStore {
  const onProblem = options.onProblem ?? (() => undefined);
  let storage: FolderStorage | null = null;
  let journal: SchedulerStore | null = null;

  /** Seeds an empty journal from the old file; true when the old file can go (its state is on disk here, or it held none). */
  async function migrate(folder: FolderStorage, text: string): Promise<boolean> {
    const old = await fileSchedulerStore({ read: async () => text, write: async () => undefined }, onProblem).load();
    if (old === null || !seedJournal(folder, NOTIFICATION_STATE_KEY, old)) return true;
    await folder.idle();
    return folder.synced;
  }

  return {
    async load(): Promise<SchedulerState | null> {
      const folder = await FolderStorage.open(options.dir, onProblem);
      storage = folder;
      journal = journalSchedulerStore(folder, NOTIFICATION_STATE_KEY, onProblem);
      let legacy: string | null = null;
      try {
        legacy = await readIfPresent(options.legacyFile);
      } catch (error) {
        onProblem(`Could not read the old notification state ${options.legacyFile} (${String(error)}); it is left in place.`);
      }
      if (legacy !== null) {
        // A journal that already holds state is newer (a crash came after the seed, before the removal): the old file just goes.
        const retire = (await journal.load()) !== null || (await migrate(folder, legacy));
        if (retire) await rm(options.legacyFile, { force: true }).catch((error: unknown) => onProblem(`Could not remove ${options.legacyFile} (${String(error)}).`));
      }
      return journal.load();
    },
    async save(changes: SchedulerChanges, full: () => SchedulerState): Promise<void> {
      if (journal === null || storage === null) throw new Error('The notification state was saved before it was loaded.');
      await journal.save(changes, full);
      // Resolves once on disk, so the scheduler's flush() means stored.
      await storage.idle();
    },
  };
}
