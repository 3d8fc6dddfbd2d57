// The admin token at startup: a given one (flag, file or LANTERN_ADMIN_TOKEN) replaces the stored hash; otherwise the stored one, or a new one printed once.
import { readFileSync } from 'node:fs';
import { hashSecret, newToken } from '../auth/secrets';
import type { HqStore } from '../store/types';
import { adminTokenProblem } from './args';

export interface AdminTokenSetup {
  readonly hash: string;
  /** Set only when HQ generated a token now: print it once, it is not stored anywhere. */
  readonly generated: string | null;
  /** For the log: what happened to the stored hash (never the token itself). */
  readonly change: 'set' | 'replaced' | 'unchanged' | 'generated';
}

/** Reads --admin-token-file (surrounding whitespace and the final newline ignored); throws a message that says what to fix. */
export function readAdminTokenFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new Error(`Cannot read the admin token file "${path}" (${code}). Check the path and that this user may read it.`);
  }
  const problem = adminTokenProblem(text);
  if (problem) throw new Error(`The admin token in "${path}" ${problem}`);
  return text;
}

export async function setUpAdminToken(store: HqStore, given: string | undefined): Promise<AdminTokenSetup> {
  const stored = (await store.meta()).adminTokenHash;
  if (given !== undefined) {
    const hash = hashSecret(given);
    if (hash === stored) return { hash, generated: null, change: 'unchanged' };
    await store.setAdminTokenHash(hash);
    return { hash, generated: null, change: stored === null ? 'set' : 'replaced' };
  }
  if (stored) return { hash: stored, generated: null, change: 'unchanged' };
  const token = newToken();
  const hash = hashSecret(token);
  await store.setAdminTokenHash(hash);
  return { hash, generated: token, change: 'generated' };
}
