// Several HQ instances on one PostgreSQL database (behind a load balancer): exactly once across instances, a pull never
// skips an operation another instance is committing, an upload resumes on another instance.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { pullResponseSchema, pushResponseSchema } from '../../../shared/sync/wire';
import { TestDevice } from './support/test-device';
import { call, enrollAt, pgCluster, pushBody, PG_URL, type Cluster } from './support/pg-cluster';

describe.runIf(PG_URL)('several HQ instances on one PostgreSQL database', () => {
  let cluster: Cluster | undefined;
  afterEach(async () => {
    await cluster?.close();
    cluster = undefined;
  });

  it('same device pushing the same and overlapping batches to two instances at once: each op applied once, seqs dense', async () => {
    cluster = await pgCluster(2);
    const [a, b] = cluster.instances.map((i) => i.url) as [string, string];
    const dev = new TestDevice('device-a');
    const token = await enrollAt(a, cluster.adminToken, dev.id);
    const create = dev.create('Boiler trip');
    const ops = [create, ...Array.from({ length: 59 }, (_, i) => dev.note(create.incidentId, `n${i}`))];
    const batches = [ops.slice(0, 30), ops.slice(0, 40), ops.slice(20, 60), ops.slice(30, 60), ops];
    for (let round = 0; round < 4; round++) {
      await Promise.all(batches.map((batch, i) => call(i % 2 ? a : b, '/v1/sync/push', { token, body: pushBody(dev.id, batch) })));
    }
    const final = pushResponseSchema.parse((await call(b, '/v1/sync/push', { token, body: pushBody(dev.id, ops) })).json);
    expect(final.results.map((r) => r.status)).toEqual(ops.map(() => 'duplicate'));
    expect(final.results.map((r) => r.serverSeq)).toEqual(ops.map((_, i) => i + 1));
  });

  it('a reader pulling from one instance while six devices push through two instances never skips an operation', { timeout: 60_000 }, async () => {
    cluster = await pgCluster(3);
    const urls = cluster.instances.map((i) => i.url);
    const devices = Array.from({ length: 6 }, (_, i) => new TestDevice(`device-${i}`));
    const tokens = await Promise.all(devices.map((d) => enrollAt(urls[0]!, cluster!.adminToken, d.id)));
    const reader = tokens[0]!;
    let pushing = true;
    const pushes = Promise.all(
      devices.map(async (d, i) => {
        const create = d.create(`Incident ${i}`);
        const ops = [create, ...Array.from({ length: 119 }, (_, k) => d.note(create.incidentId, `n${k}`))];
        for (let k = 0; k < ops.length; k += 5) await call(urls[(i + k) % 2]!, '/v1/sync/push', { token: tokens[i]!, body: pushBody(d.id, ops.slice(k, k + 5)) });
      }),
    ).finally(() => (pushing = false));
    const seen: number[] = [];
    let cursor: string | undefined;
    while (pushing || seen.length < 720) {
      const reply = await call(urls[2]!, `/v1/sync/pull?limit=7${cursor ? `&cursor=${cursor}` : ''}`, { token: reader });
      const page = pullResponseSchema.parse(reply.json);
      seen.push(...page.ops.map((o) => o.serverSeq));
      cursor = page.cursor;
      if (!pushing && page.ops.length === 0 && !page.hasMore) break;
    }
    await pushes;
    expect(seen).toEqual(Array.from({ length: 720 }, (_, i) => i + 1));
  });

  it('a file upload started on one instance resumes on another and completes once', async () => {
    cluster = await pgCluster(2);
    const [a, b] = cluster.instances.map((i) => i.url) as [string, string];
    const token = await enrollAt(a, cluster.adminToken, 'device-f');
    const bytes = Buffer.alloc(3000, 7);
    bytes.write('lantern', 100);
    const sha = createHash('sha256').update(bytes).digest('hex');
    // HQ takes only files an accepted operation names.
    const dev = new TestDevice('device-f');
    const create = dev.create('Photo attached');
    expect((await call(a, '/v1/sync/push', { token, body: pushBody(dev.id, [create], { files: [{ opId: create.opId, sha256: sha, size: 3000 }] }) })).status).toBe(200);
    expect((await call(a, `/v1/files/${sha}?offset=0&size=3000`, { token, method: 'PUT', raw: bytes.subarray(0, 1000) })).json).toMatchObject({ received: 1000 });
    expect((await call(b, `/v1/files/${sha}`, { token })).json).toMatchObject({ received: 1000, complete: false });
    expect((await call(b, `/v1/files/${sha}?offset=1000&size=3000`, { token, method: 'PUT', raw: bytes.subarray(1000, 2000) })).json).toMatchObject({ received: 2000 });
    const [r1, r2] = await Promise.all([a, b].map((u) => call(u, `/v1/files/${sha}?offset=2000&size=3000`, { token, method: 'PUT', raw: bytes.subarray(2000) })));
    // The first completes the file; the second finds it complete (documented: later uploads answer complete at once).
    expect([r1, r2].map((r) => [r!.status, r!.json.complete])).toEqual([[200, true], [200, true]]);
    const content = await fetch(`${a}/v1/files/${sha}/content`, { headers: { Authorization: `Bearer ${token}` } });
    expect(Buffer.from(await content.arrayBuffer()).equals(bytes)).toBe(true);
  });
});
