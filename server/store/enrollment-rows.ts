// The row of an outstanding enrollment code, the same shape from both stores (PostgreSQL's BIGINTs arrive as text).
import type { EnrollmentRecord } from './types';

export interface EnrollmentRow {
  id: string;
  name: string;
  created_at: number | string;
  expires_at: number | string;
  for_device_id: string | null;
}

export function toEnrollment(row: EnrollmentRow): EnrollmentRecord {
  return { id: row.id, name: row.name, createdAt: Number(row.created_at), expiresAt: Number(row.expires_at), forDeviceId: row.for_device_id };
}
