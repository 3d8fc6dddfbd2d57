// In-memory FileSource for uploader and sync service tests: files by SHA-256, reads counted, upload marks kept.
import type { FileSource, PendingFile } from '../../../../../shared/sync/engine';

/** WebCrypto, so the renderer tests (no Node types) can use this kit too. */
export async function sha256Of(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new Uint8Array(bytes));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Byte-for-byte equality (fast; deep equality of large arrays is slow in the test runner). */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Deterministic bytes of any size (a different `seed` gives another file). */
export function fileBytes(size: number, seed = 1): Uint8Array {
  const bytes = new Uint8Array(size);
  let x = Math.imul(seed, 2654435761) >>> 0;
  for (let i = 0; i < size; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}

export class MemoryFileSource implements FileSource {
  /** `size` is the recorded size (tests damage `bytes` to simulate a broken disk). */
  readonly files = new Map<string, { bytes: Uint8Array; size: number; incidentIds: Set<string>; uploadedAt: number | null }>();
  readonly reads: { sha256: string; offset: number; length: number }[] = [];
  marks = 0;

  /** Attaches bytes to an incident; the same bytes on another incident reuse the one stored file (like Dexie). */
  async attach(bytes: Uint8Array, incidentId = 'incident-1'): Promise<string> {
    const sha256 = await sha256Of(bytes);
    const existing = this.files.get(sha256);
    if (existing) existing.incidentIds.add(incidentId);
    else this.files.set(sha256, { bytes, size: bytes.byteLength, incidentIds: new Set([incidentId]), uploadedAt: null });
    return sha256;
  }

  uploaded(sha256: string): boolean {
    return (this.files.get(sha256)?.uploadedAt ?? null) !== null;
  }

  /** In attach order; `after` a hash not held lists from the start (as Dexie does). */
  async pendingFiles(limit: number, after?: string): Promise<PendingFile[]> {
    const entries = [...this.files.entries()];
    const start = entries.findIndex(([sha256]) => sha256 === after) + 1;
    return entries
      .slice(start)
      .filter(([, file]) => file.uploadedAt === null)
      .slice(0, limit)
      .map(([sha256, file]) => ({ sha256, size: file.size }));
  }

  async readChunk(sha256: string, offset: number, length: number): Promise<Uint8Array> {
    const file = this.files.get(sha256);
    if (!file) throw new Error(`no file ${sha256}`);
    this.reads.push({ sha256, offset, length });
    return file.bytes.slice(offset, offset + length);
  }

  async markUploaded(sha256: string): Promise<void> {
    const file = this.files.get(sha256);
    if (file && file.uploadedAt === null) file.uploadedAt = ++this.marks;
  }
}
