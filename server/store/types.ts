// The one interface both HQ stores (SQLite, PostgreSQL) implement, and the records they hand back.
import type { IncidentState } from '../../shared/sync/merge';
import type { Status } from '../../shared/domain';
import type { AccessRefusal } from '../auth/device-access';

export interface HqMeta {
  readonly hqId: string;
  /** Changes when HQ is restored from a backup; devices holding an old-epoch cursor start over. */
  readonly epoch: string;
  readonly adminTokenHash: string | null;
  /** The highest serverSeq handed out (committed); no cursor HQ made can point past it. */
  readonly lastSeq: number;
  /** HMAC key of pull cursors (secret; kept with the data, so a restored backup still recognises the cursors it made). */
  readonly cursorKey: string;
}

export interface DeviceRecord {
  readonly id: string;
  readonly name: string;
  readonly enrolledAt: number;
  readonly lastSeenAt: number | null;
  readonly revokedAt: number | null;
  /** Highest deviceSeq taken from this device (applied, or rejected in sequence). */
  readonly lastSeq: number;
  /** Stamp of the device's newest applied operation (after capping), to keep capped stamps increasing. */
  readonly lastHlc: string | null;
  readonly clockSkewMs: number | null;
  /** The last retry-later answer HQ gave the device (schema-newer, gap) and when; null if never. */
  readonly lastRetryLater: { readonly code: string; readonly at: number } | null;
}

export interface NewEnrollment {
  readonly codeHash: string;
  readonly name: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  /** Set for a re-enrollment code: only this (existing) device id may redeem it. Null: a code for a new device. */
  readonly forDeviceId: string | null;
}

/** An outstanding enrollment code as the admin sees it: never the code, only an id derived from its hash. */
export interface EnrollmentRecord {
  readonly id: string;
  readonly name: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly forDeviceId: string | null;
}

/** Hex characters of the code's hash that identify it to the admin (80 bits: no two codes share them). */
export const ENROLLMENT_ID_LENGTH = 20;

export interface Redemption {
  readonly codeHash: string;
  readonly deviceId: string;
  readonly deviceName: string;
  readonly tokenHash: string;
  readonly now: number;
}
/**
 * 'enrolled': a new device; 'rebound' / 'reinstated': a known (revoked) device re-enrolled with a code issued for it
 * (new token, old one invalid, its sequence kept). The rest are refusals that leave the code unused.
 */
export type RedeemOutcome = 'enrolled' | 'rebound' | 'reinstated' | 'invalid-code' | 'device-exists' | 'device-revoked' | 'code-for-other-device';

/** Where a device list page starts: after this device in (enrolledAt, id) order. */
export interface DevicePosition {
  readonly enrolledAt: number;
  readonly id: string;
}

/** What a push transaction needs to read, once per group of pushes (the push lock held). */
export interface PushLoadRequest {
  /** The pushing devices (one, or several when concurrent pushes are committed together). */
  readonly deviceIds: readonly string[];
  /** opIds of the pushed operations (valid or not). */
  readonly opIds: readonly string[];
  /** Base stamps naming their own pushing device, which may be originals of stamps HQ capped before. */
  readonly baseStamps: readonly string[];
  readonly incidentIds: readonly string[];
}

export interface DeviceSyncState {
  /** Highest deviceSeq taken from the device. */
  readonly lastSeq: number;
  /** Stamp of the device's newest applied operation (after capping). */
  readonly lastHlc: string | null;
}

/** Whether a device may still write: read inside the write's own transaction, so a revocation cannot race it. */
export interface DeviceAccess {
  readonly tokenHash: string;
  readonly revokedAt: number | null;
}

export interface PushSnapshot {
  readonly hqId: string;
  readonly epoch: string;
  /** Per pushing device (absent: not enrolled, treated as nothing taken yet). */
  readonly devices: Map<string, DeviceSyncState>;
  /** Per enrolled pushing device: its token and revocation as of now (on PostgreSQL the row stays locked until commit). */
  readonly access: Map<string, DeviceAccess>;
  /**
   * Applied operations among the opIds: opId → its stamp, serverSeq and the device that sent it (a resend is a duplicate
   * only for that device; any other device sending the id is refused, see push-decider.ts).
   */
  readonly knownOps: Map<string, { hlc: string; serverSeq: number; deviceId: string }>;
  /** Operations the pushing devices had rejected before: deviceId → opId → code and reason. */
  readonly knownRejections: Map<string, Map<string, { code: string; reason: string }>>;
  /** Original stamp → the stamp HQ used, for base stamps that name a capped stamp. */
  readonly cappedStamps: Map<string, string>;
  readonly incidentStates: Map<string, IncidentState>;
  readonly lastServerSeq: number;
}

/** A push transaction: one bulk read, then one bulk write for a whole group of pushes (few round trips while the push lock is held). */
export interface PushTx {
  load(request: PushLoadRequest): Promise<PushSnapshot>;
  write(writes: PushWrites): Promise<void>;
}

export interface OpRow {
  readonly serverSeq: number;
  readonly opId: string;
  readonly deviceId: string;
  readonly deviceSeq: number;
  readonly incidentId: string;
  readonly hlc: string;
  readonly originalHlc: string | null;
  readonly body: string;
}

export interface IncidentRow {
  readonly id: string;
  readonly state: string;
  readonly complete: boolean;
  readonly status: Status | null;
  readonly updatedAt: string | null;
  readonly lastSeq: number;
  /** The incident's exercise (drill) mark; absent in its state reads as false (real). */
  readonly exercise: boolean;
}

export interface RejectedRow {
  readonly deviceId: string;
  readonly opId: string | null;
  readonly deviceSeq: number | null;
  readonly code: string;
  readonly reason: string;
  readonly body: string;
}

export interface PushWrites {
  readonly now: number;
  readonly ops: readonly OpRow[];
  readonly incidents: readonly IncidentRow[];
  /**
   * `automatic`: an entry Lantern wrote by itself, whose id every device derives alike; a stored copy with a lower
   * stamp gives way to it (shared/sync/automatic-entries.ts). Any other entry is stored once and never replaced.
   */
  readonly events: readonly { id: string; incidentId: string; hlc: string; serverSeq: number; body: string; automatic: boolean }[];
  readonly conflicts: readonly { id: string; incidentId: string; field: string; serverSeq: number; body: string }[];
  readonly rejected: readonly RejectedRow[];
  /** Files the operations name, each with the size that operation named (sizes are kept per reference: see chunk-upload.ts). */
  readonly fileRefs: readonly { sha256: string; size: number; opId: string }[];
  /** Every pushing device's new position; clockSkewMs null keeps the stored skew. */
  readonly devices: readonly { id: string; lastSeq: number; lastHlc: string | null; clockSkewMs: number | null }[];
  readonly lastServerSeq: number;
}

export interface PulledRow {
  readonly serverSeq: number;
  readonly body: string;
}

export interface IncidentListFilter {
  readonly statuses?: readonly Status[];
  readonly updatedSince?: string;
  /** true: exercises (drills) only; false: real incidents only (incidents recorded before the mark existed are real). */
  readonly exercise?: boolean;
  /** Page after this incident id (ids are UUIDv7, so the order is creation order). */
  readonly afterId?: string;
  /** Change feed: incidents whose last change HQ received after this serverSeq, in serverSeq order (afterId unused). */
  readonly changedAfterSeq?: number;
  readonly limit: number;
}

export interface IncidentRecord {
  readonly state: IncidentState;
  /** Timeline event bodies (JSON), ordered by stamp then id. */
  readonly timeline: readonly string[];
  /** Conflict bodies (JSON), in the order HQ recorded them. */
  readonly conflicts: readonly string[];
}

export interface FileRecord {
  readonly sha256: string;
  readonly size: number | null;
  readonly received: number;
  readonly complete: boolean;
}

export interface ChunkUpload {
  readonly sha256: string;
  /** The uploading device: partial uploads are kept per device, so no device can block another's upload. */
  readonly deviceId: string;
  readonly size: number;
  readonly offset: number;
  readonly bytes: Uint8Array;
  readonly now: number;
  /** The token the request was verified with: the chunk is stored only if it still is the device's and not revoked. */
  readonly tokenHash?: string;
}

export type ChunkOutcome =
  | { readonly kind: 'stored'; readonly file: FileRecord }
  | { readonly kind: 'offset-mismatch'; readonly file: FileRecord }
  | { readonly kind: 'size-mismatch'; readonly file: FileRecord }
  | { readonly kind: 'too-long'; readonly file: FileRecord }
  | { readonly kind: 'hash-mismatch'; readonly file: FileRecord }
  /** No accepted operation names this file with this size (yet); nothing was stored. */
  | { readonly kind: 'not-referenced'; readonly file: FileRecord }
  /** The device was revoked, or its token replaced, after the request was let in; nothing was stored. */
  | { readonly kind: 'access-ended'; readonly refusal: AccessRefusal };

export interface MissingFileRecord extends FileRecord {
  readonly opIds: readonly string[];
}

export interface RejectedRecord extends RejectedRow {
  readonly id: number;
  readonly receivedAt: number;
}

export interface HqStats {
  readonly devices: number;
  readonly activeDevices: number;
  readonly operations: number;
  readonly incidents: number;
  readonly missingFiles: number;
}

export interface HqStore {
  readonly kind: 'sqlite' | 'postgres';
  meta(): Promise<HqMeta>;
  setAdminTokenHash(hash: string): Promise<void>;
  /** Starts a new epoch (run after restoring a backup); returns it. */
  bumpEpoch(): Promise<string>;
  /**
   * Starts a new epoch only if `expected` is still the one in force (several requests may notice the same lost
   * history at once: one new epoch, not one each); returns the epoch in force afterwards.
   */
  bumpEpochFrom(expected: string): Promise<string>;

  createEnrollment(enrollment: NewEnrollment): Promise<void>;
  /** Atomically uses the code (one-time, unexpired) as decideRedemption says: a new device, or a re-enrollment of the device the code names. */
  redeemEnrollment(redemption: Redemption): Promise<RedeemOutcome>;
  /** Unused, unexpired codes, oldest first; `limit` at most. */
  listEnrollments(now: number, limit: number): Promise<EnrollmentRecord[]>;
  /** Ends an outstanding code now (it expires); null when there is no such outstanding code. */
  cancelEnrollment(id: string, now: number): Promise<EnrollmentRecord | null>;
  deviceByTokenHash(tokenHash: string): Promise<DeviceRecord | null>;
  device(id: string): Promise<DeviceRecord | null>;
  /** Devices in (enrolledAt, id) order after `after`; `limit` at most. */
  listDevices(page: { after?: DevicePosition; limit: number }): Promise<{ devices: DeviceRecord[]; hasMore: boolean }>;
  revokeDevice(id: string, now: number): Promise<DeviceRecord | null>;
  touchDevice(id: string, now: number): Promise<void>;
  /** Remembers the last retry-later answer given to the device (for the admin's device list and the status page). */
  recordRetryLater(id: string, code: string, now: number): Promise<void>;
  /** Devices that got a retry-later answer at or after `since`. */
  countRetryLaterSince(since: number): Promise<number>;

  /** Runs `work` in one transaction that holds the push lock (serverSeq order = commit order). */
  withPushTx<T>(work: (tx: PushTx) => Promise<T>): Promise<T>;
  /** Committed operations with serverSeq > afterSeq, ascending; `limit` rows at most. */
  pull(afterSeq: number, limit: number): Promise<{ rows: PulledRow[]; hasMore: boolean }>;

  /** `lastSeqs[i]`: the serverSeq of the last operation HQ applied to `states[i]`. */
  listIncidents(filter: IncidentListFilter): Promise<{ states: IncidentState[]; lastSeqs: number[]; hasMore: boolean }>;
  incident(id: string): Promise<IncidentRecord | null>;

  /** The file as `deviceId` sees it (its own partial upload), or without it as the admin does (the furthest partial upload). */
  file(sha256: string, deviceId?: string): Promise<FileRecord | null>;
  /** Stores one chunk of the device's own upload in order; on the last one verifies the SHA-256 of the whole (mismatch: discards it). */
  putFileChunk(upload: ChunkUpload): Promise<ChunkOutcome>;
  /** The bytes of a complete file, chunk by chunk in order; null when not complete. All in memory: tests and tools only. */
  fileContent(sha256: string): Promise<Uint8Array[] | null>;
  /** The size of a complete file; null when HQ does not have the whole file. */
  completeFileSize(sha256: string): Promise<number | null>;
  /**
   * The stored chunk of a complete file that starts at `offset` (null: none starts there). One row per call, so a
   * download holds one chunk in memory at a time (see server/files/file-stream.ts).
   */
  fileChunkAt(sha256: string, offset: number): Promise<Uint8Array | null>;
  missingFiles(limit: number): Promise<MissingFileRecord[]>;
  rejectedOps(limit: number): Promise<RejectedRecord[]>;
  stats(): Promise<HqStats>;

  close(): Promise<void>;
}
