// The error a remote LocalReplica call fails with: the page's database is unreachable, failed, or answered nonsense.
import { FileUploadError } from '../../../shared/sync/engine/file-upload';

export type ReplicaFailure = 'no-page' | 'timeout' | 'page-gone' | 'storage' | 'quota' | 'bad-answer' | 'other-device';

const MESSAGES: Record<ReplicaFailure, string> = {
  'no-page': 'Lantern’s window is not open, so sync waits for it. Nothing was lost; sync continues when the window is open.',
  timeout: 'Lantern’s local database did not answer in time, so the sync stopped. Nothing was lost; Lantern tries again shortly.',
  'page-gone': 'Lantern’s window was closed or reloaded during the sync. Nothing was lost; Lantern tries again shortly.',
  storage: 'Lantern could not read or write its data on this computer, so the sync stopped. Nothing was lost; restart Lantern if this keeps happening.',
  quota: 'This computer’s disk is full, so Lantern could not save what it fetched from HQ. Nothing was lost; free some disk space and sync again.',
  'bad-answer': 'Lantern’s local database answered in an unexpected way, so the sync stopped and nothing was changed. Restart Lantern if this keeps happening.',
  'other-device': 'Lantern’s local database was created anew since this device was connected to HQ, so its changes carry another device id. Nothing was lost and nothing was sent; connect again in Settings → Sync with a new enrollment code.',
};

/** Not a SyncError: the scheduler shows it as a 'local-storage' failure with this message and retries with backoff. */
export class ReplicaUnavailableError extends Error {
  override readonly name = 'ReplicaUnavailableError';
  constructor(
    readonly failure: ReplicaFailure,
    options?: { cause?: unknown },
  ) {
    super(MESSAGES[failure], options);
  }
}

/** The scheduler's describeLocalError: our own messages for replica and file upload failures, a generic one otherwise. */
export function describeReplicaError(error: unknown): string {
  return error instanceof ReplicaUnavailableError || error instanceof FileUploadError ? error.message : MESSAGES.storage;
}
