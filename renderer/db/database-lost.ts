// Another window updated the database, or the browser removed it, while this page had it open: close it for good and say so.
import type { Dexie } from 'dexie';

/** 'updated': a newer Lantern in another window upgraded the schema. 'removed': the database was deleted or closed by the browser. */
export type DatabaseLoss = 'updated' | 'removed';

/**
 * What the banner says, the most urgent first: once the database is gone, text in open forms lives only there,
 * and reloading (the way out) empties the forms. `lead` is that instruction, `detail` why and what comes next.
 */
export const DATABASE_LOSS_WORDS: Record<DatabaseLoss, { lead: string; detail: string }> = {
  // Open forms wrote their drafts as the other window's upgrade began (DATABASE_CLOSING_EVENT); later typing has no
  // database. A reload runs whatever Lantern this window loads: if that is still the older one, its start screen says
  // a newer version is needed, so the reload is not promised to be enough.
  updated: {
    lead: 'Copy anything typed in open forms since Lantern was updated in another window: this window can no longer save or keep it.',
    detail:
      'What was typed before that in a new incident, a note or an open status, escalation or evidence panel was kept as a ' +
      'draft. Reload to go on with the updated Lantern; if this window then says a newer version of Lantern is needed, ' +
      'close it and go on in the window that was updated.',
  },
  removed: {
    lead: "Copy anything you typed in open forms now: Lantern's data on this computer was removed, so it cannot be kept here.",
    detail:
      "The browser cleared this site's data or reclaimed the space while this window was open; nothing more can be saved " +
      'in it. Reloading empties the open forms and starts again; incidents HQ already has come back once this computer is ' +
      'connected to HQ again.',
  },
};

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
