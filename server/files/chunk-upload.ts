// Resumable, verified chunk upload logic shared by both stores: per-device partial uploads, SHA-256 check, stored once.
import { accessRefusal } from '../auth/device-access';
import type { ChunkOutcome, ChunkUpload, DeviceAccess, FileRecord } from '../store/types';
import { sha256OfChunks } from './sha256';

/** A partial upload untouched this long is dropped (the device, if it comes back, starts that file again). */
export const STALE_UPLOAD_MS = 7 * 24 * 3_600_000;

export interface PartialUpload {
  readonly size: number;
  readonly received: number;
}

/** The file-table primitives a store provides inside one transaction (the file row locked). */
export interface FileTx {
  /** The device's token and revocation as of now (on PostgreSQL its row stays locked against a revocation until commit). */
  deviceAccess(deviceId: string): Promise<DeviceAccess | null>;
  /**
   * Reads and locks the file row if an accepted operation names the file (a file_refs row); null when no operation
   * names it. `sizeNamed`: some accepted operation named the file with this size (each reference keeps its own size).
   */
  referencedFile(sha256: string, size: number): Promise<ReferencedFile | null>;
  /** The device's own partial upload of the file, or null. */
  upload(sha256: string, deviceId: string): Promise<PartialUpload | null>;
  /** Starts the device's upload afresh (any earlier partial of it is dropped). */
  startUpload(sha256: string, deviceId: string, size: number, now: number): Promise<void>;
  addChunk(sha256: string, deviceId: string, offset: number, bytes: Uint8Array, received: number, now: number): Promise<void>;
  chunks(sha256: string, deviceId: string): Promise<Uint8Array[]>;
  /** Drops the device's partial upload. */
  discardUpload(sha256: string, deviceId: string): Promise<void>;
  /** Makes the device's verified upload the file's content, marks it complete, drops every partial upload of it. */
  completeFile(sha256: string, deviceId: string, size: number, now: number): Promise<void>;
  /** Drops partial uploads last touched before `before`. */
  expireUploads(before: number): Promise<void>;
}

export interface ReferencedFile {
  readonly file: FileRecord;
  readonly sizeNamed: boolean;
}

export async function applyChunk(tx: FileTx, upload: ChunkUpload): Promise<ChunkOutcome> {
  const { sha256, deviceId, size, offset, bytes, now } = upload;
  // Checked in the chunk's own transaction: a device revoked after its request was let in stores nothing.
  if (upload.tokenHash !== undefined) {
    const refusal = accessRefusal(await tx.deviceAccess(deviceId), upload.tokenHash);
    if (refusal !== null) return { kind: 'access-ended', refusal };
  }
  // Only files an accepted operation names, at a size one of them named: no device can park arbitrary files at HQ. A
  // device sends a file after the operation naming it was acknowledged, so a refusal here only means "not yet". The
  // size is checked per reference, not against the first one HQ saw: a device that named someone else's file with a
  // made-up size must not block the real upload (the SHA-256 check at the end decides what the file is).
  const referenced = await tx.referencedFile(sha256, size);
  if (referenced === null) return { kind: 'not-referenced', file: { sha256, size: null, received: 0, complete: false } };
  const { file } = referenced;
  // Same content uploaded again (by this or another device): stored once, nothing to do.
  if (file.complete) return { kind: 'stored', file };
  if (!referenced.sizeNamed) return { kind: 'not-referenced', file: { ...file, received: 0 } };
  let mine = await tx.upload(sha256, deviceId);
  const view = (partial: PartialUpload): FileRecord => ({ sha256, size: partial.size, received: partial.received, complete: false });
  if (mine && mine.size !== size) {
    // Only this device's own upload can disagree on the size; sending from 0 again starts it over.
    if (offset !== 0) return { kind: 'size-mismatch', file: view(mine) };
    mine = null;
  }
  if (!mine) {
    if (offset !== 0) return { kind: 'offset-mismatch', file: view({ size, received: 0 }) };
    await tx.expireUploads(now - STALE_UPLOAD_MS);
    await tx.startUpload(sha256, deviceId, size, now);
    mine = { size, received: 0 };
  }
  if (offset !== mine.received) return { kind: 'offset-mismatch', file: view(mine) };
  if (offset + bytes.length > size) return { kind: 'too-long', file: view(mine) };
  const received = offset + bytes.length;
  if (bytes.length > 0) await tx.addChunk(sha256, deviceId, offset, bytes, received, now);
  if (received < size) return { kind: 'stored', file: view({ size, received }) };

  if (sha256OfChunks(await tx.chunks(sha256, deviceId)) !== sha256) {
    await tx.discardUpload(sha256, deviceId);
    return { kind: 'hash-mismatch', file: view({ size, received: 0 }) };
  }
  await tx.completeFile(sha256, deviceId, size, now);
  return { kind: 'stored', file: { sha256, size, received: size, complete: true } };
}
