// Plain-words messages for a failed "Connect" in main: HQ's answers (shared words, both hosts), keyring, key file, disk.
import { describeConnectFailure, type ConnectTarget } from '../../../shared/sync/engine/connect-errors';
import { isSyncError } from '../../../shared/sync/engine/sync-error';
import { isSecretStoreError } from '../secrets/secret-store';

/** Failures only main has: storing the device key and the settings on this computer. */
export const CONNECT_MESSAGES = {
  tokenStorage: 'This computer cannot store the device key securely (its keyring is not available), so the device was not connected. Sign in to the desktop session with a keyring, or ask your administrator.',
  secretsUnreadable: 'Lantern could not replace its unreadable key file (secrets.json) on this computer, so the device was not connected. Check that Lantern’s folder is not read-only, then connect again with a new enrollment code.',
  saveFailed: 'Lantern could not save the connection on this computer (the disk may be full or read-only). Nothing was changed; try again.',
  wrongDevice: 'HQ answered for another device than this one, so the connection was not saved. Ask your administrator.',
} as const;

/** For enrollment failures; never echoes HQ's body or the code. */
export function describeConnectError(error: unknown, target: ConnectTarget): string {
  // Unreachable, not an HQ, code refused, revoked …: the same words as in browser mode, naming the address tried.
  if (isSyncError(error)) return describeConnectFailure(error, target);
  // The keyring and the key file fail for different reasons and are fixed differently: each gets its own words.
  if (isSecretStoreError(error, 'unavailable') || isSecretStoreError(error, 'undecryptable')) return CONNECT_MESSAGES.tokenStorage;
  if (isSecretStoreError(error, 'unreadable')) return CONNECT_MESSAGES.secretsUnreadable;
  return CONNECT_MESSAGES.saveFailed;
}
