// The Lantern IndexedDB database (Dexie 4): its tables, typed, with the versioned schema applied.
import { Dexie, type Table } from 'dexie';
import type { IncidentRow } from './incident-row';
import type { MetaRow } from './meta';
import { seedReference, type ReferenceRow } from './reference';
import type { SavedViewRow } from './saved-views';
import type { AttachmentRow, DraftRow, OutboxRow, TimelineRow } from './rows';
import { guardAgainstNewerDatabase } from './newer-database';
import { applySchema, SCHEMA_VERSIONS } from './schema';
import { seedSlaPolicies, type SlaPolicyRow } from './sla-policies';

export const DEFAULT_DB_NAME = 'lantern';

export class LanternDb extends Dexie {
  // `declare`: Dexie creates these properties in version().stores(); a class field would overwrite them.
  declare readonly incidents: Table<IncidentRow, string>;
  declare readonly timeline: Table<TimelineRow, string>;
  declare readonly attachments: Table<AttachmentRow, string>;
  declare readonly outbox: Table<OutboxRow, number>;
  declare readonly meta: Table<MetaRow, string>;
  declare readonly drafts: Table<DraftRow, string>;
  declare readonly reference: Table<ReferenceRow, string>;
  declare readonly views: Table<SavedViewRow, string>;
  declare readonly slaPolicies: Table<SlaPolicyRow, string>;

  constructor(name: string = DEFAULT_DB_NAME) {
    // 'strict' makes Chromium flush to disk before reporting a commit: a recorded incident must
    // survive a power cut right after the user saw "saved" (costs ~1-2 ms per write here).
    super(name, { chromeTransactionDurability: 'strict' });
    applySchema(this);
    guardAgainstNewerDatabase(this, SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version);
    // A new database starts at the latest version (no upgrade runs), so it gets the reference defaults and SLA tiers here.
    this.on('populate', async (tx) => {
      await seedReference(tx.table<ReferenceRow, string>('reference'));
      await seedSlaPolicies(tx.table<SlaPolicyRow, string>('slaPolicies'));
    });
  }
}

/**
 * Creates the database handle. Dexie opens it on first use; await `ensureDevice(db)` at start-up so
 * an unopenable database (blocked upgrade, disk trouble) surfaces there with a message, not mid-edit.
 */
export function openLanternDb(name: string = DEFAULT_DB_NAME): LanternDb {
  return new LanternDb(name);
}
