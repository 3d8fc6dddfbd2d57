// Plain-words messages for a failed "Connect": HQ unreachable, bad code, version mismatch, TLS, keyring, key file.
import { isSyncError, type SyncError } from '../../../shared/sync/engine/sync-error';
import { isSecretStoreError } from '../secrets/secret-store';

const TLS_PATTERN = /ERR_CERT|ERR_SSL|CERT_|SSL|TLS|certificate|self[- ]signed|UNABLE_TO_VERIFY/i;

export const CONNECT_MESSAGES = {
  unreachable: 'HQ cannot be reached at this address. Check the address for typing mistakes and that this computer is online, then try again.',
  tls: 'The connection to HQ is not secure: its certificate is not trusted by this computer (expired, self-signed or for another name). Ask your administrator; Lantern will not send the enrollment code over it.',
  timeout: 'HQ did not answer in time. Check the connection and try again.',
  codeRefused: 'HQ did not accept this enrollment code: it may be mistyped, used already or expired. Ask your administrator for a new code.',
  notHq: 'The server at this address answered, but not like a Lantern HQ. Check the address your administrator gave you.',
  hqProblem: 'HQ had a problem and could not connect this device. Try again in a few minutes.',
  busy: 'HQ is busy right now. Try again in a minute.',
  tokenStorage: 'This computer cannot store the device key securely (its keyring is not available), so the device was not connected. Sign in to the desktop session with a keyring, or ask your administrator.',
  secretsUnreadable: 'Lantern could not replace its unreadable key file (secrets.json) on this computer, so the device was not connected. Check that Lantern’s folder is not read-only, then connect again with a new enrollment code.',
  saveFailed: 'Lantern could not save the connection on this computer (the disk may be full or read-only). Nothing was changed; try again.',
  wrongDevice: 'HQ answered for another device than this one, so the connection was not saved. Ask your administrator.',
} as const;

/** The messages of every cause in the chain (fetch wraps TLS failures a few levels deep). */
function causeText(error: unknown, depth = 0): string {
  if (depth > 5 || error === null || typeof error !== 'object') return '';
  const own = [(error as { message?: unknown }).message, (error as { code?: unknown }).code].filter((part) => typeof part === 'string').join(' ');
  return `${own} ${causeText((error as { cause?: unknown }).cause, depth + 1)}`;
}

function describeSyncError(error: SyncError): string {
  switch (error.kind) {
    case 'offline':
      return TLS_PATTERN.test(causeText(error.details.cause)) ? CONNECT_MESSAGES.tls : CONNECT_MESSAGES.unreachable;
    case 'timeout':
      return CONNECT_MESSAGES.timeout;
    case 'unauthorized':
      // HQ knows this device already (409 device-exists): its own words say to ask for a re-enrollment code.
      if (error.details.code === 'device-exists') return error.message;
      return CONNECT_MESSAGES.codeRefused;
    case 'revoked':
    case 'client-newer':
    case 'client-outdated':
      // HQ too old (426 client-newer) or this app too old (426 client-outdated): the engine's own words.
      return error.message;
    case 'rate-limited':
      return CONNECT_MESSAGES.busy;
    case 'server-error':
      return CONNECT_MESSAGES.hqProblem;
    case 'bad-response':
    case 'epoch-changed':
      return CONNECT_MESSAGES.notHq;
  }
}

/** For enrollment failures; never echoes HQ's body or the code. */
export function describeConnectError(error: unknown): string {
  if (isSyncError(error)) return describeSyncError(error);
  // The keyring and the key file fail for different reasons and are fixed differently: each gets its own words.
  if (isSecretStoreError(error, 'unavailable') || isSecretStoreError(error, 'undecryptable')) return CONNECT_MESSAGES.tokenStorage;
  if (isSecretStoreError(error, 'unreadable')) return CONNECT_MESSAGES.secretsUnreadable;
  return CONNECT_MESSAGES.saveFailed;
}
