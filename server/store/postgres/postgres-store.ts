// HQ store on PostgreSQL (pg Pool): the same tables and semantics as SQLite; pushes serialized by an advisory lock.
import pg from 'pg';
import type { PoolClient } from 'pg';
import type { IncidentState } from '../../../shared/sync/merge';
import { decideRedemption, OUTCOME_OF } from '../../auth/enrollment';
import { newShortId, newToken } from '../../auth/secrets';
import { applyChunk } from '../../files/chunk-upload';
import type { DevicePosition, HqStore, IncidentListFilter, NewEnrollment, PushTx, RedeemOutcome, Redemption } from '../types';
import { StoreMissingError } from '../store-missing';
import { toEnrollment, type EnrollmentRow } from '../enrollment-rows';
import { ENROLLMENT_ID_LENGTH } from '../types';
import { POSTGRES_MIGRATIONS } from './migrations';
import { migratePostgres } from './pg-migrate';
import { pgFileTx, readChunks, readFile, readMissingFiles, REFERENCED } from './pg-files';
import { BEGIN_PUSH_SQL, pgPushTx } from './pg-push-tx';
import { DEVICE_COLUMNS, num, numOrNull, toDevice, type BigIntText, type PgDeviceRow } from './pg-rows';

export interface PostgresStoreOptions {
  readonly url: string;
  /** A schema to keep HQ's tables in (created if missing); default: the role's search_path. Tests use one each. */
  readonly schema?: string;
  readonly maxConnections?: number;
  /** Open only a store that exists (HQ's tables are there): no schema created, nothing migrated into a wrong place. */
  readonly mustExist?: boolean;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openPostgresStore(options: PostgresStoreOptions): Promise<HqStore> {
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) throw new Error(`Invalid PostgreSQL schema name "${options.schema}"`);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle connection dropped by the server must not crash HQ; the next query reconnects.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    try {
      if (options.mustExist) {
        // to_regclass follows the search_path (the given schema, or the role's): null when HQ's tables are not there.
        const found = await client.query<{ table: string | null }>(`SELECT to_regclass('hq_meta')::text AS table`);
        if (found.rows[0]?.table == null) throw new StoreMissingError('No HQ tables there');
      }
      if (options.schema) await createSchema(client, options.schema);
      await migratePostgres(client, POSTGRES_MIGRATIONS);
      await client.query('INSERT INTO hq_meta (id, hq_id, epoch, created_at) VALUES (1, $1, $2, $3) ON CONFLICT (id) DO NOTHING', [newShortId(), newShortId(), Date.now()]);
      // Once per database: instances starting together all run this, and only the first one's key is kept.
      await client.query('UPDATE hq_meta SET cursor_key = $1 WHERE id = 1 AND cursor_key IS NULL', [newToken()]);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw error;
  }
  return new PostgresStore(pool);
}

class PostgresStore implements HqStore {
  readonly kind = 'postgres';

  constructor(private readonly pool: pg.Pool) {}

  async meta() {
    const { rows } = await this.pool.query<{ hq_id: string; epoch: string; admin_token_hash: string | null; last_seq: string; cursor_key: string }>(
      'SELECT hq_id, epoch, admin_token_hash, last_seq, cursor_key FROM hq_meta WHERE id = 1',
    );
    const row = rows[0]!;
    return { hqId: row.hq_id, epoch: row.epoch, adminTokenHash: row.admin_token_hash, lastSeq: Number(row.last_seq), cursorKey: row.cursor_key };
  }

  async setAdminTokenHash(hash: string) {
    await this.pool.query('UPDATE hq_meta SET admin_token_hash = $1 WHERE id = 1', [hash]);
  }

  async bumpEpoch() {
    const epoch = newShortId();
    await this.pool.query('UPDATE hq_meta SET epoch = $1 WHERE id = 1', [epoch]);
    return epoch;
  }

  async bumpEpochFrom(expected: string) {
    // One statement: the row lock makes a concurrent caller wait, then see the new epoch and change nothing.
    await this.pool.query('UPDATE hq_meta SET epoch = $1 WHERE id = 1 AND epoch = $2', [newShortId(), expected]);
    const { rows } = await this.pool.query<{ epoch: string }>('SELECT epoch FROM hq_meta WHERE id = 1');
    return rows[0]!.epoch;
  }

  async createEnrollment(e: NewEnrollment) {
    await this.pool.query('INSERT INTO enrollment_codes (code_hash, name, created_at, expires_at, for_device_id) VALUES ($1, $2, $3, $4, $5)', [
      e.codeHash,
      e.name,
      e.createdAt,
      e.expiresAt,
      e.forDeviceId,
    ]);
  }

  redeemEnrollment(r: Redemption) {
    return this.transaction(async (client): Promise<RedeemOutcome> => {
      // Locking the code row makes two redemptions of one code wait for each other.
      const code = await client.query<{ for_device_id: string | null }>(
        'SELECT for_device_id FROM enrollment_codes WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2 FOR UPDATE',
        [r.codeHash, r.now],
      );
      if (!code.rows[0]) return 'invalid-code';
      const known = await client.query<{ revoked_at: BigIntText | null }>('SELECT revoked_at FROM devices WHERE id = $1 FOR UPDATE', [r.deviceId]);
      const decision = decideRedemption(code.rows[0].for_device_id, r.deviceId, known.rows[0] ? { revokedAt: numOrNull(known.rows[0].revoked_at) } : null);
      // A refusal leaves the code unused, so the person can still use it where it belongs.
      if (decision !== 'insert' && decision !== 'rebind' && decision !== 'reinstate') return decision;
      if (decision === 'insert') {
        // Another code may have enrolled the same new id a moment ago: that one won, this one is refused.
        const inserted = await client.query('INSERT INTO devices (id, name, token_hash, enrolled_at) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING', [
          r.deviceId,
          r.deviceName,
          r.tokenHash,
          r.now,
        ]);
        if (inserted.rowCount !== 1) return 'device-exists';
      } else {
        // The new token replaces the old one; the sequence (lastSeq) is kept, so exactly-once carries on.
        await client.query('UPDATE devices SET token_hash = $1, name = $2, revoked_at = NULL WHERE id = $3', [r.tokenHash, r.deviceName, r.deviceId]);
      }
      await client.query('UPDATE enrollment_codes SET used_at = $1, device_id = $2 WHERE code_hash = $3', [r.now, r.deviceId, r.codeHash]);
      return OUTCOME_OF[decision];
    });
  }

  async listEnrollments(now: number, limit: number) {
    const { rows } = await this.pool.query<EnrollmentRow>(
      `SELECT substr(code_hash, 1, ${ENROLLMENT_ID_LENGTH}) AS id, name, created_at, expires_at, for_device_id FROM enrollment_codes WHERE used_at IS NULL AND expires_at > $1 ORDER BY created_at, code_hash COLLATE "C" LIMIT $2`,
      [now, limit],
    );
    return rows.map(toEnrollment);
  }

  async cancelEnrollment(id: string, now: number) {
    const { rows } = await this.pool.query<EnrollmentRow>(
      `UPDATE enrollment_codes SET expires_at = $1 WHERE substr(code_hash, 1, ${ENROLLMENT_ID_LENGTH}) = $2 AND used_at IS NULL AND expires_at > $1 RETURNING substr(code_hash, 1, ${ENROLLMENT_ID_LENGTH}) AS id, name, created_at, expires_at, for_device_id`,
      [now, id],
    );
    return rows[0] ? toEnrollment(rows[0]) : null;
  }

  async deviceByTokenHash(tokenHash: string) {
    const { rows } = await this.pool.query<PgDeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE token_hash = $1`, [tokenHash]);
    return rows[0] ? toDevice(rows[0]) : null;
  }

  async device(id: string) {
    const { rows } = await this.pool.query<PgDeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE id = $1`, [id]);
    return rows[0] ? toDevice(rows[0]) : null;
  }

  async listDevices(page: { after?: DevicePosition; limit: number }) {
    // COLLATE "C": ids compare byte by byte, the same order as SQLite and as the cursor.
    const { rows } = page.after
      ? await this.pool.query<PgDeviceRow>(
          `SELECT ${DEVICE_COLUMNS} FROM devices WHERE enrolled_at > $1 OR (enrolled_at = $1 AND id COLLATE "C" > $2) ORDER BY enrolled_at, id COLLATE "C" LIMIT $3`,
          [page.after.enrolledAt, page.after.id, page.limit + 1],
        )
      : await this.pool.query<PgDeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM devices ORDER BY enrolled_at, id COLLATE "C" LIMIT $1`, [page.limit + 1]);
    return { devices: rows.slice(0, page.limit).map(toDevice), hasMore: rows.length > page.limit };
  }

  async revokeDevice(id: string, now: number) {
    const { rows } = await this.pool.query<PgDeviceRow>(`UPDATE devices SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2 RETURNING ${DEVICE_COLUMNS}`, [now, id]);
    return rows[0] ? toDevice(rows[0]) : null;
  }

  async touchDevice(id: string, now: number) {
    await this.pool.query('UPDATE devices SET last_seen_at = $1 WHERE id = $2', [now, id]);
  }

  async recordRetryLater(id: string, code: string, now: number) {
    await this.pool.query('UPDATE devices SET last_retry_code = $1, last_retry_at = $2 WHERE id = $3', [code, now, id]);
  }

  async countRetryLaterSince(since: number) {
    const { rows } = await this.pool.query<{ n: BigIntText }>('SELECT COUNT(*) AS n FROM devices WHERE last_retry_at >= $1', [since]);
    return num(rows[0]!.n);
  }

  withPushTx<T>(work: (tx: PushTx) => Promise<T>): Promise<T> {
    return this.transaction((client) => work(pgPushTx(client)), BEGIN_PUSH_SQL);
  }

  async pull(afterSeq: number, limit: number) {
    const { rows } = await this.pool.query<{ server_seq: BigIntText; body: string }>('SELECT server_seq, body FROM operations WHERE server_seq > $1 ORDER BY server_seq LIMIT $2', [
      afterSeq,
      limit + 1,
    ]);
    return { rows: rows.slice(0, limit).map((row) => ({ serverSeq: num(row.server_seq), body: row.body })), hasMore: rows.length > limit };
  }

  async listIncidents(filter: IncidentListFilter) {
    const where = ['complete'];
    const params: unknown[] = [];
    if (filter.statuses) {
      params.push(filter.statuses);
      where.push(`status = ANY($${params.length}::text[])`);
    }
    if (filter.updatedSince !== undefined) {
      params.push(filter.updatedSince);
      where.push(`updated_at COLLATE "C" >= $${params.length}`);
    }
    if (filter.exercise !== undefined) {
      // A column written at push time: casting state to jsonb here failed on text jsonb cannot hold (U+0000, lone surrogates).
      params.push(filter.exercise);
      where.push(`exercise = $${params.length}`);
    }
    const byChange = filter.changedAfterSeq !== undefined;
    if (byChange) {
      params.push(filter.changedAfterSeq);
      where.push(`last_seq > $${params.length}`);
    } else if (filter.afterId !== undefined) {
      params.push(filter.afterId);
      where.push(`id COLLATE "C" > $${params.length}`);
    }
    params.push(filter.limit + 1);
    // COLLATE "C": compare ids byte by byte, the same order as SQLite and as the cursor.
    const order = byChange ? 'last_seq' : 'id COLLATE "C"';
    const { rows } = await this.pool.query<{ state: string; last_seq: BigIntText }>(
      `SELECT state, last_seq FROM incidents WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, filter.limit);
    return { states: page.map((row) => JSON.parse(row.state) as IncidentState), lastSeqs: page.map((row) => num(row.last_seq)), hasMore: rows.length > filter.limit };
  }

  async incident(id: string) {
    const { rows } = await this.pool.query<{ state: string }>('SELECT state FROM incidents WHERE id = $1', [id]);
    if (!rows[0]) return null;
    const timeline = await this.pool.query<{ body: string }>('SELECT body FROM timeline_events WHERE incident_id = $1 ORDER BY hlc COLLATE "C", id COLLATE "C"', [id]);
    const conflicts = await this.pool.query<{ body: string }>('SELECT body FROM conflicts WHERE incident_id = $1 ORDER BY server_seq, id COLLATE "C"', [id]);
    return { state: JSON.parse(rows[0].state) as IncidentState, timeline: timeline.rows.map((e) => e.body), conflicts: conflicts.rows.map((c) => c.body) };
  }

  file(sha256: string, deviceId?: string) {
    return readFile(this.pool, sha256, deviceId);
  }

  putFileChunk(upload: Parameters<HqStore['putFileChunk']>[0]) {
    return this.transaction((client) => applyChunk(pgFileTx(client), upload));
  }

  async fileContent(sha256: string) {
    const { rows } = await this.pool.query<{ complete: boolean }>('SELECT complete FROM files WHERE sha256 = $1', [sha256]);
    return rows[0]?.complete ? readChunks(this.pool, sha256) : null;
  }

  async completeFileSize(sha256: string) {
    const { rows } = await this.pool.query<{ size: BigIntText | null }>(`SELECT size FROM files f WHERE sha256 = $1 AND complete AND ${REFERENCED}`, [sha256]);
    return rows[0] ? numOrNull(rows[0].size) : null;
  }

  async fileChunkAt(sha256: string, offset: number) {
    const { rows } = await this.pool.query<{ bytes: Buffer }>('SELECT bytes FROM file_chunks WHERE sha256 = $1 AND "offset" = $2', [sha256, offset]);
    return rows[0]?.bytes ?? null;
  }

  missingFiles(limit: number) {
    return readMissingFiles(this.pool, limit);
  }

  async rejectedOps(limit: number) {
    const { rows } = await this.pool.query<{ id: BigIntText; device_id: string; op_id: string | null; device_seq: BigIntText | null; code: string; reason: string; body: string; received_at: BigIntText }>(
      'SELECT id, device_id, op_id, device_seq, code, reason, body, received_at FROM rejected_ops ORDER BY id DESC LIMIT $1',
      [limit],
    );
    return rows.map((row) => ({
      id: num(row.id),
      deviceId: row.device_id,
      opId: row.op_id,
      deviceSeq: numOrNull(row.device_seq),
      code: row.code,
      reason: row.reason,
      body: row.body,
      receivedAt: num(row.received_at),
    }));
  }

  async stats() {
    const { rows } = await this.pool.query<Record<'devices' | 'active_devices' | 'operations' | 'incidents' | 'missing_files', BigIntText>>(`SELECT
      (SELECT COUNT(*) FROM devices) AS devices,
      (SELECT COUNT(*) FROM devices WHERE revoked_at IS NULL) AS active_devices,
      (SELECT COUNT(*) FROM operations) AS operations,
      (SELECT COUNT(*) FROM incidents) AS incidents,
      (SELECT COUNT(DISTINCT f.sha256) FROM files f JOIN file_refs r ON r.sha256 = f.sha256 WHERE NOT f.complete) AS missing_files`);
    const row = rows[0]!;
    return { devices: num(row.devices), activeDevices: num(row.active_devices), operations: num(row.operations), incidents: num(row.incidents), missingFiles: num(row.missing_files) };
  }

  async close() {
    await this.pool.end();
  }

  private async transaction<T>(work: (client: PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query(begin);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }
}

/** CREATE SCHEMA IF NOT EXISTS can still collide when two instances start at once; the loser just uses it. */
async function createSchema(client: PoolClient, schema: string): Promise<void> {
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code !== '23505' && code !== '42P06') throw error;
  }
}
