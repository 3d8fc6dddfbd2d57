// A run's files go after its operations: also when only the pull failed, never when the push did.
import { describe, expect, it, vi } from 'vitest';
import { SyncError, syncThenUploadFiles, type SyncOnceOptions, type SyncReport } from '../../../../../shared/sync/engine';

const REPORT = { finishedAt: 1 } as unknown as SyncReport;

/** An engine run that fails (or not) before or after its push. */
function run(outcome: 'ok' | 'push fails' | 'pull fails') {
  return async (options: SyncOnceOptions): Promise<SyncReport> => {
    if (outcome === 'push fails') throw new SyncError('offline');
    options.onPushed?.();
    if (outcome === 'pull fails') throw new SyncError('bad-response');
    return REPORT;
  };
}

describe('syncThenUploadFiles', () => {
  it('uploads after a run that went through, and returns its report', async () => {
    const uploadFiles = vi.fn(async () => undefined);
    await expect(syncThenUploadFiles({ syncOnce: run('ok'), uploadFiles })).resolves.toBe(REPORT);
    expect(uploadFiles).toHaveBeenCalledTimes(1);
  });

  it('fails the run when the upload fails after a run that went through', async () => {
    const uploadFiles = vi.fn(async () => Promise.reject(new Error('file refused')));
    await expect(syncThenUploadFiles({ syncOnce: run('ok'), uploadFiles })).rejects.toThrow('file refused');
  });

  it('uploads after a failed pull, then fails with the pull error', async () => {
    const uploadFiles = vi.fn(async () => undefined);
    await expect(syncThenUploadFiles({ syncOnce: run('pull fails'), uploadFiles })).rejects.toMatchObject({ kind: 'bad-response' });
    expect(uploadFiles).toHaveBeenCalledTimes(1);
  });

  it('still reports the pull error when that upload fails too, and says so in the log', async () => {
    const warn = vi.fn();
    const uploadFiles = vi.fn(async () => Promise.reject(new Error('HQ went away')));
    await expect(syncThenUploadFiles({ syncOnce: run('pull fails'), uploadFiles, warn })).rejects.toMatchObject({ kind: 'bad-response' });
    expect(warn.mock.calls[0]?.[0]).toContain('HQ went away');
  });

  it('uploads nothing when the push failed', async () => {
    const uploadFiles = vi.fn(async () => undefined);
    await expect(syncThenUploadFiles({ syncOnce: run('push fails'), uploadFiles })).rejects.toMatchObject({ kind: 'offline' });
    expect(uploadFiles).not.toHaveBeenCalled();
  });
});
