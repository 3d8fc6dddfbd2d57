// The SyncError a sync request failed with, for transport tests (fails the test if it succeeded or failed otherwise).
import { SyncError } from '../../../../../shared/sync/engine';

export async function rejection(request: Promise<unknown>): Promise<SyncError> {
  const error = await request.then(
    () => new Error('expected the request to fail'),
    (e: unknown) => e,
  );
  if (!(error instanceof SyncError)) throw error;
  return error;
}
