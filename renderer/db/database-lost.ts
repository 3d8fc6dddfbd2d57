// Another window updated the database, or the browser removed it, while this page had it open: close it for good and say so.
import type { Dexie } from 'dexie';

/** 'updated': a newer Lantern in another window upgraded the schema. 'removed': the database was deleted or closed by the browser. */
export type DatabaseLoss = 'updated' | 'removed';

export const DATABASE_UPDATED_MESSAGE =
  'Lantern was updated in another window, so this window can no longer save. Reload it to go on: everything saved ' +
  'before is there, and so is what was typed in a new incident, a note or an open status, escalation or evidence panel.';

export const DATABASE_REMOVED_MESSAGE =
  "Lantern's data on this computer was removed while this window was open (the browser cleared this site's data or " +
  'reclaimed the space). Nothing more can be saved here. Reload to start again; incidents HQ already has come back ' +
  'once this computer is connected to HQ again.';

/** Fired on window, synchronously, just before the database closes: open forms write their drafts while they still can. */
export const DATABASE_CLOSING_EVENT = 'lantern:database-closing';

const losses = new WeakMap<Dexie, DatabaseLoss>();

/** Why the database was taken away from this page, or null while it is usable. */
export function databaseLossOf(db: Dexie): DatabaseLoss | null {
  return losses.get(db) ?? null;
}

/**
 * Watches for the database being taken away. Dexie's own answer to both is to close and reopen on the next use: after
 * an upgrade elsewhere that reopen is refused (this code is older) and every save failed with a storage message that
 * sent people looking at their disk; after a deletion it silently created an empty database with a new device
 * identity, whose changes HQ then refused as another device's. Here the handle closes for good (every later use fails
 * with Dexie's DatabaseClosedError) and `onLoss` tells the person what happened, once.
 */
export function watchDatabaseLoss(db: Dexie, onLoss: (loss: DatabaseLoss) => void, win: Pick<Window, 'dispatchEvent'> = window): void {
  const lose = (loss: DatabaseLoss) => {
    if (losses.has(db)) return;
    losses.set(db, loss);
    onLoss(loss);
  };
  // Subscribed after Dexie's default handler, so it runs first; returning false keeps Dexie from closing with auto-reopen.
  db.on('versionchange', (event: IDBVersionChangeEvent) => {
    // Drafts are written with a raw transaction issued now; closing waits for it, and so does the other window's upgrade.
    win.dispatchEvent(new Event(DATABASE_CLOSING_EVENT));
    lose(event.newVersion === null ? 'removed' : 'updated');
    db.close({ disableAutoOpen: true });
    return false;
  });
  // The browser closing the connection itself (site data cleared, storage reclaimed). Dexie's own handler closes with
  // auto-reopen, and the next use would create an empty database: this one replaces it and closes for good at once.
  db.on(
    'ready',
    () => {
      db.backendDB().onclose = () => {
        lose('removed');
        db.close({ disableAutoOpen: true });
      };
    },
    true,
  );
}
