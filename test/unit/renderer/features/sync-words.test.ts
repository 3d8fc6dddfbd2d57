// The sync pill's words when changes wait: the count, and HQ's reason when HQ turned them away for now.
import { describe, expect, it } from 'vitest';
import { statusWords } from '../../../../renderer/features/sync/sync-words';
import { INITIAL_SYNC_STATUS, type SyncStatus } from '../../../../shared/sync/engine';

const NOW = Date.UTC(2026, 10, 27, 12, 0);
const idle = (extra: Partial<SyncStatus>): SyncStatus => ({ ...INITIAL_SYNC_STATUS, state: 'idle', lastSuccessAt: NOW - 60_000, ...extra });

describe('sync status words while changes wait', () => {
  it("says why when HQ cannot take them yet, as a warning", () => {
    const why = 'Written by a newer Lantern than HQ runs; it is kept on the device until HQ is updated.';
    const words = statusWords(idle({ pending: 3, waitingReason: why }), true, true, NOW);
    expect(words).toMatchObject({ text: '3 changes waiting', state: '3 changes waiting to be sent to HQ', detail: why, tone: 'warn' });
  });

  it('stays quiet for changes made since the last run (nothing to explain)', () => {
    expect(statusWords(idle({ pending: 1 }), true, true, NOW)).toMatchObject({ text: '1 change waiting', detail: null, tone: 'muted' });
    expect(statusWords(idle({ pending: 0, waitingReason: 'stale' }), true, true, NOW)).toMatchObject({ detail: null, tone: 'muted' });
  });
});
