// File and chunk tables on SQLite: the FileTx primitives (partial uploads per device) and the read queries for files.
import type Database from 'better-sqlite3';
import type { FileTx } from '../../files/chunk-upload';
import type { FileRecord, MissingFileRecord } from '../types';
import { toFile, type FileRow } from './sqlite-rows';
import { prepared } from './statements';

/** An accepted operation names the file (rows of `files` alias f); files uploaded by an older HQ without one do not count. */
export const REFERENCED = 'EXISTS (SELECT 1 FROM file_refs r WHERE r.sha256 = f.sha256)';

/** Some reference names the file with the size bound first (a reference from before sizes were kept per reference may have none). */
const SIZE_NAMED = 'EXISTS (SELECT 1 FROM file_refs r WHERE r.sha256 = f.sha256 AND (r.size = ? OR r.size IS NULL))';

export function sqliteFileTx(db: Database.Database): FileTx {
  return {
    async deviceAccess(deviceId) {
      const row = prepared(db, 'SELECT token_hash, revoked_at FROM devices WHERE id = ?').get(deviceId) as { token_hash: string; revoked_at: number | null } | undefined;
      return row ? { tokenHash: row.token_hash, revokedAt: row.revoked_at } : null;
    },
    async referencedFile(sha256, size) {
      const row = prepared(db, `SELECT sha256, size, received, complete, ${SIZE_NAMED} AS size_named FROM files f WHERE sha256 = ? AND ${REFERENCED}`).get(size, sha256) as
        | (FileRow & { size_named: number })
        | undefined;
      return row ? { file: toFile(row), sizeNamed: row.size_named === 1 } : null;
    },
    async upload(sha256, deviceId) {
      return (prepared(db, 'SELECT size, received FROM file_uploads WHERE sha256 = ? AND device_id = ?').get(sha256, deviceId) as { size: number; received: number } | undefined) ?? null;
    },
    async startUpload(sha256, deviceId, size, now) {
      prepared(db, 'DELETE FROM upload_chunks WHERE sha256 = ? AND device_id = ?').run(sha256, deviceId);
      prepared(
        db,
        `INSERT INTO file_uploads (sha256, device_id, size, received, created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?)
         ON CONFLICT (sha256, device_id) DO UPDATE SET size = excluded.size, received = 0, created_at = excluded.created_at, updated_at = excluded.updated_at`,
      ).run(sha256, deviceId, size, now, now);
    },
    async addChunk(sha256, deviceId, offset, bytes, received, now) {
      prepared(db, 'INSERT INTO upload_chunks (sha256, device_id, offset, bytes) VALUES (?, ?, ?, ?)').run(sha256, deviceId, offset, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      prepared(db, 'UPDATE file_uploads SET received = ?, updated_at = ? WHERE sha256 = ? AND device_id = ?').run(received, now, sha256, deviceId);
    },
    async chunks(sha256, deviceId) {
      const rows = prepared(db, 'SELECT bytes FROM upload_chunks WHERE sha256 = ? AND device_id = ? ORDER BY offset').all(sha256, deviceId) as { bytes: Buffer }[];
      return rows.map((row) => row.bytes);
    },
    async discardUpload(sha256, deviceId) {
      prepared(db, 'DELETE FROM upload_chunks WHERE sha256 = ? AND device_id = ?').run(sha256, deviceId);
      prepared(db, 'DELETE FROM file_uploads WHERE sha256 = ? AND device_id = ?').run(sha256, deviceId);
    },
    async completeFile(sha256, deviceId, size, now) {
      prepared(db, 'DELETE FROM file_chunks WHERE sha256 = ?').run(sha256);
      prepared(db, 'INSERT INTO file_chunks (sha256, offset, bytes) SELECT sha256, offset, bytes FROM upload_chunks WHERE sha256 = ? AND device_id = ?').run(sha256, deviceId);
      prepared(db, 'UPDATE files SET size = ?, received = ?, complete = 1, completed_at = ? WHERE sha256 = ?').run(size, size, now, sha256);
      prepared(db, 'DELETE FROM upload_chunks WHERE sha256 = ?').run(sha256);
      prepared(db, 'DELETE FROM file_uploads WHERE sha256 = ?').run(sha256);
    },
    async expireUploads(before) {
      prepared(db, 'DELETE FROM upload_chunks WHERE (sha256, device_id) IN (SELECT sha256, device_id FROM file_uploads WHERE updated_at < ?)').run(before);
      prepared(db, 'DELETE FROM file_uploads WHERE updated_at < ?').run(before);
    },
  };
}

/**
 * Before a file is complete its size is not known for sure (each reference keeps the size its operation named): shown
 * only when every reference names the same one, else null.
 */
const AGREED_SIZE = '(SELECT CASE WHEN COUNT(DISTINCT r.size) = 1 AND COUNT(r.size) = COUNT(*) THEN MIN(r.size) END FROM file_refs r WHERE r.sha256 = f.sha256)';

/** The file as one device sees it (its own partial upload), or as the admin does (the furthest partial upload). */
export function readFile(db: Database.Database, sha256: string, deviceId: string | undefined): FileRecord | null {
  const row = prepared(db, `SELECT sha256, COALESCE(size, ${AGREED_SIZE}) AS size, received, complete FROM files f WHERE sha256 = ?`).get(sha256) as FileRow | undefined;
  if (!row) return null;
  const file = toFile(row);
  if (file.complete) return file;
  if (deviceId === undefined) {
    const furthest = prepared(db, 'SELECT MAX(received) AS received FROM file_uploads WHERE sha256 = ?').get(sha256) as { received: number | null };
    return { ...file, received: furthest.received ?? 0 };
  }
  const mine = prepared(db, 'SELECT size, received FROM file_uploads WHERE sha256 = ? AND device_id = ?').get(sha256, deviceId) as { size: number; received: number } | undefined;
  return mine ? { ...file, size: mine.size, received: mine.received } : { ...file, received: 0 };
}

export function readChunks(db: Database.Database, sha256: string): Uint8Array[] {
  const rows = prepared(db, 'SELECT bytes FROM file_chunks WHERE sha256 = ? ORDER BY offset').all(sha256) as { bytes: Buffer }[];
  return rows.map((row) => row.bytes);
}

/**
 * One entry per file and size named: each operation is listed under the size it named (a device naming another device's
 * file with another size gets an entry of its own), with the furthest upload at that size.
 */
export function readMissingFiles(db: Database.Database, limit: number): MissingFileRecord[] {
  const rows = db
    .prepare(
      `SELECT f.sha256, r.size,
              COALESCE((SELECT MAX(u.received) FROM file_uploads u WHERE u.sha256 = f.sha256 AND (u.size = r.size OR r.size IS NULL)), 0) AS received,
              f.complete, json_group_array(r.op_id) AS op_ids
       FROM files f JOIN file_refs r ON r.sha256 = f.sha256
       WHERE f.complete = 0 GROUP BY f.sha256, r.size ORDER BY f.created_at, f.sha256, COALESCE(r.size, -1) LIMIT ?`,
    )
    .all(limit) as (FileRow & { op_ids: string })[];
  return rows.map((row) => ({ ...toFile(row), opIds: JSON.parse(row.op_ids) as string[] }));
}
