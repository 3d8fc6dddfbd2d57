// A complete file's bytes as a stream read from the store one chunk at a time, so a download holds one chunk in memory, not the file.
import { Readable } from 'node:stream';
import type { HqStore } from '../store/types';

/**
 * Chunks are read only as the client takes them (highWaterMark 1: at most one chunk waits in the stream's buffer, plus
 * what the socket holds). Before, every download read and concatenated the whole file: 20 downloads of a 50 MiB file
 * took HQ from 191 MB to 952 MB. When the client goes away, Fastify destroys the stream and no further chunk is read.
 * A chunk missing or longer than the file says is an error: the stream is destroyed, so the client sees a cut-off
 * answer (shorter than Content-Length), never wrong bytes presented as the file.
 */
export function fileStream(store: Pick<HqStore, 'fileChunkAt'>, sha256: string, size: number): Readable {
  return Readable.from(chunksOf(store, sha256, size), { objectMode: false, highWaterMark: 1 });
}

async function* chunksOf(store: Pick<HqStore, 'fileChunkAt'>, sha256: string, size: number): AsyncGenerator<Buffer> {
  let offset = 0;
  while (offset < size) {
    const bytes = await store.fileChunkAt(sha256, offset);
    if (bytes === null || bytes.byteLength === 0) throw new Error(`File ${sha256}: no stored chunk starts at byte ${offset} of ${size}; the file's chunks are damaged.`);
    if (offset + bytes.byteLength > size) throw new Error(`File ${sha256}: the chunk at byte ${offset} runs past the file's size of ${size}; the file's chunks are damaged.`);
    offset += bytes.byteLength;
    yield Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
}
