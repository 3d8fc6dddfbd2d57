// Row shapes of the PostgreSQL store (BIGINT columns arrive as strings) and their mapping to store records.
import type { DeviceRecord, FileRecord } from '../types';

export type BigIntText = string;

export interface PgDeviceRow {
  id: string;
  name: string;
  enrolled_at: BigIntText;
  last_seen_at: BigIntText | null;
  revoked_at: BigIntText | null;
  last_seq: BigIntText;
  last_hlc: string | null;
  clock_skew_ms: BigIntText | null;
  last_retry_code: string | null;
  last_retry_at: BigIntText | null;
}

export const num = (value: BigIntText | number): number => Number(value);
export const numOrNull = (value: BigIntText | number | null): number | null => (value === null ? null : Number(value));

export function toDevice(row: PgDeviceRow): DeviceRecord {
  return {
    id: row.id,
    name: row.name,
    enrolledAt: num(row.enrolled_at),
    lastSeenAt: numOrNull(row.last_seen_at),
    revokedAt: numOrNull(row.revoked_at),
    lastSeq: num(row.last_seq),
    lastHlc: row.last_hlc,
    clockSkewMs: numOrNull(row.clock_skew_ms),
    lastRetryLater: row.last_retry_code !== null && row.last_retry_at !== null ? { code: row.last_retry_code, at: num(row.last_retry_at) } : null,
  };
}

export interface PgFileRow {
  sha256: string;
  size: BigIntText | null;
  received: BigIntText;
  complete: boolean;
}

export function toFile(row: PgFileRow): FileRecord {
  return { sha256: row.sha256, size: numOrNull(row.size), received: num(row.received), complete: row.complete };
}

export const DEVICE_COLUMNS = 'id, name, enrolled_at, last_seen_at, revoked_at, last_seq, last_hlc, clock_skew_ms, last_retry_code, last_retry_at';
