// Host-agnostic attachment upload: resumes from HQ's offset, sends chunks in order, marks a file uploaded once HQ verified it.
import { FILE_CHUNK_BYTES, MAX_FILE_CHUNK_BYTES } from '../wire';
import type { SyncProgress } from './sync-report';
import { isSyncError } from './sync-error';
import type { SyncTransport } from './transport';

/** A file the device holds that HQ may not have yet; named by the SHA-256 (lower-case hex) of its bytes. */
export interface PendingFile {
  readonly sha256: string;
  readonly size: number;
}

/**
 * Where the file bytes live: Dexie in the page (renderer/db/sync-files.ts), reached over IPC from main
 * (RemoteReplica), or memory in tests.
 */
export interface FileSource {
  /**
   * Up to `limit` files not marked uploaded, oldest first in one fixed order; each hash once however many incidents
   * use it. With `after` (the hash a previous listing ended with) only the files after that one, so the uploader
   * pages past files refused in this run instead of being handed the same ones again.
   */
  pendingFiles(limit: number, after?: string): Promise<PendingFile[]>;
  /** Exactly `length` bytes from `offset` (the caller never asks past the end of the file). */
  readChunk(sha256: string, offset: number, length: number): Promise<Uint8Array>;
  /** HQ holds every byte and verified the hash: the file no longer counts as "only on this device". */
  markUploaded(sha256: string): Promise<void>;
}

/** Files asked for per listing; also the IPC bound of one `pendingFiles` answer. */
export const MAX_PENDING_FILES_PER_CALL = 200;

export const FILE_UPLOAD_MESSAGES = {
  hashMismatch:
    'An attached file on this computer no longer matches its fingerprint (the disk may have damaged it), so HQ refused it. The other data was sent; the damaged file stays on this computer. Attach the original again if you still have it.',
  sizeMismatch: 'HQ is receiving an attached file with a different size than the one on this computer, so it was not sent. Lantern tries again later; tell your administrator if this keeps happening.',
  tooLarge: 'An attached file is larger than HQ accepts, so it stays on this computer only. Ask your administrator about HQ’s file size limit.',
  noProgress: 'HQ did not take the next part of an attached file, so the upload stopped. Lantern tries again later from where HQ stands.',
  badChunk: 'Lantern could not read an attached file on this computer completely, so it was not sent. Nothing was lost; Lantern tries again later.',
} as const;

/** Why one file could not be sent in this run (the other files were still tried). */
export class FileUploadError extends Error {
  override readonly name = 'FileUploadError';
  constructor(
    message: string,
    readonly failed: readonly { readonly sha256: string; readonly message: string }[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface FileUploadOptions {
  readonly source: FileSource;
  readonly transport: Pick<SyncTransport, 'fileStatus' | 'uploadChunk'>;
  /** `{ phase: 'files', done, total }` before each file and once at the end. */
  readonly onProgress?: (progress: SyncProgress) => void;
  /** Bytes per PUT (default FILE_CHUNK_BYTES, never above MAX_FILE_CHUNK_BYTES). */
  readonly chunkBytes?: number;
  /** Offset corrections HQ may ask for per file before the run gives up (default 3). */
  readonly maxResyncs?: number;
}

export interface FileUploadReport {
  /** Files HQ now holds completely (sent in this run, or already there from another device or incident). */
  readonly uploaded: number;
  /** Bytes sent in this run. */
  readonly bytesSent: number;
}

/** With MAX_PENDING_FILES_PER_CALL, up to 10,000 files per run. */
const MAX_LISTINGS_PER_RUN = 50;

/** Below this a 413 is not about the chunk size any more (HQ refuses the whole file). */
const MIN_CHUNK_BYTES = 64 * 1024;

/**
 * Sends every pending file. A transport error (offline, timeout, HQ down, revoked) ends the run at once:
 * nothing is marked, and the next run asks HQ where to resume. A file HQ refuses for good (bytes do not
 * match the hash, too large) does not hold back the others; the run then fails with a FileUploadError.
 */
export async function uploadPendingFiles(options: FileUploadOptions): Promise<FileUploadReport> {
  const { source, onProgress } = options;
  const chunkBytes = clampChunk(options.chunkBytes ?? FILE_CHUNK_BYTES);
  const maxResyncs = Math.max(0, Math.floor(options.maxResyncs ?? 3));
  const attempted = new Set<string>();
  const failed: { sha256: string; message: string }[] = [];
  let uploaded = 0;
  let bytesSent = 0;
  let done = 0;
  // Each listing starts after the last file of the one before: refused files stay pending, and a listing from the
  // start would hand back the same ones, so a full listing of refusals would hide every newer file in every run. A
  // listing without new names ends the run (also with a source that ignores `after`). The round bound only matters
  // if files keep arriving during the run: the rest waits for the next run.
  let after: string | undefined;
  for (let round = 0; round < MAX_LISTINGS_PER_RUN; round++) {
    const page = await source.pendingFiles(MAX_PENDING_FILES_PER_CALL, after);
    const listed = unique(page).filter((file) => !attempted.has(file.sha256));
    if (listed.length === 0) break;
    after = page[page.length - 1]!.sha256;
    const total = done + listed.length;
    for (const file of listed) {
      attempted.add(file.sha256);
      onProgress?.({ phase: 'files', done, total });
      const outcome = await uploadOne(options, file, chunkBytes, maxResyncs);
      bytesSent += outcome.bytesSent;
      if (outcome.kind === 'complete') {
        await source.markUploaded(file.sha256);
        uploaded += 1;
      } else failed.push({ sha256: file.sha256, message: outcome.message });
      done += 1;
    }
    onProgress?.({ phase: 'files', done, total: done });
  }
  if (failed.length > 0) {
    const first = failed[0]!.message;
    throw new FileUploadError(failed.length === 1 ? first : `${failed.length} attached files were not sent. ${first}`, failed);
  }
  return { uploaded, bytesSent };
}

type Outcome = { kind: 'complete'; bytesSent: number } | { kind: 'refused'; message: string; bytesSent: number };

async function uploadOne(options: FileUploadOptions, file: PendingFile, initialChunk: number, maxResyncs: number): Promise<Outcome> {
  const { source, transport } = options;
  let offset = await resumePoint(transport, file.sha256);
  if (offset === 'complete') return { kind: 'complete', bytesSent: 0 };
  let chunkBytes = initialChunk;
  let resyncs = 0;
  let bytesSent = 0;
  // Every round sends a chunk (offset grows), takes HQ's offset (at most maxResyncs times) or halves the chunk
  // (down to MIN_CHUNK_BYTES), so the loop ends.
  for (;;) {
    if (offset > file.size) offset = 0;
    const length = Math.min(chunkBytes, file.size - offset);
    const bytes = await source.readChunk(file.sha256, offset, length);
    // Shorter than recorded: the stored file is damaged; sending it would only make HQ refuse the hash.
    if (bytes.byteLength !== length) return { kind: 'refused', message: FILE_UPLOAD_MESSAGES.badChunk, bytesSent };
    try {
      const status = await transport.uploadChunk({ sha256: file.sha256, offset, size: file.size, bytes });
      bytesSent += length;
      // `complete` comes only after HQ hashed every byte and found the name right.
      if (status.complete && status.sha256 === file.sha256) return { kind: 'complete', bytesSent };
      if (status.received <= offset) throw new FileUploadError(FILE_UPLOAD_MESSAGES.noProgress);
      offset = status.received;
    } catch (error) {
      if (!isSyncError(error)) throw error;
      if (error.details.status === 413) {
        // A proxy in front of HQ with a smaller body limit: smaller chunks get through. At the smallest
        // chunk HQ refuses the file itself (over its size limit).
        if (length <= MIN_CHUNK_BYTES) return { kind: 'refused', message: FILE_UPLOAD_MESSAGES.tooLarge, bytesSent };
        chunkBytes = Math.max(MIN_CHUNK_BYTES, Math.floor(length / 2));
        continue;
      }
      const code = error.details.code;
      const refusal = code !== undefined && Object.hasOwn(REFUSALS, code) ? REFUSALS[code] : undefined;
      if (refusal !== undefined) return { kind: 'refused', message: refusal, bytesSent };
      const received = error.details.code === 'offset-mismatch' ? error.details.received : undefined;
      if (received === undefined || resyncs >= maxResyncs) throw error;
      resyncs += 1;
      offset = received;
    }
  }
}

/** HQ's `received` for the file, or 'complete'. A 404 (an HQ that does not know the file yet) means: start at 0. */
async function resumePoint(transport: FileUploadOptions['transport'], sha256: string): Promise<number | 'complete'> {
  try {
    const status = await transport.fileStatus(sha256);
    return status.complete && status.sha256 === sha256 ? 'complete' : status.received;
  } catch (error) {
    if (isSyncError(error) && error.details.status === 404) return 0;
    throw error;
  }
}

/** HQ's answers that sending the same bytes again cannot fix: the file is skipped in this run, the others go on. */
const REFUSALS: Readonly<Record<string, string>> = {
  'hash-mismatch': FILE_UPLOAD_MESSAGES.hashMismatch,
  'size-mismatch': FILE_UPLOAD_MESSAGES.sizeMismatch,
};

function unique(files: readonly PendingFile[]): PendingFile[] {
  const seen = new Map<string, PendingFile>();
  for (const file of files) if (!seen.has(file.sha256)) seen.set(file.sha256, file);
  return [...seen.values()];
}

function clampChunk(bytes: number): number {
  return Number.isFinite(bytes) ? Math.min(MAX_FILE_CHUNK_BYTES, Math.max(1, Math.floor(bytes))) : FILE_CHUNK_BYTES;
}
