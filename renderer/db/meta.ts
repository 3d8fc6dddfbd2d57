// The meta table: typed key-value records for device identity, counters, the HLC and the current user.
import type { Author, ClockCheck, HlcState, SlaAssignment } from '../../shared/domain';
import type { SyncPoint } from '../../shared/sync/engine/replica';
import type { LanternDb } from './database';
import type { OutboxMarks, StoredSyncConnection } from './sync-rows';

export interface DeviceIdentity {
  /** UUIDv7, also the HLC node id and the deviceId on every operation. */
  deviceId: string;
  /** Four Crockford base32 characters that prefix this device's incident numbers ("K7QM-0042"). */
  devicePrefix: string;
  /** ISO 8601 UTC. */
  createdAt: string;
}

/** Counters only ever grow: numbers and deviceSeq must never repeat (acknowledged outbox rows are kept for epoch recovery). */
export interface Counters {
  nextIncidentCounter: number;
  nextDeviceSeq: number;
}

/** Every meta key and the type of its value; a new setting is a new entry here. */
export interface MetaValues {
  device: DeviceIdentity;
  counters: Counters;
  hlc: HlcState;
  currentUser: Author;
  /** People who worked on this computer, most recent first (at most RECENT_USERS_KEPT): the quick switch offers them. */
  recentUsers: Author[];
  /** Sync: the epoch and pull cursor, stored in the transaction that applies a pulled page. */
  syncPoint: SyncPoint;
  /** Browser-mode sync only: HQ address, device name and token (no safeStorage in a browser). */
  syncConnection: StoredSyncConnection;
  /** Sync: which outbox rows HQ acknowledged and which were handed to it, as marks (see sync-rows.ts). */
  outboxMarks: OutboxMarks;
  /** The default SLA policy and the site → policy mapping (the policies themselves are rows in slaPolicies). */
  slaAssignment: SlaAssignment;
  /** Bumped by every policy edit (absent: never edited): a cached policy set is current while this is unchanged. */
  slaPolicyVersion: number;
  /** Sync: when the last sync run succeeded (epoch ms), kept across restarts; cleared on connect and disconnect. */
  lastSyncSuccessAt: number;
  /** This device's drill mode: while on, new incidents are recorded as exercises (absent: off). */
  drillMode: DrillMode;
  /** Days after resolving that Lantern closes an incident by itself; 0: never (absent: the default, 7). */
  autoCloseDays: number;
  /** The last comparison of this device's clock with HQ's (absent: never made): entries say when it does not vouch for their time. */
  clockCheck: ClockCheck;
}

/** Who turned drill mode on or off, and when (ISO UTC), so the banner can say since when a drill runs. */
export interface DrillMode {
  on: boolean;
  changedAt: string;
  by: string;
}

export type MetaKey = keyof MetaValues;

export type MetaRow = { [K in MetaKey]: { key: K; value: MetaValues[K] } }[MetaKey];

export async function readMeta<K extends MetaKey>(db: LanternDb, key: K): Promise<MetaValues[K] | undefined> {
  const row = await db.meta.get(key);
  // The key discriminates the row type: a row stored under `key` was written by writeMeta with MetaValues[K].
  return row?.value as MetaValues[K] | undefined;
}

export async function writeMeta<K extends MetaKey>(db: LanternDb, key: K, value: MetaValues[K]): Promise<void> {
  await db.meta.put({ key, value } as MetaRow);
}

/** Several meta rows in one request (one pass through Dexie's middleware and table hooks). */
export async function writeMetas(db: LanternDb, rows: readonly MetaRow[]): Promise<void> {
  await db.meta.bulkPut([...rows]);
}
