// A download streams the stored chunks in order, and stops short (an error, never wrong bytes) when they are damaged.
import { describe, expect, it } from 'vitest';
import { fileStream } from '../../../server/files/file-stream';

/** A store holding the given chunks at their byte offsets (as HQ stores a file's chunks). */
function storeOf(chunks: readonly Uint8Array[]) {
  const byOffset = new Map<number, Uint8Array>();
  let offset = 0;
  for (const chunk of chunks) {
    byOffset.set(offset, chunk);
    offset += chunk.byteLength;
  }
  return { fileChunkAt: async (_sha256: string, at: number) => byOffset.get(at) ?? null };
}

async function read(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part as Uint8Array));
  return Buffer.concat(parts);
}

const bytes = (text: string) => new Uint8Array(Buffer.from(text));

describe('fileStream', () => {
  it('yields the chunks in order, as many bytes as the file has', async () => {
    const body = await read(fileStream(storeOf([bytes('abc'), bytes('defg'), bytes('h')]), 'f', 8));
    expect(body.toString()).toBe('abcdefgh');
  });

  it('fails when a chunk is missing, after the bytes before it', async () => {
    const stream = fileStream(storeOf([bytes('abc')]), 'f', 8);
    await expect(read(stream)).rejects.toThrow(/no stored chunk starts at byte 3 of 8/);
  });

  it('fails when a chunk runs past the size the file claims, without sending it', async () => {
    const parts: string[] = [];
    const stream = fileStream(storeOf([bytes('abc'), bytes('defgh')]), 'f', 6);
    await expect(
      (async () => {
        for await (const part of stream) parts.push(Buffer.from(part as Uint8Array).toString());
      })(),
    ).rejects.toThrow(/runs past the file's size of 6/);
    expect(parts.join('')).toBe('abc');
  });
});
