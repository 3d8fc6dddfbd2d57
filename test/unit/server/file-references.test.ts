// Protocol suite, file references: HQ takes an upload only of a file an accepted operation names, with that size.
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createFetchTransport, FILE_UPLOAD_MESSAGES, FileUploadError, uploadPendingFiles, type FetchLike } from '../../../shared/sync/engine';
import { fileStatusSchema } from '../../../shared/sync/wire';
import { MemoryFileSource } from '../shared/sync/support/memory-files';
import { announcePostgresSkip, PG_SKIP_REASON, PG_URL, STORE_FACTORIES } from './support/store-factories';
import { TestDevice } from './support/test-device';
import { TestHq } from './support/test-hq';

announcePostgresSkip();

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe.each(STORE_FACTORIES)('HQ file references ($name)', (factory) => {
  let hq: TestHq;
  afterEach(async () => {
    await hq?.close();
  });

  const put = (token: string, hash: string, bytes: Uint8Array, offset: number, size: number) =>
    hq.request(`/v1/files/${hash}?offset=${offset}&size=${size}`, { method: 'PUT', token, rawBody: bytes });

  it('refuses a file no operation names: 409 size-mismatch with received 0, nothing stored, nothing to download', async () => {
    hq = await TestHq.start(factory);
    const token = await hq.enroll('device-a');
    const file = randomBytes(5000);
    const hash = sha256(file);
    const refused = await put(token, hash, file, 0, file.length);
    expect(refused.status).toBe(409);
    expect(refused.json).toMatchObject({ error: 'size-mismatch', received: 0 });
    expect(String(refused.json.message)).toMatch(/only once an operation naming it/);
    expect(await hq.store.file(hash, undefined)).toBeNull();
    expect(await hq.store.fileContent(hash)).toBeNull();
    expect((await hq.request(`/v1/files/${hash}/content`, { token: hq.adminToken })).status).toBe(404);
    expect(fileStatusSchema.parse((await hq.request(`/v1/files/${hash}`, { token })).json)).toEqual({ sha256: hash, size: null, received: 0, complete: false });
  });

  it('refuses an upload whose size differs from the one the operation named, and takes the named size', async () => {
    hq = await TestHq.start(factory);
    const a = new TestDevice('device-a');
    const token = await hq.enroll(a.id);
    const file = randomBytes(3000);
    const hash = sha256(file);
    const create = a.create('Broken window, photo attached');
    expect((await hq.push(token, a.id, [create], [{ opId: create.opId, sha256: hash, size: file.length }])).results[0]!.status).toBe('applied');
    const wrong = await put(token, hash, randomBytes(10), 0, 99_000_000);
    expect(wrong.status).toBe(409);
    expect(wrong.json).toMatchObject({ error: 'size-mismatch', received: 0 });
    expect((await put(token, hash, file, 0, file.length)).json).toMatchObject({ received: file.length, complete: true });
  });

  it('an operation naming the file, from any device, lets every device upload it; an already complete file answers complete', async () => {
    hq = await TestHq.start(factory);
    const [tokenA, tokenB] = [await hq.enroll('device-a'), await hq.enroll('device-b')];
    const file = randomBytes(4000);
    const hash = sha256(file);
    expect((await put(tokenB, hash, file, 0, file.length)).status).toBe(409);
    await hq.referenceFile(hash, file.length);
    expect((await put(tokenB, hash, file, 0, file.length)).json).toMatchObject({ complete: true });
    expect((await put(tokenA, hash, file.subarray(0, 10), 0, file.length)).json).toMatchObject({ complete: true, size: file.length });
  });

  it('the current device uploader treats the refusal as try-later: the file stays unmarked, the other files still go', async () => {
    hq = await TestHq.start(factory);
    const token = await hq.enroll('device-a');
    const fetchToHq: FetchLike<unknown> = async (url, init) => {
      const response = await fetch(url, init as RequestInit);
      return { status: response.status, headers: response.headers, text: () => response.text() };
    };
    const transport = createFetchTransport<unknown>({ baseUrl: hq.url, token, deviceId: 'device-a', fetch: fetchToHq, timers: { setTimeout, clearTimeout } });
    const source = new MemoryFileSource();
    const pending = await source.attach(randomBytes(2000), 'incident-1');
    const named = randomBytes(3000);
    const namedSha = await source.attach(named, 'incident-2');
    await hq.referenceFile(namedSha, named.length);

    const error = await uploadPendingFiles({ source, transport }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileUploadError);
    expect((error as FileUploadError).failed).toEqual([{ sha256: pending, message: FILE_UPLOAD_MESSAGES.sizeMismatch }]);
    expect([source.uploaded(pending), source.uploaded(namedSha)]).toEqual([false, true]);
  });
});

if (!PG_URL) describe.skip(`HQ file references (postgres): ${PG_SKIP_REASON}`, () => it('runs with LANTERN_TEST_PG_URL', () => undefined));
