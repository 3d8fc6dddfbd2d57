// syncFailureActivity: only failures that need a person become alerts, once per failure streak.
import { describe, expect, it } from 'vitest';
import { syncFailureActivity } from '../../../../shared/notifications/sync-alerts';

const failing = (kind: string, lastSuccessAt: number | null = 5) => ({ state: 'failing', lastSuccessAt, lastError: { kind, message: 'HQ no longer accepts this device’s sign-in.' } });

describe('syncFailureActivity', () => {
  it('reports sign-in, revocation, version and storage problems; stays quiet for ones that heal by retrying', () => {
    expect(syncFailureActivity(failing('unauthorized'))).toMatchObject({ kind: 'sync', id: 'unauthorized:5', actor: null });
    expect(syncFailureActivity(failing('local-storage', null))?.id).toBe('local-storage:never');
    for (const kind of ['offline', 'timeout', 'server-error', 'rate-limited', 'bad-response', 'epoch-changed']) expect(syncFailureActivity(failing(kind))).toBeNull();
    expect(syncFailureActivity({ state: 'idle', lastSuccessAt: 1, lastError: null })).toBeNull();
  });

  it('gives a repeating failure the same id until a sync succeeds', () => {
    expect(syncFailureActivity(failing('revoked', 5))?.id).toBe(syncFailureActivity(failing('revoked', 5))?.id);
    expect(syncFailureActivity(failing('revoked', 9))?.id).not.toBe(syncFailureActivity(failing('revoked', 5))?.id);
  });
});
