// Typed sync failures: a machine kind for the engine and scheduler, and a plain-words message for the person.
import { PROTOCOL_MESSAGES } from '../wire';

export const SYNC_ERROR_KINDS = [
  'offline',
  'timeout',
  'unauthorized',
  'revoked',
  'client-newer',
  'client-outdated',
  'epoch-changed',
  'server-error',
  'bad-response',
  'rate-limited',
] as const;
export type SyncErrorKind = (typeof SYNC_ERROR_KINDS)[number];

/**
 * For a device HQ revoked. Only a re-enrollment code HQ's administrator issues for this device id lets it sync again
 * (an ordinary code for a new device is refused for a revoked id), so the words ask for that, naming the id when known.
 */
export function revokedMessage(deviceId?: string): string {
  const which = deviceId === undefined ? 'this device (its device id is shown in Settings → Sync)' : `device ${deviceId}`;
  return (
    'An administrator disconnected this device from HQ, so it does not sync any more. Your data stays on this device. ' +
    `To sync again, ask your HQ administrator for a re-enrollment code for ${which}, then connect with it in Settings → Sync. ` +
    'An ordinary enrollment code (for a new device) will be refused.'
  );
}

/** What the person reads; every message says that local data is safe and what to do next. */
export const SYNC_ERROR_MESSAGES: Record<SyncErrorKind, string> = {
  offline: 'HQ cannot be reached. Lantern keeps working offline and syncs when the connection is back. Your data stays on this device.',
  timeout: 'HQ did not answer in time. Lantern will try again; check the connection if this keeps happening. Your data stays on this device.',
  // HQ may still know the device (its key was replaced by a later enrollment): then only a code issued for this device id works.
  unauthorized: 'HQ no longer accepts this device’s sign-in. Ask your HQ administrator for an enrollment code for this device (its id is shown in Settings → Sync) and connect again. Your data stays on this device.',
  revoked: revokedMessage(),
  'client-newer': PROTOCOL_MESSAGES['client-newer'],
  'client-outdated': PROTOCOL_MESSAGES['client-outdated'],
  'epoch-changed': 'HQ was restored from a backup. Lantern sends its changes again and fetches everything anew; nothing needs to be done.',
  'server-error': 'HQ had a problem and could not finish the sync. Lantern will try again later. Your data stays on this device.',
  'bad-response': 'HQ sent an answer Lantern does not understand, so nothing was changed. Lantern will try again later; if it keeps happening, tell your administrator.',
  'rate-limited': 'HQ is busy and asked Lantern to wait. Lantern will try again shortly. Your data stays on this device.',
};

export interface SyncErrorDetails {
  /** HTTP status, when HQ answered. */
  status?: number;
  /** HQ's machine code (`error` in the body), when it sent one. */
  code?: string;
  /** HQ's new epoch (epoch-changed). */
  epoch?: string;
  /** How long HQ asked us to wait (rate-limited), in ms. */
  retryAfterMs?: number;
  /** Bytes HQ holds of a file (offset-mismatch, hash-mismatch). */
  received?: number;
  /** Protocol versions HQ serves (client-newer / client-outdated). */
  supported?: { min: number; max: number };
  cause?: unknown;
}

export class SyncError extends Error {
  override readonly name = 'SyncError';
  readonly kind: SyncErrorKind;
  readonly details: SyncErrorDetails;

  constructor(kind: SyncErrorKind, message: string = SYNC_ERROR_MESSAGES[kind], details: SyncErrorDetails = {}) {
    super(message);
    this.kind = kind;
    this.details = details;
  }
}

export function isSyncError(error: unknown): error is SyncError {
  return error instanceof SyncError;
}

/** Kinds that retrying on a timer cannot fix: a person (or an update) has to act first. */
export function needsPerson(kind: SyncErrorKind): boolean {
  return kind === 'unauthorized' || kind === 'revoked' || kind === 'client-newer' || kind === 'client-outdated';
}

/** Kinds that mean "no connection" rather than "something is wrong". */
export function isOfflineKind(kind: SyncErrorKind): boolean {
  return kind === 'offline' || kind === 'timeout';
}
