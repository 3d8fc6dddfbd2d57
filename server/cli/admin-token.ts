// The admin token at startup: --admin-token replaces the stored hash; otherwise the stored one, or a new one printed once.
import { hashSecret, newToken } from '../auth/secrets';
import type { HqStore } from '../store/types';

export interface AdminTokenSetup {
  readonly hash: string;
  /** Set only when HQ generated a token now: print it once, it is not stored anywhere. */
  readonly generated: string | null;
}

export async function setUpAdminToken(store: HqStore, given: string | undefined): Promise<AdminTokenSetup> {
  if (given !== undefined) {
    const hash = hashSecret(given);
    await store.setAdminTokenHash(hash);
    return { hash, generated: null };
  }
  const stored = (await store.meta()).adminTokenHash;
  if (stored) return { hash: stored, generated: null };
  const token = newToken();
  const hash = hashSecret(token);
  await store.setAdminTokenHash(hash);
  return { hash, generated: token };
}
