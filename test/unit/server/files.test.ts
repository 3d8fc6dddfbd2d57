// Protocol suite, files: chunked upload interrupted and resumed (per device, no squatting), stored once, verified by SHA-256, missing files tracked.
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { fileStatusSchema, missingFilesResponseSchema } from '../../../shared/sync/wire';
import { announcePostgresSkip, PG_SKIP_REASON, PG_URL, STORE_FACTORIES } from './support/store-factories';
import { TestDevice } from './support/test-device';
import { TestHq } from './support/test-hq';

announcePostgresSkip();

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe.each(STORE_FACTORIES)('HQ files ($name)', (factory) => {
  let hq: TestHq;
  afterEach(async () => {
    await hq?.close();
  });

  const put = (token: string, hash: string, bytes: Uint8Array, offset: number, size: number) =>
    hq.request(`/v1/files/${hash}?offset=${offset}&size=${size}`, { method: 'PUT', token, rawBody: bytes });
  const status = async (token: string, hash: string) => fileStatusSchema.parse((await hq.request(`/v1/files/${hash}`, { token })).json);

  it('an interrupted chunked upload resumes from the received point; stale or skipped offsets get 409 with received', async () => {
    hq = await TestHq.start(factory);
    const token = await hq.enroll('device-a');
    const file = randomBytes(250_000);
    const hash = sha256(file);
    await hq.referenceFile(hash, file.length);
    expect(await status(token, hash)).toEqual({ sha256: hash, size: file.length, received: 0, complete: false });

    expect((await put(token, hash, file.subarray(0, 100_000), 0, file.length)).json).toMatchObject({ received: 100_000, complete: false });
    // The connection dropped here; the device asks where to resume.
    expect(await status(token, hash)).toMatchObject({ size: file.length, received: 100_000, complete: false });
    const stale = await put(token, hash, file.subarray(0, 100_000), 0, file.length);
    expect(stale.status).toBe(409);
    expect(stale.json).toMatchObject({ error: 'offset-mismatch', received: 100_000 });
    const ahead = await put(token, hash, file.subarray(200_000), 200_000, file.length);
    expect(ahead.status).toBe(409);
    expect(ahead.json.received).toBe(100_000);

    expect((await put(token, hash, file.subarray(100_000, 200_000), 100_000, file.length)).json).toMatchObject({ received: 200_000, complete: false });
    expect((await put(token, hash, file.subarray(200_000), 200_000, file.length)).json).toMatchObject({ received: file.length, complete: true });
    const bytes = new Uint8Array(await (await fetch(`${hq.url}/v1/files/${hash}/content`, { headers: { Authorization: `Bearer ${hq.adminToken}` } })).arrayBuffer());
    expect(Buffer.compare(Buffer.from(bytes), file)).toBe(0);
  });

  it('the same file uploaded twice (two devices) is stored once: the second upload is complete at once', async () => {
    hq = await TestHq.start(factory);
    const [tokenA, tokenB] = [await hq.enroll('device-a'), await hq.enroll('device-b')];
    const file = randomBytes(5000);
    const hash = sha256(file);
    await hq.referenceFile(hash, file.length);
    expect((await put(tokenA, hash, file, 0, file.length)).json).toMatchObject({ complete: true });
    const again = await put(tokenB, hash, file.subarray(0, 1000), 0, file.length);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ received: file.length, complete: true });
    const chunks = await hq.store.fileContent(hash);
    expect(chunks!.reduce((n, chunk) => n + chunk.length, 0)).toBe(file.length);
  });

  it('squatting: another device’s bogus first chunk (wrong size) does not block the owner, whose upload completes, verifies and is stored once', async () => {
    hq = await TestHq.start(factory);
    const [owner, attacker] = [await hq.enroll('device-a'), await hq.enroll('device-b')];
    const file = randomBytes(6000);
    const hash = sha256(file);
    await hq.referenceFile(hash, file.length);
    // A size other than the one the operation named is refused outright; a bogus start at the named size is the attacker's own.
    expect((await put(attacker, hash, randomBytes(10), 0, 999_999)).status).toBe(409);
    expect((await put(attacker, hash, randomBytes(10), 0, file.length)).status).toBe(200);
    expect(await status(owner, hash)).toMatchObject({ received: 0, complete: false }); // the owner starts at 0 regardless
    expect((await put(owner, hash, file.subarray(0, 3000), 0, file.length)).json).toMatchObject({ received: 3000, complete: false });
    expect((await put(attacker, hash, randomBytes(10), 10, file.length)).status).toBe(200); // the attacker carries on; no effect on the owner
    expect((await put(owner, hash, file.subarray(3000), 3000, file.length)).json).toMatchObject({ received: file.length, complete: true });
    const stored = await hq.store.fileContent(hash);
    expect(Buffer.compare(Buffer.concat(stored!), file)).toBe(0);
    // Once complete, the attacker's partial is gone and any upload of the hash is answered complete at once.
    expect((await put(attacker, hash, randomBytes(10), 20, 999_999)).json).toMatchObject({ complete: true, size: file.length });
  });

  it('two devices uploading the same file at the same time: each resumes its own upload, the file is stored once', async () => {
    hq = await TestHq.start(factory);
    const [tokenA, tokenB] = [await hq.enroll('device-a'), await hq.enroll('device-b')];
    const file = randomBytes(9000);
    const hash = sha256(file);
    await hq.referenceFile(hash, file.length);
    await put(tokenA, hash, file.subarray(0, 3000), 0, file.length);
    await put(tokenB, hash, file.subarray(0, 6000), 0, file.length);
    expect(await status(tokenA, hash)).toMatchObject({ received: 3000 });
    expect(await status(tokenB, hash)).toMatchObject({ received: 6000 });
    expect(fileStatusSchema.parse((await hq.request(`/v1/files/${hash}`, { token: hq.adminToken })).json)).toMatchObject({ received: 6000, complete: false });
    expect((await put(tokenB, hash, file.subarray(6000), 6000, file.length)).json).toMatchObject({ complete: true });
    expect((await put(tokenA, hash, file.subarray(3000, 6000), 3000, file.length)).json).toMatchObject({ complete: true });
    const chunks = await hq.store.fileContent(hash);
    expect(chunks!.reduce((n, chunk) => n + chunk.length, 0)).toBe(file.length);
  });

  it('bytes that do not match the SHA-256 are refused (422) and discarded; a correct upload then succeeds', async () => {
    hq = await TestHq.start(factory);
    const token = await hq.enroll('device-a');
    const file = randomBytes(3000);
    const hash = sha256(file);
    await hq.referenceFile(hash, file.length);
    const corrupted = Buffer.from(file);
    corrupted[1234] = corrupted[1234]! ^ 0xff;
    expect((await put(token, hash, corrupted.subarray(0, 2000), 0, file.length)).status).toBe(200);
    const refused = await put(token, hash, corrupted.subarray(2000), 2000, file.length);
    expect(refused.status).toBe(422);
    expect(refused.json).toMatchObject({ error: 'hash-mismatch', received: 0 });
    expect(await status(token, hash)).toMatchObject({ received: 0, complete: false });
    expect((await hq.request(`/v1/files/${hash}/content`, { token })).status).toBe(404);
    expect((await put(token, hash, file, 0, file.length)).json).toMatchObject({ complete: true });
  });

  it('chunk limits and bad addresses: over-long chunk 413, past the size 400, non-hex hash 400', async () => {
    hq = await TestHq.start(factory, { limits: { fileChunkBytes: 1024, maxFileBytes: 10_000 } });
    const token = await hq.enroll('device-a');
    const file = randomBytes(2048);
    const hash = sha256(file);
    await hq.referenceFile(hash, 50);
    expect((await put(token, hash, file, 0, file.length)).status).toBe(413);
    expect((await put(token, hash, file.subarray(0, 100), 0, 50)).status).toBe(400);
    expect((await put(token, hash, file.subarray(0, 100), 0, 20_000)).json.error).toBe('too-large');
    expect((await put(token, 'ABC', file.subarray(0, 100), 0, 100)).status).toBe(400);
  });

  it('an operation may refer to a file not uploaded yet: HQ tracks it as missing until it arrives', async () => {
    hq = await TestHq.start(factory);
    const a = new TestDevice('device-a');
    const token = await hq.enroll(a.id);
    const file = randomBytes(4000);
    const hash = sha256(file);
    const create = a.create('Broken window, photo attached');
    const reply = await hq.push(token, a.id, [create], [{ opId: create.opId, sha256: hash, size: file.length }]);
    expect(reply.results[0]!.status).toBe('applied');

    const missing = async () => missingFilesResponseSchema.parse((await hq.request('/v1/admin/files/missing', { token: hq.adminToken })).json).files;
    expect(await missing()).toEqual([{ sha256: hash, size: file.length, received: 0, opIds: [create.opId] }]);
    expect((await hq.request('/', { protocol: false, token: hq.adminToken })).text).toMatch(/missing files: +1/);
    await put(token, hash, file.subarray(0, 1000), 0, file.length);
    expect((await missing())[0]).toMatchObject({ received: 1000 });
    await put(token, hash, file.subarray(1000), 1000, file.length);
    expect(await missing()).toEqual([]);
  });

  it('an operation carrying attachments is tracked the same way without an explicit claim', async () => {
    hq = await TestHq.start(factory);
    const a = new TestDevice('device-a');
    const token = await hq.enroll(a.id);
    const hash = sha256(randomBytes(10));
    const create = { ...a.create('Cracked pipe'), attachments: [{ sha256: hash, name: 'pipe.jpg', type: 'image/jpeg', size: 10 }] };
    expect((await hq.push(token, a.id, [create])).results[0]!.status).toBe('applied');
    const files = missingFilesResponseSchema.parse((await hq.request('/v1/admin/files/missing', { token: hq.adminToken })).json).files;
    expect(files).toEqual([{ sha256: hash, size: 10, received: 0, opIds: [create.opId] }]);
    expect((await hq.pullAll(token))[0]!.op.attachments).toEqual(create.attachments);
  });
});

if (!PG_URL) describe.skip(`HQ files (postgres): ${PG_SKIP_REASON}`, () => it('runs with LANTERN_TEST_PG_URL', () => undefined));
