// Protocol suite, security audit M1: an enrolled device cannot spoil another device's file records (both stores).
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, missingFilesResponseSchema, type MissingFile } from '../../../shared/sync/wire';
import { announcePostgresSkip, PG_SKIP_REASON, PG_URL, STORE_FACTORIES } from './support/store-factories';
import { TestDevice } from './support/test-device';
import { TestHq } from './support/test-hq';

announcePostgresSkip();

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe.each(STORE_FACTORIES)('HQ file claims belong to their own device ($name)', (factory) => {
  let hq: TestHq;
  afterEach(async () => {
    await hq?.close();
  });

  const missing = async (): Promise<MissingFile[]> =>
    missingFilesResponseSchema.parse((await hq.request('/v1/admin/files/missing', { token: hq.adminToken })).json).files;
  const put = (token: string, hash: string, bytes: Uint8Array, offset: number, size: number) =>
    hq.request(`/v1/files/${hash}?offset=${offset}&size=${size}`, { method: 'PUT', token, rawBody: bytes });
  const content = async (hash: string) => {
    const reply = await fetch(`${hq.url}/v1/files/${hash}/content`, { headers: { Authorization: `Bearer ${hq.adminToken}` } });
    return { status: reply.status, bytes: new Uint8Array(await reply.arrayBuffer()) };
  };

  it('a device re-sending another device’s operation with a file claim is refused not-your-device; no file is recorded for it', async () => {
    hq = await TestHq.start(factory);
    const a = new TestDevice('dev-a');
    const d = new TestDevice('dev-d');
    const [tokenA, tokenD] = [await hq.enroll(a.id), await hq.enroll(d.id)];
    const create = a.create('Patient fall ward 3');
    expect((await hq.push(tokenA, a.id, [create])).results[0]!.status).toBe('applied');

    const seen = (await hq.pullAll(tokenD))[0]!.op;
    const made = 'f'.repeat(64);
    const replay = await hq.push(tokenD, d.id, [seen], [{ opId: seen.opId, sha256: made, size: 123 }]);
    expect(replay.results[0]).toMatchObject({ status: 'rejected', code: 'not-your-device' });
    expect(await missing()).toEqual([]);
    // Asked again, the same answer (never duplicate), and still nothing recorded.
    expect((await hq.push(tokenD, d.id, [seen], [{ opId: seen.opId, sha256: made, size: 123 }])).results[0]).toMatchObject({ status: 'rejected', code: 'not-your-device' });
    expect(await missing()).toEqual([]);
    // Device A's own resend is still a duplicate (exactly-once), and A may still name files for its own operation.
    const own = await hq.push(tokenA, a.id, [create], [{ opId: create.opId, sha256: made, size: 123 }]);
    expect(own.results[0]).toMatchObject({ status: 'duplicate', serverSeq: 1 });
    expect(await missing()).toEqual([{ sha256: made, size: 123, received: 0, opIds: [create.opId] }]);
  });

  it('an operation of this device under an id HQ holds for another device is refused not-your-device, takes its place, and carries no claim', async () => {
    hq = await TestHq.start(factory);
    const a = new TestDevice('dev-a');
    const d = new TestDevice('dev-d');
    const [tokenA, tokenD] = [await hq.enroll(a.id), await hq.enroll(d.id)];
    const create = a.create('Power cut, east wing');
    expect((await hq.push(tokenA, a.id, [create])).results[0]!.status).toBe('applied');

    const forged = { ...d.create('innocuous'), opId: create.opId };
    const next = d.create('Second incident');
    const reply = await hq.push(tokenD, d.id, [forged, next], [{ opId: create.opId, sha256: 'e'.repeat(64), size: 10 }]);
    expect(reply.results.map((r) => [r.status, r.code])).toEqual([
      ['rejected', 'not-your-device'],
      ['applied', undefined],
    ]);
    expect(await missing()).toEqual([]);
    expect((await hq.pullAll(tokenA)).map((row) => row.op.opId)).toEqual([create.opId, next.opId]);
  });

  it('a claim over the file size limit is refused with a reason naming it; nothing is recorded', async () => {
    hq = await TestHq.start(factory);
    const d = new TestDevice('dev-d');
    const tokenD = await hq.enroll(d.id);
    const create = d.create('innocuous');
    const reply = await hq.pushRaw(tokenD, d.id, [create], [{ opId: create.opId, sha256: 'a'.repeat(64), size: 9e15 }]);
    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({ error: 'invalid-request' });
    expect(String(reply.json.message)).toContain(`at most ${MAX_FILE_BYTES} bytes`);
    expect(await missing()).toEqual([]);
  });

  it('an attachment over the limit in an operation: the operation is applied, the file is not tracked, its upload is refused', async () => {
    hq = await TestHq.start(factory);
    const d = new TestDevice('dev-d');
    const tokenD = await hq.enroll(d.id);
    const hash = 'b'.repeat(64);
    const create = { ...d.create('Huge scan'), attachments: [{ sha256: hash, name: 'scan.tif', type: 'image/tiff', size: MAX_FILE_BYTES + 1 }] };
    expect((await hq.push(tokenD, d.id, [create])).results[0]!.status).toBe('applied');
    expect((await hq.pullAll(tokenD))[0]!.op.attachments).toEqual(create.attachments);
    expect(await missing()).toEqual([]);
    const upload = await put(tokenD, hash, randomBytes(10), 0, MAX_FILE_BYTES + 1);
    expect(upload.status).toBe(400);
    expect(upload.json).toMatchObject({ error: 'invalid-request' });
    expect(await hq.store.file(hash, undefined)).toBeNull();
  });

  it('a hostile first claim with a wrong size does not block the real upload: it completes, verifies and downloads', async () => {
    hq = await TestHq.start(factory);
    const a = new TestDevice('dev-a');
    const d = new TestDevice('dev-d');
    const [tokenA, tokenD] = [await hq.enroll(a.id), await hq.enroll(d.id)];
    const file = Buffer.from('standard consent form v3');
    const hash = sha256(file);

    // D names the known file first, at the largest size a claim may have, in its own operation.
    const innocuous = d.create('innocuous');
    expect((await hq.push(tokenD, d.id, [innocuous], [{ opId: innocuous.opId, sha256: hash, size: MAX_FILE_BYTES }])).results[0]!.status).toBe('applied');
    // Then through an attachment of another operation, at yet another size.
    const other = { ...d.create('also innocuous'), attachments: [{ sha256: hash, name: 'form.pdf', type: 'application/pdf', size: 7 }] };
    expect((await hq.push(tokenD, d.id, [other])).results[0]!.status).toBe('applied');

    // A attaches the real file and uploads it.
    const create = a.create('Patient fall ward 3');
    const attach = { ...a.note(create.incidentId, 'attached consent form'), attachments: [{ sha256: hash, name: 'consent.pdf', type: 'application/pdf', size: file.length }] };
    const pushed = await hq.push(tokenA, a.id, [create, attach]);
    expect(pushed.results.map((r) => r.status)).toEqual(['applied', 'applied']);

    // Each operation is listed under the size it named: A's under the real size.
    const listed = await missing();
    expect(listed).toHaveLength(3);
    expect(listed).toEqual(
      expect.arrayContaining([
        { sha256: hash, size: 7, received: 0, opIds: [other.opId] },
        { sha256: hash, size: file.length, received: 0, opIds: [attach.opId] },
        { sha256: hash, size: MAX_FILE_BYTES, received: 0, opIds: [innocuous.opId] },
      ]),
    );

    const first = await put(tokenA, hash, file.subarray(0, 10), 0, file.length);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ received: 10, complete: false });
    const last = await put(tokenA, hash, file.subarray(10), 10, file.length);
    expect(last.status).toBe(200);
    expect(last.json).toEqual({ sha256: hash, size: file.length, received: file.length, complete: true });

    expect(await missing()).toEqual([]);
    const downloaded = await content(hash);
    expect(downloaded.status).toBe(200);
    expect(Buffer.from(downloaded.bytes).equals(file)).toBe(true);
    expect((await hq.request(`/v1/files/${hash}`, { token: tokenD })).json).toEqual({ sha256: hash, size: file.length, received: file.length, complete: true });
  });

  it('the hostile device cannot make its wrong size the file: bytes that do not match the SHA-256 are discarded, the real upload still completes', async () => {
    hq = await TestHq.start(factory);
    const a = new TestDevice('dev-a');
    const d = new TestDevice('dev-d');
    const [tokenA, tokenD] = [await hq.enroll(a.id), await hq.enroll(d.id)];
    const file = randomBytes(3000);
    const hash = sha256(file);
    const innocuous = d.create('innocuous');
    await hq.push(tokenD, d.id, [innocuous], [{ opId: innocuous.opId, sha256: hash, size: 50 }]);
    const create = a.create('Broken window, photo attached');
    await hq.push(tokenA, a.id, [create], [{ opId: create.opId, sha256: hash, size: file.length }]);

    const bogus = await put(tokenD, hash, randomBytes(50), 0, 50);
    expect(bogus.status).toBe(422);
    expect(bogus.json).toMatchObject({ error: 'hash-mismatch', received: 0 });
    // A size no operation named is still refused.
    expect((await put(tokenA, hash, file, 0, file.length + 1)).json).toMatchObject({ error: 'size-mismatch', received: 0 });
    expect((await put(tokenA, hash, file, 0, file.length)).json).toEqual({ sha256: hash, size: file.length, received: file.length, complete: true });
    expect(Buffer.from((await content(hash)).bytes).equals(file)).toBe(true);
    expect(await missing()).toEqual([]);
  });
});

if (!PG_URL) describe.skip(`HQ file claims (postgres): ${PG_SKIP_REASON}`, () => it('runs with LANTERN_TEST_PG_URL', () => undefined));
