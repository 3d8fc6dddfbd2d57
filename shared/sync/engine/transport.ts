// The HQ connection as the engine sees it: parsed, validated answers or a thrown SyncError.
import type { Operation } from '../operation';
import type { EnrollResponse, FileStatus, PullResponse, PushResponse } from '../wire';

export interface EnrollInput {
  code: string;
  deviceId: string;
  deviceName: string;
}

export interface UploadChunkInput {
  sha256: string;
  /** Where this chunk starts; must equal HQ's `received`. */
  offset: number;
  /** The whole file's size in bytes. */
  size: number;
  bytes: Uint8Array;
}

/**
 * Every method resolves with a response that passed the wire schema, or rejects with a SyncError.
 * Implementations: createFetchTransport (fetch in the page, Electron's net.fetch in main) and the
 * in-memory fakes of the tests.
 */
export interface PushOptions {
  /** Sent as `answeredBelowIn` (see shared/sync/wire/push.ts): HQ answered every earlier operation in this epoch. */
  readonly answeredBelowIn?: string;
}

export interface SyncTransport {
  enroll(input: EnrollInput): Promise<EnrollResponse>;
  /**
   * At most MAX_PUSH_OPS operations of this device, in deviceSeq order. `opsJson`, when given, is exactly
   * JSON.stringify(ops) (the engine serialized them to size the batch), so a transport need not do it again.
   */
  push(ops: readonly Operation[], opsJson?: string, options?: PushOptions): Promise<PushResponse>;
  /** `cursor` null starts from the beginning. */
  pull(cursor: string | null, limit: number): Promise<PullResponse>;
  uploadChunk(input: UploadChunkInput): Promise<FileStatus>;
  fileStatus(sha256: string): Promise<FileStatus>;
}
