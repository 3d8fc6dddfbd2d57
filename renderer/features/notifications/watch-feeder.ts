// Feeds the notification scheduler: every incident's SLA watch once at start-up (in idle slices), then only the ones that change.
import type { CreatingHookContext, Transaction } from 'dexie';
import { getCurrentUser, DEFAULT_AUTHOR, type IncidentRow, type LanternDb } from '../../db';
import { OPEN_STATUSES, slaWatchFromIncident, type Incident, type SlaWatch } from '../../../shared/domain';
import type { HostNotifications } from '../../host/host';
import { conflictsTable, type ConflictRow } from '../../db/sync-rows';
import { activitiesFromConflicts, activitiesFromEvents, type RecentEvent } from './activities';
import { trackCatchUp } from './conflict-catch-up';
import { yieldToInput } from './idle-slices';
import { DEFAULT_BATCH_SIZE, DEFAULT_POLICY, forEachIncidentPage, WALK_SLICE_SIZE, withEvents, type Pause } from './incident-batches';

export interface WatchFeederOptions {
  readonly db: LanternDb;
  readonly notifications: HostNotifications;
  /** Rows per slice of the full walks (start-up, resendAll); changed incidents are read in pages of DEFAULT_BATCH_SIZE. */
  readonly batchSize?: number;
  /** Awaited between slices of a full walk; defaults to yielding to input and rendering. */
  readonly pause?: Pause;
  /** Changes arriving within this window are sent together (a sync applying 1000 ops sends one batch). */
  readonly debounceMs?: number;
  readonly policyIdOf?: (incident: Incident) => string;
  readonly now?: () => number;
  readonly onError?: (error: unknown) => void;
}

export interface WatchFeeder {
  /** Resolves when the start-up pass has sent every incident. */
  readonly ready: Promise<void>;
  /** Sends pending changes now (tests; the debounce does it otherwise). */
  flush(): Promise<void>;
  /** Sends every incident's watch again, after pending changes (the SLA policies or their assignment changed). */
  resendAll(): Promise<void>;
  stop(): void;
}


/**
 * Dexie table hooks see every write: the repository's commits and the sync's applied pages alike, so no write
 * path has to remember to tell the feeder. The hooks only collect ids; reading happens after the debounce.
 *
 * Incidents are learned from their new timeline entries, not from hooks on the incidents table: every change
 * of an incident adds an entry in the same transaction (local commits and pulled operations alike), while an
 * 'updating' or 'creating' hook on incidents makes Dexie read every stored row before each put and deep-diff
 * it, a read per incident on every pulled page. Adds carry no such read.
 */
export function startWatchFeeder(options: WatchFeederOptions): WatchFeeder {
  const { db, notifications } = options;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const sliceSize = options.batchSize ?? WALK_SLICE_SIZE;
  const pause = options.pause ?? yieldToInput;
  const debounceMs = options.debounceMs ?? 300;
  const policyIdOf = options.policyIdOf ?? (() => DEFAULT_POLICY.id);
  const onError = options.onError ?? ((error: unknown) => console.warn('Lantern notifications: could not update the watches', error));
  const changed = new Set<string>();
  let recent: RecentEvent[] = [];
  let newConflicts: ConflictRow[] = [];
  // Conflicts recorded while pulling HQ's history from the start: listed in Sync settings, not announced.
  let historyConflicts = new Set<string>();
  const catchUp = trackCatchUp(db);
  let userChanged = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  let sending: Promise<void> = Promise.resolve();

  const schedule = () => {
    if (stopped || timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      void flush();
    }, debounceMs);
  };
  const note = (id: unknown) => {
    if (typeof id !== 'string') return;
    changed.add(id);
    schedule();
  };

  const onDelete = (key: unknown) => note(key);
  // Only entries really stored: a sync adds a page's events without reading first (those it already held fail),
  // and a transaction that aborts after the add (a refused or retried change) stores nothing.
  const onEvent = function (this: CreatingHookContext<RecentEvent, string>, _key: unknown, event: RecentEvent, transaction: Transaction) {
    this.onsuccess = () => {
      transaction.on('complete', () => {
        note(event.incidentId);
        if (recent.length < 1000) recent.push(event);
      });
    };
  };
  const onConflict = (_key: unknown, conflict: ConflictRow) => {
    if (newConflicts.length < 1000) newConflicts.push(conflict);
    if (catchUp.catchingUp()) historyConflicts.add(conflict.id);
    schedule();
  };
  const userMayHaveChanged = (key: unknown) => {
    if (key !== 'currentUser') return;
    userChanged = true;
    schedule();
  };
  const onMeta = (_key: unknown, row: { key: string }) => userMayHaveChanged(row.key);
  const onMetaUpdate = (_mods: object, key: unknown) => userMayHaveChanged(key);
  db.incidents.hook('deleting', onDelete);
  db.timeline.hook('creating', onEvent);
  db.meta.hook('creating', onMeta);
  db.meta.hook('updating', onMetaUpdate);
  conflictsTable(db).hook('creating', onConflict);

  const sendUser = async () => {
    const author = await getCurrentUser(db);
    await notifications.setUser(author.name === DEFAULT_AUTHOR.name ? null : author.name);
  };

  /** Open incidents become watches; closed, resolved and deleted (`missing`) ones are removed. */
  const sendRows = async (rows: readonly IncidentRow[], missing: readonly string[] = []) => {
    const removed = [...missing];
    const open = rows.filter((row) => {
      if (OPEN_STATUSES.includes(row.status)) return true;
      removed.push(row.id);
      return false;
    });
    const watches: SlaWatch[] = (await withEvents(db, open)).map(({ incident, events }) => slaWatchFromIncident(incident, events, policyIdOf(incident)));
    if (watches.length > 0 || removed.length > 0) await notifications.watch({ watches, removed });
  };

  const flush = (): Promise<void> => {
    sending = sending.then(async () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      try {
        if (userChanged) {
          userChanged = false;
          await sendUser();
        }
        const ids = [...changed];
        changed.clear();
        const events = recent;
        recent = [];
        for (let i = 0; i < ids.length; i += batchSize) {
          const part = ids.slice(i, i + batchSize);
          const rows = (await db.incidents.bulkGet(part)).filter((row) => row !== undefined);
          const present = new Set(rows.map((row) => row.id));
          await sendRows(rows, part.filter((id) => !present.has(id)));
        }
        const conflicts = newConflicts;
        newConflicts = [];
        const history = historyConflicts;
        historyConflicts = new Set();
        const activities = [
          ...(await activitiesFromEvents(db, events, (options.now ?? Date.now)())),
          ...(await activitiesFromConflicts(db, conflicts, { nowMs: (options.now ?? Date.now)(), history })),
        ];
        if (activities.length > 0) await notifications.report(activities);
      } catch (error) {
        onError(error);
      }
    });
    return sending;
  };

  const ready = (async () => {
    try {
      await sendUser();
      // The only full walk besides resendAll: afterwards the table hooks say which incidents changed.
      await forEachIncidentPage(db, sliceSize, (rows) => sendRows(rows), pause);
    } catch (error) {
      onError(error);
    }
  })();

  const resendAll = (): Promise<void> => {
    sending = sending.then(() => forEachIncidentPage(db, sliceSize, (rows) => sendRows(rows), pause).catch(onError));
    return sending;
  };

  return {
    ready,
    flush,
    resendAll,
    stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      db.incidents.hook('deleting').unsubscribe(onDelete);
      db.timeline.hook('creating').unsubscribe(onEvent);
      db.meta.hook('creating').unsubscribe(onMeta);
      db.meta.hook('updating').unsubscribe(onMetaUpdate);
      conflictsTable(db).hook('creating').unsubscribe(onConflict);
      catchUp.stop();
    },
  };
}
