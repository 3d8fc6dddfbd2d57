// File and chunk tables on SQLite: the FileTx primitives and the read queries for files.
import type Database from 'better-sqlite3';
import type { FileTx } from '../../files/chunk-upload';
import type { MissingFileRecord } from '../types';
import { toFile, type FileRow } from './sqlite-rows';
import { prepared } from './statements';

export function sqliteFileTx(db: Database.Database): FileTx {
  return {
    async getOrCreate(sha256, size, now) {
      prepared(db, 'INSERT INTO files (sha256, size, created_at) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING').run(sha256, size, now);
      return toFile(prepared(db, 'SELECT sha256, size, received, complete FROM files WHERE sha256 = ?').get(sha256) as FileRow);
    },
    async setSize(sha256, size) {
      prepared(db, 'UPDATE files SET size = ? WHERE sha256 = ?').run(size, sha256);
    },
    async addChunk(sha256, offset, bytes, received) {
      prepared(db, 'INSERT INTO file_chunks (sha256, offset, bytes) VALUES (?, ?, ?)').run(sha256, offset, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      prepared(db, 'UPDATE files SET received = ? WHERE sha256 = ?').run(received, sha256);
    },
    async chunks(sha256) {
      return readChunks(db, sha256);
    },
    async markComplete(sha256, now) {
      prepared(db, 'UPDATE files SET complete = 1, completed_at = ? WHERE sha256 = ?').run(now, sha256);
    },
    async discard(sha256) {
      prepared(db, 'DELETE FROM file_chunks WHERE sha256 = ?').run(sha256);
      prepared(db, 'UPDATE files SET received = 0 WHERE sha256 = ?').run(sha256);
    },
  };
}

export function readChunks(db: Database.Database, sha256: string): Uint8Array[] {
  const rows = prepared(db, 'SELECT bytes FROM file_chunks WHERE sha256 = ? ORDER BY offset').all(sha256) as { bytes: Buffer }[];
  return rows.map((row) => row.bytes);
}

export function readMissingFiles(db: Database.Database, limit: number): MissingFileRecord[] {
  const rows = db
    .prepare(
      `SELECT f.sha256, f.size, f.received, f.complete, json_group_array(r.op_id) AS op_ids
       FROM files f JOIN file_refs r ON r.sha256 = f.sha256
       WHERE f.complete = 0 GROUP BY f.sha256 ORDER BY f.created_at, f.sha256 LIMIT ?`,
    )
    .all(limit) as (FileRow & { op_ids: string })[];
  return rows.map((row) => ({ ...toFile(row), opIds: JSON.parse(row.op_ids) as string[] }));
}
