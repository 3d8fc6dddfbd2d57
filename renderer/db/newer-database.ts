// Refuses to work on a database a newer Lantern upgraded: this version would read its rows with older meaning and write rows the newer one does not expect.
import type { Dexie } from 'dexie';

export const NEWER_DATABASE_MESSAGE =
  'This computer’s Lantern data was last used by a newer version of Lantern. To protect it, this older version does not open it. ' +
  'Install the newer version again (or ask your administrator for it); nothing was changed.';

/** Named so the start screen shows the message as it is. */
export class NewerDatabaseError extends Error {
  override readonly name = 'NewerDatabaseError';
}

/**
 * Dexie 4 opens a database whose stored version is above every version this code declares (so tabs of two app
 * versions can coexist); for a desktop app after a downgrade that means old code on new data. IndexedDB stores
 * Dexie's version × 10.
 */
export function guardAgainstNewerDatabase(db: Dexie, latestVersion: number): void {
  db.on(
    'ready',
    (ready) => {
      const stored = (ready as Dexie).backendDB()?.version ?? 0;
      if (stored > latestVersion * 10) {
        ready.close();
        throw new NewerDatabaseError(NEWER_DATABASE_MESSAGE);
      }
    },
    true,
  );
}

/** The refusal inside whatever Dexie wrapped it in (OpenFailedError keeps it as `inner`), or null. */
export function newerDatabaseErrorOf(error: unknown): NewerDatabaseError | null {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    if (current.name === 'NewerDatabaseError') return current as NewerDatabaseError;
    current = (current as { inner?: unknown }).inner ?? current.cause;
  }
  return null;
}
