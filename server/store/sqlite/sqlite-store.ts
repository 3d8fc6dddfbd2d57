// HQ store on SQLite (better-sqlite3): one file in the data directory, WAL, one connection, jobs run one at a time.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { IncidentState } from '../../../shared/sync/merge';
import { decideRedemption, OUTCOME_OF } from '../../auth/enrollment';
import { newShortId, newToken } from '../../auth/secrets';
import { applyChunk } from '../../files/chunk-upload';
import { SerialQueue } from '../serial-queue';
import { StoreMissingError } from '../store-missing';
import { ENROLLMENT_ID_LENGTH } from '../types';
import type { DevicePosition, HqStore, IncidentListFilter, NewEnrollment, RedeemOutcome, Redemption, RejectedRecord } from '../types';
import { prepareSqliteFiles } from './file-modes';
import { SQLITE_MIGRATIONS } from './migrations';
import { prepared } from './statements';
import { migrateSqlite } from './sqlite-migrate';
import { readChunks, readFile, readMissingFiles, REFERENCED, sqliteFileTx } from './sqlite-files';
import { sqlitePushTx } from './sqlite-push-tx';
import { CHECKPOINT_THRESHOLD_PAGES, startWalCheckpointer, type WalCheckpointer } from './wal-checkpointer';
import { toEnrollment, type EnrollmentRow } from '../enrollment-rows';
import { DEVICE_COLUMNS, toDevice, type DeviceRow } from './sqlite-rows';

export const SQLITE_FILE_NAME = 'lantern-hq.sqlite';

export interface SqliteStoreOptions {
  /** Open only a database that exists (enroll, new-epoch): a mistyped --data must not create a new, empty HQ. */
  readonly mustExist?: boolean;
  /** Where a warning about the files' modes goes (default: stderr). */
  readonly warn?: (line: string) => void;
}

export function openSqliteStore(dataDir: string, options: SqliteStoreOptions = {}): HqStore {
  const file = join(dataDir, SQLITE_FILE_NAME);
  if (options.mustExist && !existsSync(file)) throw new StoreMissingError(`No HQ database at ${file}`);
  prepareSqliteFiles(dataDir, file, options.warn ?? ((line) => console.warn(line)));
  const db = new Database(file, { fileMustExist: options.mustExist === true });
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode survives a crash of HQ itself (every commit is in the WAL); only an OS crash may lose the last commits.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrateSqlite(db, SQLITE_MIGRATIONS);
  db.prepare('INSERT INTO hq_meta (id, hq_id, epoch, created_at) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO NOTHING').run(newShortId(), newShortId(), Date.now());
  db.prepare('UPDATE hq_meta SET cursor_key = ? WHERE id = 1 AND cursor_key IS NULL').run(newToken());
  // Checkpoints run in a worker thread (see wal-checkpointer.ts), so no COMMIT waits for one.
  db.pragma('wal_autocheckpoint = 0');
  // After a WAL restart the file is cut back to this size, so one burst of load does not keep its disk space for good.
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  const store = new SqliteStore(db);
  store.adoptCheckpointer(startWalCheckpointer(file, () => store.checkpointHere(), { onRestartNeeded: () => store.restartWal() }));
  return store;
}

/** What the WAL file keeps after a restart: the checkpoint threshold's ~40 MB, which the next round fills again anyway. */
const WAL_SIZE_LIMIT_BYTES = CHECKPOINT_THRESHOLD_PAGES * 4096;

/** The fallback when the checkpoint worker fails: SQLite checkpoints in the COMMIT that crosses the same ~40 MB of WAL. */
const FALLBACK_AUTOCHECKPOINT_PAGES = CHECKPOINT_THRESHOLD_PAGES;

class SqliteStore implements HqStore {
  readonly kind = 'sqlite';
  private readonly queue = new SerialQueue();
  private closed = false;
  private checkpointer: WalCheckpointer | null = null;
  private restartQueued = false;

  constructor(private readonly db: Database.Database) {}

  adoptCheckpointer(checkpointer: WalCheckpointer): void {
    this.checkpointer = checkpointer;
  }

  /** The checkpoint worker failed: SQLite checkpoints on this connection again, so the WAL stays bounded. */
  checkpointHere(): void {
    void this.queue.run(() => {
      if (!this.closed) this.db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
    });
  }

  /**
   * Under steady load the worker's copies never catch up with the WAL's end: checkpoint the rest here, between two
   * transactions, and start the WAL over (see wal-checkpointer.ts). Usually milliseconds: the worker copied nearly all.
   */
  restartWal(): void {
    if (this.restartQueued) return;
    this.restartQueued = true;
    void this.queue.run(() => {
      this.restartQueued = false;
      try {
        if (!this.closed) this.db.pragma('wal_checkpoint(RESTART)');
      } catch {
        // Busy past the timeout (the worker's copy): the worker asks again within a second.
      }
    });
  }

  meta() {
    return this.read(() => {
      const row = prepared(this.db, 'SELECT hq_id, epoch, admin_token_hash, last_seq, cursor_key FROM hq_meta WHERE id = 1').get() as {
        hq_id: string;
        epoch: string;
        admin_token_hash: string | null;
        last_seq: number;
        cursor_key: string;
      };
      return { hqId: row.hq_id, epoch: row.epoch, adminTokenHash: row.admin_token_hash, lastSeq: row.last_seq, cursorKey: row.cursor_key };
    });
  }

  setAdminTokenHash(hash: string) {
    return this.read(() => void prepared(this.db, 'UPDATE hq_meta SET admin_token_hash = ? WHERE id = 1').run(hash));
  }

  bumpEpoch() {
    return this.read(() => {
      const epoch = newShortId();
      prepared(this.db, 'UPDATE hq_meta SET epoch = ? WHERE id = 1').run(epoch);
      return epoch;
    });
  }

  bumpEpochFrom(expected: string) {
    return this.read(() => {
      prepared(this.db, 'UPDATE hq_meta SET epoch = ? WHERE id = 1 AND epoch = ?').run(newShortId(), expected);
      return (prepared(this.db, 'SELECT epoch FROM hq_meta WHERE id = 1').get() as { epoch: string }).epoch;
    });
  }

  createEnrollment(e: NewEnrollment) {
    return this.read(
      () =>
        void prepared(this.db, 'INSERT INTO enrollment_codes (code_hash, name, created_at, expires_at, for_device_id) VALUES (?, ?, ?, ?, ?)').run(
          e.codeHash,
          e.name,
          e.createdAt,
          e.expiresAt,
          e.forDeviceId,
        ),
    );
  }

  redeemEnrollment(r: Redemption) {
    return this.read(() =>
      this.db.transaction((): RedeemOutcome => {
        const code = prepared(this.db, 'SELECT for_device_id FROM enrollment_codes WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?').get(r.codeHash, r.now) as
          | { for_device_id: string | null }
          | undefined;
        if (!code) return 'invalid-code';
        const known = prepared(this.db, 'SELECT revoked_at FROM devices WHERE id = ?').get(r.deviceId) as { revoked_at: number | null } | undefined;
        const decision = decideRedemption(code.for_device_id, r.deviceId, known ? { revokedAt: known.revoked_at } : null);
        // A refusal leaves the code unused, so the person can still use it where it belongs.
        if (decision !== 'insert' && decision !== 'rebind' && decision !== 'reinstate') return decision;
        prepared(this.db, 'UPDATE enrollment_codes SET used_at = ?, device_id = ? WHERE code_hash = ?').run(r.now, r.deviceId, r.codeHash);
        if (decision === 'insert') {
          prepared(this.db, 'INSERT INTO devices (id, name, token_hash, enrolled_at) VALUES (?, ?, ?, ?)').run(r.deviceId, r.deviceName, r.tokenHash, r.now);
        } else {
          // The new token replaces the old one; the sequence (lastSeq) is kept, so exactly-once carries on.
          prepared(this.db, 'UPDATE devices SET token_hash = ?, name = ?, revoked_at = NULL WHERE id = ?').run(r.tokenHash, r.deviceName, r.deviceId);
        }
        return OUTCOME_OF[decision];
      }).immediate(),
    );
  }

  listEnrollments(now: number, limit: number) {
    return this.read(() => {
      const rows = prepared(
        this.db,
        `SELECT substr(code_hash, 1, ${ENROLLMENT_ID_LENGTH}) AS id, name, created_at, expires_at, for_device_id FROM enrollment_codes WHERE used_at IS NULL AND expires_at > ? ORDER BY created_at, code_hash LIMIT ?`,
      ).all(now, limit) as EnrollmentRow[];
      return rows.map(toEnrollment);
    });
  }

  cancelEnrollment(id: string, now: number) {
    return this.read(() => {
      const row = prepared(
        this.db,
        `UPDATE enrollment_codes SET expires_at = ? WHERE substr(code_hash, 1, ${ENROLLMENT_ID_LENGTH}) = ? AND used_at IS NULL AND expires_at > ? RETURNING substr(code_hash, 1, ${ENROLLMENT_ID_LENGTH}) AS id, name, created_at, expires_at, for_device_id`,
      ).get(now, id, now) as EnrollmentRow | undefined;
      return row ? toEnrollment(row) : null;
    });
  }

  deviceByTokenHash(tokenHash: string) {
    return this.read(() => {
      const row = prepared(this.db, `SELECT ${DEVICE_COLUMNS} FROM devices WHERE token_hash = ?`).get(tokenHash) as DeviceRow | undefined;
      return row ? toDevice(row) : null;
    });
  }

  device(id: string) {
    return this.read(() => {
      const row = prepared(this.db, `SELECT ${DEVICE_COLUMNS} FROM devices WHERE id = ?`).get(id) as DeviceRow | undefined;
      return row ? toDevice(row) : null;
    });
  }

  listDevices(page: { after?: DevicePosition; limit: number }) {
    return this.read(() => {
      const rows = (
        page.after
          ? prepared(this.db, `SELECT ${DEVICE_COLUMNS} FROM devices WHERE (enrolled_at, id) > (?, ?) ORDER BY enrolled_at, id LIMIT ?`).all(page.after.enrolledAt, page.after.id, page.limit + 1)
          : prepared(this.db, `SELECT ${DEVICE_COLUMNS} FROM devices ORDER BY enrolled_at, id LIMIT ?`).all(page.limit + 1)
      ) as DeviceRow[];
      return { devices: rows.slice(0, page.limit).map(toDevice), hasMore: rows.length > page.limit };
    });
  }

  revokeDevice(id: string, now: number) {
    return this.read(() => {
      prepared(this.db, 'UPDATE devices SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?').run(now, id);
      const row = prepared(this.db, `SELECT ${DEVICE_COLUMNS} FROM devices WHERE id = ?`).get(id) as DeviceRow | undefined;
      return row ? toDevice(row) : null;
    });
  }

  touchDevice(id: string, now: number) {
    return this.read(() => void prepared(this.db, 'UPDATE devices SET last_seen_at = ? WHERE id = ?').run(now, id));
  }

  recordRetryLater(id: string, code: string, now: number) {
    return this.read(() => void prepared(this.db, 'UPDATE devices SET last_retry_code = ?, last_retry_at = ? WHERE id = ?').run(code, now, id));
  }

  countRetryLaterSince(since: number) {
    return this.read(() => (prepared(this.db, 'SELECT COUNT(*) AS n FROM devices WHERE last_retry_at >= ?').get(since) as { n: number }).n);
  }

  withPushTx<T>(work: (tx: ReturnType<typeof sqlitePushTx>) => Promise<T>): Promise<T> {
    return this.read(() => this.inTransaction(() => work(sqlitePushTx(this.db))));
  }

  pull(afterSeq: number, limit: number) {
    return this.read(() => {
      const rows = prepared(this.db, 'SELECT server_seq, body FROM operations WHERE server_seq > ? ORDER BY server_seq LIMIT ?').all(afterSeq, limit + 1) as { server_seq: number; body: string }[];
      return { rows: rows.slice(0, limit).map((row) => ({ serverSeq: row.server_seq, body: row.body })), hasMore: rows.length > limit };
    });
  }

  listIncidents(filter: IncidentListFilter) {
    return this.read(() => {
      const where = ['complete = 1'];
      const params: (string | number)[] = [];
      if (filter.statuses) {
        where.push('status IN (SELECT value FROM json_each(?))');
        params.push(JSON.stringify(filter.statuses));
      }
      if (filter.updatedSince !== undefined) {
        where.push('updated_at >= ?');
        params.push(filter.updatedSince);
      }
      if (filter.exercise !== undefined) {
        // A column written at push time (like status), the same as on PostgreSQL; an incident without the mark is real.
        where.push('exercise = ?');
        params.push(filter.exercise ? 1 : 0);
      }
      const byChange = filter.changedAfterSeq !== undefined;
      if (byChange) {
        where.push('last_seq > ?');
        params.push(filter.changedAfterSeq);
      } else if (filter.afterId !== undefined) {
        where.push('id > ?');
        params.push(filter.afterId);
      }
      const order = byChange ? 'last_seq' : 'id';
      const rows = prepared(this.db, `SELECT state, last_seq FROM incidents WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ?`).all(...params, filter.limit + 1) as {
        state: string;
        last_seq: number;
      }[];
      const page = rows.slice(0, filter.limit);
      return { states: page.map((row) => JSON.parse(row.state) as IncidentState), lastSeqs: page.map((row) => row.last_seq), hasMore: rows.length > filter.limit };
    });
  }

  incident(id: string) {
    return this.read(() => {
      const row = prepared(this.db, 'SELECT state FROM incidents WHERE id = ?').get(id) as { state: string } | undefined;
      if (!row) return null;
      const timeline = prepared(this.db, 'SELECT body FROM timeline_events WHERE incident_id = ? ORDER BY hlc, id').all(id) as { body: string }[];
      const conflicts = prepared(this.db, 'SELECT body FROM conflicts WHERE incident_id = ? ORDER BY server_seq, id').all(id) as { body: string }[];
      return { state: JSON.parse(row.state) as IncidentState, timeline: timeline.map((e) => e.body), conflicts: conflicts.map((c) => c.body) };
    });
  }

  file(sha256: string, deviceId?: string) {
    return this.read(() => readFile(this.db, sha256, deviceId));
  }

  putFileChunk(upload: Parameters<HqStore['putFileChunk']>[0]) {
    return this.read(() => this.inTransaction(() => applyChunk(sqliteFileTx(this.db), upload)));
  }

  fileContent(sha256: string) {
    return this.read(() => {
      const row = prepared(this.db, 'SELECT complete FROM files WHERE sha256 = ?').get(sha256) as { complete: number } | undefined;
      return row?.complete === 1 ? readChunks(this.db, sha256) : null;
    });
  }

  completeFileSize(sha256: string) {
    return this.read(() => {
      const row = prepared(this.db, `SELECT size FROM files f WHERE sha256 = ? AND complete = 1 AND ${REFERENCED}`).get(sha256) as { size: number | null } | undefined;
      return row?.size ?? null;
    });
  }

  fileChunkAt(sha256: string, offset: number) {
    // One queued job per chunk (not one iterator held open): other requests run between two chunks of a slow download.
    return this.read(() => {
      const row = prepared(this.db, 'SELECT bytes FROM file_chunks WHERE sha256 = ? AND offset = ?').get(sha256, offset) as { bytes: Buffer } | undefined;
      return row?.bytes ?? null;
    });
  }

  missingFiles(limit: number) {
    return this.read(() => readMissingFiles(this.db, limit));
  }

  rejectedOps(limit: number) {
    return this.read(() => {
      const rows = this.db
        .prepare('SELECT id, device_id, op_id, device_seq, code, reason, body, received_at FROM rejected_ops ORDER BY id DESC LIMIT ?')
        .all(limit) as { id: number; device_id: string; op_id: string | null; device_seq: number | null; code: string; reason: string; body: string; received_at: number }[];
      return rows.map(
        (row): RejectedRecord => ({ id: row.id, deviceId: row.device_id, opId: row.op_id, deviceSeq: row.device_seq, code: row.code, reason: row.reason, body: row.body, receivedAt: row.received_at }),
      );
    });
  }

  stats() {
    return this.read(() => {
      const count = (sql: string) => (prepared(this.db, sql).get() as { n: number }).n;
      return {
        devices: count('SELECT COUNT(*) AS n FROM devices'),
        activeDevices: count('SELECT COUNT(*) AS n FROM devices WHERE revoked_at IS NULL'),
        operations: count('SELECT COUNT(*) AS n FROM operations'),
        incidents: count('SELECT COUNT(*) AS n FROM incidents'),
        missingFiles: count('SELECT COUNT(DISTINCT f.sha256) AS n FROM files f JOIN file_refs r ON r.sha256 = f.sha256 WHERE f.complete = 0'),
      };
    });
  }

  close() {
    return this.queue.run(async () => {
      if (this.closed) return;
      this.closed = true;
      // The worker first: closing the last connection checkpoints the rest of the WAL and removes it.
      await this.checkpointer?.close();
      this.checkpointer = null;
      this.db.close();
    });
  }

  /** Every job, reads included, goes through the queue: a read must never see another job's open transaction. */
  private read<T>(job: () => T | Promise<T>): Promise<T> {
    return this.queue.run(() => {
      // Coded, so the error handler answers 503 (HQ is stopping; the device tries again), not 500.
      if (this.closed) throw Object.assign(new Error('The HQ store is closed'), { code: 'HQ_STORE_CLOSED' });
      return job();
    });
  }

  private async inTransaction<T>(work: () => Promise<T>): Promise<T> {
    // Prepared once (as better-sqlite3's own transaction() does), not compiled again by exec() for every push.
    prepared(this.db, 'BEGIN IMMEDIATE').run();
    try {
      const result = await work();
      prepared(this.db, 'COMMIT').run();
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }
}
