// File and chunk tables on PostgreSQL: the FileTx primitives (file row locked FOR UPDATE, partial uploads per device) and file reads.
import type { PoolClient, Pool } from 'pg';
import type { FileTx } from '../../files/chunk-upload';
import type { FileRecord, MissingFileRecord } from '../types';
import { num, numOrNull, toFile, type BigIntText, type PgFileRow } from './pg-rows';

const bytesOf = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** An accepted operation names the file (rows of `files` alias f); files uploaded by an older HQ without one do not count. */
export const REFERENCED = 'EXISTS (SELECT 1 FROM file_refs r WHERE r.sha256 = f.sha256)';

export function pgFileTx(client: PoolClient): FileTx {
  return {
    async deviceAccess(deviceId) {
      // FOR SHARE: a revocation (an UPDATE of the row) waits for this chunk's commit instead of slipping in before it.
      const { rows } = await client.query<{ token_hash: string; revoked_at: BigIntText | null }>('SELECT token_hash, revoked_at FROM devices WHERE id = $1 FOR SHARE', [deviceId]);
      return rows[0] ? { tokenHash: rows[0].token_hash, revokedAt: numOrNull(rows[0].revoked_at) } : null;
    },
    async referencedFile(sha256, size) {
      // The lock serializes every upload of this file, so two devices completing it at once store it once.
      const { rows } = await client.query<PgFileRow & { size_named: boolean }>(
        `SELECT f.sha256, f.size, f.received, f.complete,
                EXISTS (SELECT 1 FROM file_refs r WHERE r.sha256 = f.sha256 AND (r.size = $2 OR r.size IS NULL)) AS size_named
         FROM files f WHERE f.sha256 = $1 AND ${REFERENCED} FOR UPDATE OF f`,
        [sha256, size],
      );
      return rows[0] ? { file: toFile(rows[0]), sizeNamed: rows[0].size_named } : null;
    },
    async upload(sha256, deviceId) {
      const { rows } = await client.query<{ size: BigIntText; received: BigIntText }>('SELECT size, received FROM file_uploads WHERE sha256 = $1 AND device_id = $2', [sha256, deviceId]);
      return rows[0] ? { size: num(rows[0].size), received: num(rows[0].received) } : null;
    },
    async startUpload(sha256, deviceId, size, now) {
      await client.query('DELETE FROM upload_chunks WHERE sha256 = $1 AND device_id = $2', [sha256, deviceId]);
      await client.query(
        `INSERT INTO file_uploads (sha256, device_id, size, received, created_at, updated_at) VALUES ($1, $2, $3, 0, $4, $4)
         ON CONFLICT (sha256, device_id) DO UPDATE SET size = excluded.size, received = 0, created_at = excluded.created_at, updated_at = excluded.updated_at`,
        [sha256, deviceId, size, now],
      );
    },
    async addChunk(sha256, deviceId, offset, bytes, received, now) {
      await client.query('INSERT INTO upload_chunks (sha256, device_id, "offset", bytes) VALUES ($1, $2, $3, $4)', [sha256, deviceId, offset, bytesOf(bytes)]);
      await client.query('UPDATE file_uploads SET received = $1, updated_at = $2 WHERE sha256 = $3 AND device_id = $4', [received, now, sha256, deviceId]);
    },
    async chunks(sha256, deviceId) {
      const { rows } = await client.query<{ bytes: Buffer }>('SELECT bytes FROM upload_chunks WHERE sha256 = $1 AND device_id = $2 ORDER BY "offset"', [sha256, deviceId]);
      return rows.map((row) => row.bytes);
    },
    async discardUpload(sha256, deviceId) {
      await client.query('DELETE FROM upload_chunks WHERE sha256 = $1 AND device_id = $2', [sha256, deviceId]);
      await client.query('DELETE FROM file_uploads WHERE sha256 = $1 AND device_id = $2', [sha256, deviceId]);
    },
    async completeFile(sha256, deviceId, size, now) {
      await client.query('DELETE FROM file_chunks WHERE sha256 = $1', [sha256]);
      await client.query('INSERT INTO file_chunks (sha256, "offset", bytes) SELECT sha256, "offset", bytes FROM upload_chunks WHERE sha256 = $1 AND device_id = $2', [sha256, deviceId]);
      await client.query('UPDATE files SET size = $1, received = $1, complete = TRUE, completed_at = $2 WHERE sha256 = $3', [size, now, sha256]);
      await client.query('DELETE FROM upload_chunks WHERE sha256 = $1', [sha256]);
      await client.query('DELETE FROM file_uploads WHERE sha256 = $1', [sha256]);
    },
    async expireUploads(before) {
      await client.query('DELETE FROM upload_chunks WHERE (sha256, device_id) IN (SELECT sha256, device_id FROM file_uploads WHERE updated_at < $1)', [before]);
      await client.query('DELETE FROM file_uploads WHERE updated_at < $1', [before]);
    },
  };
}

/** As on SQLite: an incomplete file's size is shown only when every reference names the same one, else null. */
const AGREED_SIZE = '(SELECT CASE WHEN COUNT(DISTINCT r.size) = 1 AND COUNT(r.size) = COUNT(*) THEN MIN(r.size) END FROM file_refs r WHERE r.sha256 = f.sha256)';

/** The file as one device sees it (its own partial upload), or as the admin does (the furthest partial upload). */
export async function readFile(pool: Pool, sha256: string, deviceId: string | undefined): Promise<FileRecord | null> {
  const { rows } = await pool.query<PgFileRow & { mine_size: BigIntText | null; mine_received: BigIntText | null; furthest: BigIntText | null }>(
    `SELECT f.sha256, COALESCE(f.size, ${AGREED_SIZE}) AS size, f.received, f.complete, u.size AS mine_size, u.received AS mine_received,
            (SELECT MAX(a.received) FROM file_uploads a WHERE a.sha256 = f.sha256) AS furthest
     FROM files f LEFT JOIN file_uploads u ON u.sha256 = f.sha256 AND u.device_id = $2
     WHERE f.sha256 = $1`,
    [sha256, deviceId ?? null],
  );
  const row = rows[0];
  if (!row) return null;
  const file = toFile(row);
  if (file.complete) return file;
  if (deviceId === undefined) return { ...file, received: num(row.furthest ?? 0) };
  return row.mine_size === null ? { ...file, received: 0 } : { ...file, size: numOrNull(row.mine_size), received: num(row.mine_received ?? 0) };
}

export async function readChunks(client: PoolClient | Pool, sha256: string): Promise<Uint8Array[]> {
  const { rows } = await client.query<{ bytes: Buffer }>('SELECT bytes FROM file_chunks WHERE sha256 = $1 ORDER BY "offset"', [sha256]);
  return rows.map((row) => row.bytes);
}

/** One entry per file and size named (as on SQLite): each operation is listed under the size it named. */
export async function readMissingFiles(pool: Pool, limit: number): Promise<MissingFileRecord[]> {
  const { rows } = await pool.query<PgFileRow & { op_ids: string[] }>(
    `SELECT f.sha256, r.size,
            COALESCE((SELECT MAX(u.received) FROM file_uploads u WHERE u.sha256 = f.sha256 AND (u.size = r.size OR r.size IS NULL)), 0) AS received,
            f.complete, array_agg(r.op_id ORDER BY r.op_id) AS op_ids
     FROM files f JOIN file_refs r ON r.sha256 = f.sha256
     WHERE NOT f.complete GROUP BY f.sha256, r.size ORDER BY MIN(f.created_at), f.sha256, COALESCE(r.size, -1) LIMIT $1`,
    [limit],
  );
  return rows.map((row) => ({ ...toFile(row), opIds: row.op_ids }));
}
