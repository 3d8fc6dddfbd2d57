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
    expect(words).toMatchObject({ text: '3 changes waiting to be sent', state: '3 changes waiting to be sent to HQ', detail: why, tone: 'warn' });
  });

  it('stays quiet for changes made since the last run (nothing to explain)', () => {
    expect(statusWords(idle({ pending: 1 }), true, true, NOW)).toMatchObject({ text: '1 change waiting to be sent', detail: null, tone: 'muted' });
    expect(statusWords(idle({ pending: 0, waitingReason: 'stale' }), true, true, NOW)).toMatchObject({ detail: null, tone: 'muted' });
  });
});

describe('sync status words from what waits on this device now', () => {
  const upToDate: SyncStatus = { ...INITIAL_SYNC_STATUS, state: 'up-to-date', lastSuccessAt: NOW - 60_000, pending: 0 };

  it('never says up to date while a change saved since the last sync waits, and keeps the last sync time', () => {
    const words = statusWords(upToDate, true, true, NOW, { changes: 1, files: 0 });
    expect(words).toMatchObject({ text: '1 change waiting to be sent', state: '1 change waiting to be sent to HQ', tone: 'muted' });
    expect(words.last).toMatch(/^Last synced /);
    expect(JSON.stringify(words)).not.toMatch(/Up to date/);
  });

  it('counts files HQ does not hold yet, like the "On this device only" panel', () => {
    expect(statusWords(upToDate, true, true, NOW, { changes: 0, files: 2 })).toMatchObject({ text: '2 files waiting to be sent', state: '2 files waiting to be sent to HQ' });
    expect(statusWords(upToDate, true, true, NOW, { changes: 3, files: 1 })).toMatchObject({ text: '3 changes, 1 file waiting', state: '3 changes and 1 file waiting to be sent to HQ' });
  });

  it('says up to date only when nothing waits and the last sync succeeded', () => {
    expect(statusWords(upToDate, true, true, NOW, { changes: 0, files: 0 })).toMatchObject({ state: 'Up to date', tone: 'ok' });
    // The engine still counts a change its last run left, but it has been acknowledged since (another window synced).
    expect(statusWords({ ...upToDate, state: 'idle', pending: 1 }, true, true, NOW, { changes: 0, files: 0 }).state).toBe('Waiting for the next sync');
    // While the live count loads, the engine's own count stands in.
    expect(statusWords({ ...upToDate, state: 'idle', pending: 2 }, true, true, NOW).state).toBe('2 changes waiting to be sent to HQ');
  });

  it('leaves syncing, failing and offline words as they were', () => {
    const waiting = { changes: 4, files: 0 };
    expect(statusWords({ ...upToDate, state: 'syncing', progress: { phase: 'push', done: 1, total: 4 } }, true, true, NOW, waiting).text).toBe('Syncing 1 of 4');
    expect(statusWords({ ...upToDate, state: 'failing', lastError: { kind: 'server-error', message: 'HQ had a problem.' } }, true, true, NOW, waiting).state).toBe('Sync failing');
    expect(statusWords(upToDate, true, false, NOW, waiting).state).toBe('Offline');
  });
});
