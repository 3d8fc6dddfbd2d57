// Resumable, verified chunk upload logic shared by both stores: in-order chunks, SHA-256 check on the last one.
import type { ChunkOutcome, ChunkUpload, FileRecord } from '../store/types';
import { sha256OfChunks } from './sha256';

/** The file-table primitives a store provides inside one transaction (the file row locked). */
export interface FileTx {
  /** Reads the file row, creating it (size, nothing received) when absent. */
  getOrCreate(sha256: string, size: number, now: number): Promise<FileRecord>;
  setSize(sha256: string, size: number): Promise<void>;
  addChunk(sha256: string, offset: number, bytes: Uint8Array, received: number): Promise<void>;
  chunks(sha256: string): Promise<Uint8Array[]>;
  markComplete(sha256: string, now: number): Promise<void>;
  /** Drops every chunk and sets received back to 0. */
  discard(sha256: string): Promise<void>;
}

export async function applyChunk(tx: FileTx, upload: ChunkUpload): Promise<ChunkOutcome> {
  const { sha256, size, offset, bytes, now } = upload;
  let file = await tx.getOrCreate(sha256, size, now);
  // Same content uploaded again (by this or another device): stored once, nothing to do.
  if (file.complete) return { kind: 'stored', file };
  if (file.size !== size) {
    if (file.received > 0) return { kind: 'size-mismatch', file };
    await tx.setSize(sha256, size);
    file = { ...file, size };
  }
  if (offset !== file.received) return { kind: 'offset-mismatch', file };
  if (offset + bytes.length > size) return { kind: 'too-long', file };
  const received = offset + bytes.length;
  if (bytes.length > 0) await tx.addChunk(sha256, offset, bytes, received);
  if (received < size) return { kind: 'stored', file: { ...file, received } };

  if (sha256OfChunks(await tx.chunks(sha256)) !== sha256) {
    await tx.discard(sha256);
    return { kind: 'hash-mismatch', file: { ...file, received: 0, complete: false } };
  }
  await tx.markComplete(sha256, now);
  return { kind: 'stored', file: { ...file, received, complete: true } };
}
