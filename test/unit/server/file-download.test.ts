// Protocol suite, file downloads: the bytes come back exactly, streamed from the store one chunk at a time (never the whole file in memory), and a client that goes away stops the reads.
import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { HqStore } from '../../../server/store/types';
import { announcePostgresSkip, STORE_FACTORIES, type StoreFactory } from './support/store-factories';
import { TestHq } from './support/test-hq';

announcePostgresSkip();

const MiB = 1024 * 1024;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Counts the store's chunk reads (and how many run at once), and whether anything read a whole file into memory. */
interface ReadSpy {
  chunkReads: number;
  inFlight: number;
  maxInFlight: number;
  wholeFileReads: number;
}

function spiedFactory(factory: StoreFactory, spy: ReadSpy): StoreFactory {
  return {
    name: factory.name,
    async open() {
      const opened = await factory.open();
      const store: HqStore = Object.create(opened.store) as HqStore;
      Object.assign(store, {
        fileChunkAt: async (hash: string, offset: number) => {
          spy.chunkReads += 1;
          spy.maxInFlight = Math.max(spy.maxInFlight, ++spy.inFlight);
          try {
            return await opened.store.fileChunkAt(hash, offset);
          } finally {
            spy.inFlight -= 1;
          }
        },
        fileContent: (hash: string) => {
          spy.wholeFileReads += 1;
          return opened.store.fileContent(hash);
        },
      });
      return { store, cleanup: opened.cleanup };
    },
  };
}

describe.each(STORE_FACTORIES)('HQ file downloads ($name)', (factory) => {
  let hq: TestHq | undefined;
  let spy: ReadSpy;
  afterEach(async () => {
    await hq?.close();
    hq = undefined;
  });

  async function uploaded(file: Buffer, chunkBytes: number): Promise<{ token: string; hash: string }> {
    spy = { chunkReads: 0, inFlight: 0, maxInFlight: 0, wholeFileReads: 0 };
    hq = await TestHq.start(spiedFactory(factory, spy), { limits: { fileChunkBytes: Math.max(chunkBytes, 1024) } });
    const token = await hq.enroll('device-a');
    const hash = sha256(file);
    await hq.referenceFile(hash, file.length);
    for (let offset = 0; offset < file.length; offset += chunkBytes) {
      const reply = await hq.request(`/v1/files/${hash}?offset=${offset}&size=${file.length}`, { method: 'PUT', token, rawBody: file.subarray(offset, offset + chunkBytes) });
      expect(reply.status, reply.text).toBe(200);
    }
    return { token, hash };
  }

  /** A download over plain HTTP, so the test can pause it or hang up. */
  function download(token: string, hash: string): Promise<IncomingMessage> {
    const url = new URL(`${hq!.url}/v1/files/${hash}/content`);
    return new Promise((resolve, reject) => {
      const req = httpRequest(url, { headers: { Authorization: `Bearer ${token}` } }, resolve);
      req.on('error', reject);
      req.end();
    });
  }

  it('a multi-chunk file comes back byte for byte, with its size and hash in the headers, read one chunk at a time', async () => {
    const file = randomBytes(5 * 64 * 1024 + 1234);
    const { token, hash } = await uploaded(file, 64 * 1024);
    const reply = await fetch(`${hq!.url}/v1/files/${hash}/content`, { headers: { Authorization: `Bearer ${token}` } });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-length')).toBe(String(file.length));
    expect(reply.headers.get('etag')).toBe(`"${hash}"`);
    expect(reply.headers.get('content-type')).toBe('application/octet-stream');
    const bytes = Buffer.from(await reply.arrayBuffer());
    expect(sha256(bytes)).toBe(hash);
    expect(bytes.equals(file)).toBe(true);
    expect(spy).toMatchObject({ chunkReads: 6, maxInFlight: 1, wholeFileReads: 0 });

    const admin = await hq!.request(`/v1/files/${hash}/content`, { token: hq!.adminToken, protocol: false });
    expect(admin.status).toBe(200);
    expect((await hq!.request(`/v1/files/${'0'.repeat(64)}/content`, { token })).status).toBe(404);
  });

  it('a client that stops reading holds back the reads (not the whole file in memory), and one that hangs up ends them', async () => {
    const chunks = 32;
    const file = randomBytes(chunks * MiB);
    const { token, hash } = await uploaded(file, MiB);
    const response = await download(token, hash);
    expect(response.statusCode).toBe(200);
    response.pause();
    await sleep(500);
    // What socket buffers take (a few MiB on loopback) and one chunk waiting: far from the whole file.
    const whilePaused = spy.chunkReads;
    expect(whilePaused).toBeGreaterThan(0);
    expect(whilePaused).toBeLessThan(chunks / 2);
    expect(spy.wholeFileReads).toBe(0);

    response.destroy();
    await sleep(500);
    const afterHangUp = spy.chunkReads;
    await sleep(300);
    expect(spy.chunkReads).toBe(afterHangUp);
    expect(afterHangUp).toBeLessThanOrEqual(whilePaused + 1);

    // HQ carries on: a whole download still works.
    const again = await fetch(`${hq!.url}/v1/files/${hash}/content`, { headers: { Authorization: `Bearer ${token}` } });
    expect(Buffer.from(await again.arrayBuffer()).equals(file)).toBe(true);
  }, 60_000);
});
