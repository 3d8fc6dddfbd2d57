// Row shapes of the SQLite store and their mapping to store records.
import type { DeviceRecord, FileRecord } from '../types';


export interface DeviceRow {
  id: string;
  name: string;
  enrolled_at: number;
  last_seen_at: number | null;
  revoked_at: number | null;
  last_seq: number;
  last_hlc: string | null;
  clock_skew_ms: number | null;
  last_retry_code: string | null;
  last_retry_at: number | null;
}

export function toDevice(row: DeviceRow): DeviceRecord {
  return {
    id: row.id,
    name: row.name,
    enrolledAt: row.enrolled_at,
    lastSeenAt: row.last_seen_at,
    revokedAt: row.revoked_at,
    lastSeq: row.last_seq,
    lastHlc: row.last_hlc,
    clockSkewMs: row.clock_skew_ms,
    lastRetryLater: row.last_retry_code !== null && row.last_retry_at !== null ? { code: row.last_retry_code, at: row.last_retry_at } : null,
  };
}

export interface FileRow {
  sha256: string;
  size: number | null;
  received: number;
  complete: number;
}

export function toFile(row: FileRow): FileRecord {
  return { sha256: row.sha256, size: row.size, received: row.received, complete: row.complete === 1 };
}

export const DEVICE_COLUMNS = 'id, name, enrolled_at, last_seen_at, revoked_at, last_seq, last_hlc, clock_skew_ms, last_retry_code, last_retry_at';
