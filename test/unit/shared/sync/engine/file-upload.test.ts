// The shared uploader against the real HQ (in-process, SQLite) and against fakes for the faults HQ never makes on purpose.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createFetchTransport,
  FILE_UPLOAD_MESSAGES,
  FileUploadError,
  MAX_PENDING_FILES_PER_CALL,
  SyncError,
  uploadPendingFiles,
  type FetchLike,
  type SyncProgress,
  type SyncTransport,
  type UploadChunkInput,
} from '../../../../../shared/sync/engine';
import type { FileStatus } from '../../../../../shared/sync/wire';
import { STORE_FACTORIES } from '../../../server/support/store-factories';
import { TestHq } from '../../../server/support/test-hq';
import { fileBytes, MemoryFileSource, sha256Of } from '../support/memory-files';

const KIB = 1024;
const sqlite = STORE_FACTORIES.find((factory) => factory.name === 'sqlite')!;

/** One HQ for the file: every test enrolls its own devices and uses its own file contents. */
let hq: TestHq;
beforeAll(async () => {
  hq = await TestHq.start(sqlite);
}, 30_000);
afterAll(async () => {
  await hq?.close();
});
let devices = 0;
const namedAtHq = new Set<string>();

interface Put {
  sha256: string;
  offset: number;
  bytes: number;
}

/** A device transport to the real HQ over fetch; `cutAfterPuts` drops the connection once after that many PUTs. */
async function realHq(cutAfterPuts: number | null = null) {
  const deviceId = `dev-${++devices}`;
  const token = await hq.enroll(deviceId);
  const puts: Put[] = [];
  let cut = false;
  const fetchToHq: FetchLike<unknown> = async (url, init) => {
    if (init.method === 'PUT') {
      // HQ takes only files an accepted operation names: each is named once, as a device's push before its upload does.
      const target = new URL(url);
      const named = target.pathname.split('/').pop()!;
      if (!namedAtHq.has(named)) {
        namedAtHq.add(named);
        await hq.referenceFile(named, Number(target.searchParams.get('size')));
      }
      if (!cut && cutAfterPuts !== null && puts.length === cutAfterPuts) {
        cut = true;
        throw new TypeError('fetch failed: connection reset');
      }
      const query = new URL(url).searchParams;
      puts.push({ sha256: new URL(url).pathname.split('/').pop()!, offset: Number(query.get('offset')), bytes: (init.body as Uint8Array).byteLength });
    }
    const response = await fetch(url, init as RequestInit);
    return { status: response.status, headers: response.headers, text: () => response.text() };
  };
  const transport = createFetchTransport<unknown>({ baseUrl: hq.url, token, deviceId, fetch: fetchToHq, timers: { setTimeout, clearTimeout } });
  return { transport, puts, hq };
}

/** The bytes HQ stored for a file, as a Buffer (compared with `equals`: deep equality of 300 KB is slow). */
async function contentAtHq(server: TestHq, sha256: string): Promise<Buffer | null> {
  const chunks = await server.store.fileContent(sha256);
  return chunks ? Buffer.concat(chunks) : null;
}

// Generous timeouts: this machine runs many suites at once, and every step is a real HTTP round trip.
describe('uploadPendingFiles against the real HQ', { timeout: 20_000 }, () => {
  it('resumes an interrupted upload from HQ’s offset; HQ verifies the bytes; only then is the file marked', async () => {
    const { transport, puts, hq: server } = await realHq(2);
    const source = new MemoryFileSource();
    const bytes = fileBytes(300 * KIB);
    const sha = await source.attach(bytes);

    await expect(uploadPendingFiles({ source, transport, chunkBytes: 64 * KIB })).rejects.toMatchObject({ kind: 'offline' });
    expect(source.uploaded(sha)).toBe(false);
    expect(puts.map((p) => p.offset)).toEqual([0, 64 * KIB]);

    const report = await uploadPendingFiles({ source, transport, chunkBytes: 64 * KIB });
    expect(report).toEqual({ uploaded: 1, bytesSent: 300 * KIB - 128 * KIB });
    // The second run started where HQ stood: nothing sent twice.
    expect(puts.map((p) => p.offset)).toEqual([0, 64, 128, 192, 256].map((k) => k * KIB));
    expect(source.uploaded(sha)).toBe(true);
    expect((await contentAtHq(server, sha))?.equals(bytes)).toBe(true);
    expect(await uploadPendingFiles({ source, transport })).toEqual({ uploaded: 0, bytesSent: 0 });
  });

  it('uploads a file attached to two incidents once, and a second device holding it sends no bytes', async () => {
    const a = await realHq();
    const source = new MemoryFileSource();
    const bytes = fileBytes(40 * KIB, 7);
    const sha = await source.attach(bytes, 'incident-1');
    expect(await source.attach(bytes, 'incident-2')).toBe(sha);
    const other = await source.attach(fileBytes(10 * KIB, 8), 'incident-2');

    expect(await uploadPendingFiles({ source, transport: a.transport })).toEqual({ uploaded: 2, bytesSent: 50 * KIB });
    expect(a.puts.filter((p) => p.sha256 === sha)).toHaveLength(1);
    expect([source.uploaded(sha), source.uploaded(other)]).toEqual([true, true]);

    const b = await realHq();
    const sourceB = new MemoryFileSource();
    await sourceB.attach(bytes, 'incident-9');
    expect(await uploadPendingFiles({ source: sourceB, transport: b.transport })).toEqual({ uploaded: 1, bytesSent: 0 });
    expect(b.puts).toEqual([]);
    expect(sourceB.uploaded(sha)).toBe(true);
  });

  it('a damaged local file (bytes no longer match its name) is refused by HQ, kept unmarked, and does not hold back the others', async () => {
    const { transport, hq: server } = await realHq();
    const source = new MemoryFileSource();
    const good = fileBytes(20 * KIB, 3);
    const damaged = fileBytes(20 * KIB, 4);
    const damagedSha = await source.attach(damaged);
    damaged[100] = damaged[100]! ^ 0xff;
    const goodSha = await source.attach(good);

    const error = await uploadPendingFiles({ source, transport }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileUploadError);
    expect((error as FileUploadError).message).toBe(FILE_UPLOAD_MESSAGES.hashMismatch);
    expect((error as FileUploadError).failed).toEqual([{ sha256: damagedSha, message: FILE_UPLOAD_MESSAGES.hashMismatch }]);
    expect([source.uploaded(damagedSha), source.uploaded(goodSha)]).toEqual([false, true]);
    expect(await contentAtHq(server, damagedSha)).toBeNull();
    expect((await contentAtHq(server, goodSha))?.equals(good)).toBe(true);
  });

  it('reports progress as files done of total', async () => {
    const { transport } = await realHq();
    const source = new MemoryFileSource();
    for (let i = 1; i <= 3; i++) await source.attach(fileBytes(KIB, 20 + i));
    const progress: SyncProgress[] = [];
    await uploadPendingFiles({ source, transport, onProgress: (p) => progress.push(p) });
    expect(progress).toEqual([
      { phase: 'files', done: 0, total: 3 },
      { phase: 'files', done: 1, total: 3 },
      { phase: 'files', done: 2, total: 3 },
      { phase: 'files', done: 3, total: 3 },
    ]);
  });
});

/** HQ's side of files as a fake, for answers the real HQ gives only in races (offset corrections, 413 from a proxy). */
function fakeFileHq(options: { hqAheadBy?: number; proxyLimit?: number; alwaysAhead?: boolean } = {}) {
  const received = new Map<string, number>();
  const puts: UploadChunkInput[] = [];
  const status = (sha256: string, size: number | null): FileStatus => {
    const got = received.get(sha256) ?? 0;
    return { sha256, size, received: got, complete: size !== null && got === size };
  };
  const transport: Pick<SyncTransport, 'fileStatus' | 'uploadChunk'> = {
    // An HQ that does not know the file yet (404 from an older HQ), then the real state.
    fileStatus: async (sha256) => {
      if (!received.has(sha256)) throw new SyncError('bad-response', undefined, { status: 404, code: 'not-found' });
      return status(sha256, null);
    },
    uploadChunk: async (input) => {
      if (options.proxyLimit !== undefined && input.bytes.byteLength > options.proxyLimit) throw new SyncError('bad-response', undefined, { status: 413, code: 'too-large' });
      let got = received.get(input.sha256) ?? 0;
      // Another upload of the same file (another device) moved HQ on since we asked.
      if (options.hqAheadBy && (options.alwaysAhead || got === 0) && input.offset === got) {
        got += options.hqAheadBy;
        received.set(input.sha256, got);
      }
      if (input.offset !== got) throw new SyncError('bad-response', undefined, { status: 409, code: 'offset-mismatch', received: got });
      puts.push(input);
      received.set(input.sha256, got + input.bytes.byteLength);
      return status(input.sha256, input.size);
    },
  };
  return { transport, puts };
}

describe('uploadPendingFiles against HQ’s corrections', () => {
  it('takes HQ’s offset after a 409 and carries on from there', async () => {
    const source = new MemoryFileSource();
    await source.attach(fileBytes(10 * KIB));
    const hqFake = fakeFileHq({ hqAheadBy: 4 * KIB });
    expect(await uploadPendingFiles({ source, transport: hqFake.transport, chunkBytes: 4 * KIB })).toEqual({ uploaded: 1, bytesSent: 6 * KIB });
    expect(hqFake.puts.map((p) => p.offset)).toEqual([4 * KIB, 8 * KIB]);
  });

  it('gives up after the resync limit and leaves the file for the next run', async () => {
    const source = new MemoryFileSource();
    const sha = await source.attach(fileBytes(64 * KIB));
    const hqFake = fakeFileHq({ hqAheadBy: KIB, alwaysAhead: true });
    await expect(uploadPendingFiles({ source, transport: hqFake.transport, chunkBytes: 32 * KIB, maxResyncs: 2 })).rejects.toMatchObject({ kind: 'bad-response', details: { code: 'offset-mismatch' } });
    expect(source.uploaded(sha)).toBe(false);
  });

  it('halves the chunk when a proxy refuses the body as too large (413)', async () => {
    const source = new MemoryFileSource();
    const sha = await source.attach(fileBytes(600 * KIB));
    const hqFake = fakeFileHq({ proxyLimit: 200 * KIB });
    expect(await uploadPendingFiles({ source, transport: hqFake.transport, chunkBytes: 512 * KIB })).toMatchObject({ uploaded: 1 });
    expect(hqFake.puts.every((p) => p.bytes.byteLength <= 200 * KIB)).toBe(true);
    expect(source.uploaded(sha)).toBe(true);
  });

  it('skips a file whose stored bytes are shorter than recorded, without sending it', async () => {
    const source = new MemoryFileSource();
    const sha = await source.attach(fileBytes(8 * KIB));
    source.files.get(sha)!.bytes = fileBytes(5 * KIB);
    const hqFake = fakeFileHq();
    await expect(uploadPendingFiles({ source, transport: hqFake.transport, chunkBytes: 4 * KIB })).rejects.toThrow(FILE_UPLOAD_MESSAGES.badChunk);
    expect(hqFake.puts.map((p) => p.offset)).toEqual([0]);
    expect(source.uploaded(sha)).toBe(false);
  });

  it('pages past more refused files than one listing holds: a newer good file is still sent in the same run', async () => {
    const source = new MemoryFileSource();
    const refused = MAX_PENDING_FILES_PER_CALL + 5;
    for (let i = 0; i < refused; i++) {
      const sha = await source.attach(fileBytes(2 * KIB, 1000 + i), `damaged-${i}`);
      source.files.get(sha)!.bytes = fileBytes(KIB, 1000 + i);
    }
    const good = await source.attach(fileBytes(3 * KIB, 99), 'newest');
    const hqFake = fakeFileHq();

    const failure = await uploadPendingFiles({ source, transport: hqFake.transport }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(FileUploadError);
    expect((failure as FileUploadError).failed).toHaveLength(refused);
    expect(source.uploaded(good)).toBe(true);
    expect(hqFake.puts.map((p) => p.sha256)).toEqual([good]);
  });

  it('never asks the source for more than one chunk of MAX_FILE_CHUNK_BYTES, whatever chunk size it is given', async () => {
    const source = new MemoryFileSource();
    await source.attach(fileBytes(3 * 1024 * KIB));
    const hqFake = fakeFileHq();
    await uploadPendingFiles({ source, transport: hqFake.transport, chunkBytes: 50 * 1024 * KIB });
    expect(Math.max(...source.reads.map((r) => r.length))).toBe(1024 * KIB);
    expect(await sha256Of(new Uint8Array(Buffer.concat(hqFake.puts.map((p) => p.bytes))))).toBe([...source.files.keys()][0]);
  });
});
