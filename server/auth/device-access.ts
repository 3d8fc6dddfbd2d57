// Whether a request's device token still grants access, judged on the device row as the store holds it right now.
import type { DeviceAccess } from '../store/types';
import { sameHash } from './secrets';

/** 'revoked': the admin revoked the device; 'token-replaced': a re-enrollment gave the device a new token. */
export type AccessRefusal = 'revoked' | 'token-replaced';

/** Why `tokenHash` no longer lets its device write, or null while it does. `current` null: the device is gone. */
export function accessRefusal(current: DeviceAccess | null, tokenHash: string): AccessRefusal | null {
  if (current === null || !sameHash(current.tokenHash, tokenHash)) return 'token-replaced';
  return current.revokedAt === null ? null : 'revoked';
}
