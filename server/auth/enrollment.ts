// Issues a one-time enrollment code (shown once; HQ stores its hash), used by the admin API and the CLI.
import type { HqStore } from '../store/types';
import { hashEnrollmentCode, newEnrollmentCode } from './secrets';

export const DEFAULT_ENROLLMENT_TTL_HOURS = 72;

export async function issueEnrollmentCode(store: HqStore, name: string, now: number, ttlHours = DEFAULT_ENROLLMENT_TTL_HOURS): Promise<{ code: string; name: string; expiresAt: string }> {
  const code = newEnrollmentCode();
  const expiresAt = now + ttlHours * 3_600_000;
  await store.createEnrollment({ codeHash: hashEnrollmentCode(code), name, createdAt: now, expiresAt });
  return { code, name, expiresAt: new Date(expiresAt).toISOString() };
}
