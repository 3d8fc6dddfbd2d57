// One scheduled sync run: operations (push, then pull), then the attachment files, even when only the pull failed.
import type { SyncOnceOptions } from './sync-engine';
import type { SyncProgress, SyncReport } from './sync-report';

export interface SyncRunParts {
  readonly syncOnce: (options: SyncOnceOptions) => Promise<SyncReport>;
  /** Uploads the files HQ lacks (uploadPendingFiles); rejects when one could not be sent. */
  readonly uploadFiles: () => Promise<unknown>;
  readonly onProgress?: (progress: SyncProgress) => void;
  readonly warn?: (message: string) => void;
}

/**
 * Files travel after the operations that reference them (HQ tracks them as missing until then). When the operations
 * reached HQ but the pull then failed (say a page written by a newer Lantern, refused until this one is updated), the
 * files still go: otherwise every photo would wait for the pull to be fixed while other laptops see them "missing at
 * HQ". The run still fails with the pull's error, which is what the person must act on; a failed upload then only
 * waits for the next run. When the push itself failed, nothing is uploaded (HQ is unreachable or refused this device).
 */
export async function syncThenUploadFiles(parts: SyncRunParts): Promise<SyncReport> {
  let pushed = false;
  let report: SyncReport;
  try {
    report = await parts.syncOnce({
      ...(parts.onProgress ? { onProgress: parts.onProgress } : {}),
      onPushed: () => {
        pushed = true;
      },
    });
  } catch (error) {
    if (pushed) {
      await parts.uploadFiles().catch((uploadError: unknown) => parts.warn?.(`Lantern sync: files were not all sent after the pull failed (${uploadError instanceof Error ? uploadError.message : String(uploadError)}).`));
    }
    throw error;
  }
  await parts.uploadFiles();
  return report;
}
