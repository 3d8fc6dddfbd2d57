// Revocation stops a device's writes that are already on their way: checked again once the body is in (the gate) and
// inside the push or chunk transaction, so a revocation racing them can neither slip in nor be overtaken.
import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { hashSecret } from '../../../server/auth/secrets';
import { classifyBatch, runPushGroup } from '../../../server/sync/push-batch';
import { PushService, pushOperations } from '../../../server/sync/push-service';
import type { PushBatchInput } from '../../../server/sync/push-decider';
import { PROTOCOL_VERSION } from '../../../shared/sync/wire';
import { announcePostgresSkip, PG_SKIP_REASON, PG_URL, STORE_FACTORIES } from './support/store-factories';
import { TestDevice } from './support/test-device';
import { TestHq } from './support/test-hq';

announcePostgresSkip();

/** Sends the headers and the first half of the body, runs `meanwhile`, then the rest; resolves with status and body. */
function slowRequest(
  url: string,
  options: { method: string; path: string; headers: Record<string, string>; body: Buffer },
  meanwhile: () => Promise<void>,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = httpRequest(
      { host: target.hostname, port: target.port, method: options.method, path: options.path, headers: { ...options.headers, 'Content-Length': String(options.body.length) } },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (chunk: Buffer) => parts.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(parts).toString('utf8') }));
      },
    );
    req.on('error', reject);
    const half = Math.floor(options.body.length / 2);
    req.write(options.body.subarray(0, half));
    req.flushHeaders();
    // Gives HQ time to run the onRequest gate on the headers before the device is revoked.
    setTimeout(() => {
      meanwhile().then(() => req.end(options.body.subarray(half)), reject);
    }, 300);
  });
}

const pushOf = (deviceId: string, ops: readonly unknown[], tokenHash: string): PushBatchInput => ({ deviceId, now: Date.now(), ops, files: [], clockSkewMs: null, tokenHash });

describe.each(STORE_FACTORIES)('revocation and requests in flight ($name)', (factory) => {
  let hq: TestHq | undefined;
  afterEach(async () => {
    await hq?.close();
    hq = undefined;
  });

  it('a push whose body finishes after the device was revoked is refused (403 device-revoked) and stores nothing', async () => {
    hq = await TestHq.start(factory);
    const started = hq;
    const a = new TestDevice('device-a');
    const token = await hq.enroll(a.id);
    const body = Buffer.from(JSON.stringify({ protocolVersion: PROTOCOL_VERSION, deviceId: a.id, ops: [a.create('Written after revocation')] }), 'utf8');
    const reply = await slowRequest(
      hq.url,
      { method: 'POST', path: '/v1/sync/push', headers: { Authorization: `Bearer ${token}`, 'Lantern-Protocol': String(PROTOCOL_VERSION), 'Content-Type': 'application/json' }, body },
      async () => {
        expect((await started.request(`/v1/admin/devices/${a.id}/revoke`, { method: 'POST', token: started.adminToken, body: {} })).status).toBe(200);
      },
    );
    expect(reply.status, reply.text).toBe(403);
    expect(JSON.parse(reply.text)).toMatchObject({ error: 'device-revoked' });
    expect((await hq.store.stats()).operations).toBe(0);
  });

  it('a file chunk whose body finishes after the device was revoked is refused and not stored', async () => {
    hq = await TestHq.start(factory);
    const started = hq;
    const token = await hq.enroll('device-a');
    const bytes = Buffer.alloc(200_000, 7);
    const sha = createHash('sha256').update(bytes).digest('hex');
    const reply = await slowRequest(
      hq.url,
      {
        method: 'PUT',
        path: `/v1/files/${sha}?offset=0&size=${bytes.length}`,
        headers: { Authorization: `Bearer ${token}`, 'Lantern-Protocol': String(PROTOCOL_VERSION), 'Content-Type': 'application/octet-stream' },
        body: bytes,
      },
      async () => {
        expect((await started.request('/v1/admin/devices/device-a/revoke', { method: 'POST', token: started.adminToken, body: {} })).status).toBe(200);
      },
    );
    expect(reply.status, reply.text).toBe(403);
    expect((await hq.request(`/v1/files/${sha}`, { token: hq.adminToken })).json).toMatchObject({ complete: false });
    expect(await hq.store.fileContent(sha)).toBeNull();
  });

  it('a push reaching its transaction after a revocation or re-enrollment stores nothing (403 / 401); others in its group commit go on', async () => {
    hq = await TestHq.start(factory);
    const a = new TestDevice('device-a');
    const c = new TestDevice('device-c');
    const tokenA = await hq.enroll(a.id);
    const tokenC = await hq.enroll(c.id);
    const createA = a.create('After revocation');
    const createC = c.create('Still welcome');
    await hq.store.revokeDevice(a.id, Date.now());
    await expect(pushOperations(hq.store, pushOf(a.id, [createA], hashSecret(tokenA)))).rejects.toMatchObject({ code: 'device-revoked', statusCode: 403 });

    // Both pushes are submitted in one turn of the event loop, so they share one transaction.
    const service = new PushService(hq.store);
    const [fromA, fromC] = await Promise.allSettled([service.push(pushOf(a.id, [createA], hashSecret(tokenA))), service.push(pushOf(c.id, [createC], hashSecret(tokenC)))]);
    expect(fromA).toMatchObject({ status: 'rejected', reason: { code: 'device-revoked' } });
    expect(fromC).toMatchObject({ status: 'fulfilled', value: { results: [{ status: 'applied', serverSeq: 1 }] } });

    const oldTokenC = tokenC;
    await hq.enroll(c.id, 'Laptop C', { reenroll: true });
    await expect(pushOperations(hq.store, pushOf(c.id, [c.note(createC.incidentId, 'with the old token')], hashSecret(oldTokenC)))).rejects.toMatchObject({
      code: 'unauthorized',
      statusCode: 401,
    });
    expect((await hq.store.stats()).operations).toBe(1);
    expect((await hq.store.device(a.id))?.lastSeq).toBe(0);
  });

  it('a revocation sent while a push transaction runs waits for its commit, never landing between the check and the commit', async () => {
    hq = await TestHq.start(factory);
    const store = hq.store;
    const a = new TestDevice('device-a');
    const token = await hq.enroll(a.id);
    const create = a.create('Committed before the revocation');
    const input = pushOf(a.id, [create], hashSecret(token));
    let revoked = false;
    let revocation: Promise<void> | undefined;
    const outcome = await store.withPushTx((tx) =>
      runPushGroup(
        {
          async load(request) {
            const snapshot = await tx.load(request);
            revocation = store.revokeDevice(a.id, Date.now()).then(() => void (revoked = true));
            await new Promise((resolve) => setTimeout(resolve, 200));
            return snapshot;
          },
          async write(writes) {
            expect(revoked, 'the revocation completed inside the push transaction').toBe(false);
            await tx.write(writes);
          },
        },
        [{ input, items: classifyBatch(input) }],
      ),
    );
    await revocation;
    expect(outcome.results[0]).toMatchObject({ ok: true, results: [{ status: 'applied' }] });
    expect((await store.device(a.id))?.revokedAt).not.toBeNull();
    const after = a.note(create.incidentId, 'after the revocation');
    await expect(pushOperations(store, pushOf(a.id, [after], hashSecret(token)))).rejects.toMatchObject({ code: 'device-revoked' });
  });

  it('a file chunk reaching its transaction after a revocation or re-enrollment stores nothing', async () => {
    hq = await TestHq.start(factory);
    const token = await hq.enroll('device-a');
    const bytes = Buffer.alloc(1000, 3);
    const sha = createHash('sha256').update(bytes).digest('hex');
    const chunk = { sha256: sha, deviceId: 'device-a', size: bytes.length, offset: 0, bytes, now: Date.now(), tokenHash: hashSecret(token) };
    await hq.enroll('device-a', 'Laptop A', { reenroll: true });
    expect(await hq.store.putFileChunk(chunk)).toEqual({ kind: 'access-ended', refusal: 'token-replaced' });
    const fresh = await hq.enroll('device-a', 'Laptop A', { reenroll: true });
    await hq.store.revokeDevice('device-a', Date.now());
    expect(await hq.store.putFileChunk({ ...chunk, tokenHash: hashSecret(fresh) })).toEqual({ kind: 'access-ended', refusal: 'revoked' });
    expect(await hq.store.file(sha)).toBeNull();
  });
});

if (!PG_URL) describe.skip(`revocation and requests in flight (postgres): ${PG_SKIP_REASON}`, () => it('runs with LANTERN_TEST_PG_URL', () => undefined));
