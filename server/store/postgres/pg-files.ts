// File and chunk tables on PostgreSQL: the FileTx primitives (file row locked FOR UPDATE) and file reads.
import type { PoolClient, Pool } from 'pg';
import type { FileTx } from '../../files/chunk-upload';
import type { MissingFileRecord } from '../types';
import { toFile, type PgFileRow } from './pg-rows';

export function pgFileTx(client: PoolClient): FileTx {
  return {
    async getOrCreate(sha256, size, now) {
      await client.query('INSERT INTO files (sha256, size, created_at) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING', [sha256, size, now]);
      const { rows } = await client.query<PgFileRow>('SELECT sha256, size, received, complete FROM files WHERE sha256 = $1 FOR UPDATE', [sha256]);
      return toFile(rows[0]!);
    },
    async setSize(sha256, size) {
      await client.query('UPDATE files SET size = $1 WHERE sha256 = $2', [size, sha256]);
    },
    async addChunk(sha256, offset, bytes, received) {
      await client.query('INSERT INTO file_chunks (sha256, "offset", bytes) VALUES ($1, $2, $3)', [sha256, offset, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]);
      await client.query('UPDATE files SET received = $1 WHERE sha256 = $2', [received, sha256]);
    },
    async chunks(sha256) {
      return readChunks(client, sha256);
    },
    async markComplete(sha256, now) {
      await client.query('UPDATE files SET complete = TRUE, completed_at = $1 WHERE sha256 = $2', [now, sha256]);
    },
    async discard(sha256) {
      await client.query('DELETE FROM file_chunks WHERE sha256 = $1', [sha256]);
      await client.query('UPDATE files SET received = 0 WHERE sha256 = $1', [sha256]);
    },
  };
}

export async function readChunks(client: PoolClient | Pool, sha256: string): Promise<Uint8Array[]> {
  const { rows } = await client.query<{ bytes: Buffer }>('SELECT bytes FROM file_chunks WHERE sha256 = $1 ORDER BY "offset"', [sha256]);
  return rows.map((row) => row.bytes);
}

export async function readMissingFiles(pool: Pool, limit: number): Promise<MissingFileRecord[]> {
  const { rows } = await pool.query<PgFileRow & { op_ids: string[] }>(
    `SELECT f.sha256, f.size, f.received, f.complete, array_agg(r.op_id ORDER BY r.op_id) AS op_ids
     FROM files f JOIN file_refs r ON r.sha256 = f.sha256
     WHERE NOT f.complete GROUP BY f.sha256 ORDER BY MIN(f.created_at), f.sha256 LIMIT $1`,
    [limit],
  );
  return rows.map((row) => ({ ...toFile(row), opIds: row.op_ids }));
}
