// Engine when HQ refuses or talks nonsense: protocol mismatch both ways, revoked, bad answers, offline, timeouts.
import { describe, expect, it } from 'vitest';
import { createFetchTransport, revokedMessage, SyncEngine, SyncError, SYNC_ERROR_MESSAGES, type SyncErrorKind, type SyncReport } from '../../../../../shared/sync/engine';
import { PROTOCOL_VERSION } from '../../../../../shared/sync/wire';
import { FakeHq, type HqAnswer, type HqRequest } from '../support/fake-hq';
import { createFakeFetch } from '../support/fake-network';
import { SimDevice, World } from '../support/sim-device';

function setup() {
  const world = new World();
  const hq = new FakeHq({ now: () => world.nowMs });
  const a = new SimDevice('dev-a', hq, world);
  const b = new SimDevice('dev-b', hq, world);
  return { world, hq, a, b };
}

function kindOf(result: SyncReport | Error): SyncErrorKind {
  if (!(result instanceof SyncError)) throw new Error(`expected a SyncError, got ${result instanceof Error ? result.message : 'a report'}`);
  return result.kind;
}

/** A device with local data synced once, one edit pending, and a snapshot of everything it stores. */
async function deviceWithData() {
  const env = setup();
  const op = env.a.create('Generator B failed');
  await env.a.sync();
  env.b.create('Door 4 jammed');
  await env.b.sync();
  env.a.edit(op.incidentId, { assignee: 'Sam' });
  return { ...env, snapshot: env.a.replica.snapshot() };
}

describe('protocol mismatch', () => {
  it('HQ older than the device: client-newer, plain words, local data untouched', async () => {
    const { hq, a, snapshot } = await deviceWithData();
    hq.minProtocol = PROTOCOL_VERSION - 1;
    hq.maxProtocol = PROTOCOL_VERSION - 1;
    const result = await a.sync();
    expect(kindOf(result)).toBe('client-newer');
    expect((result as SyncError).message).toMatch(/update HQ.*Your data stays on this device/);
    expect((result as SyncError).details.supported).toEqual({ min: PROTOCOL_VERSION - 1, max: PROTOCOL_VERSION - 1 });
    expect(a.replica.snapshot()).toBe(snapshot);
  });

  it('device older than HQ: client-outdated, tells the person to update, local data untouched', async () => {
    const { hq, a, snapshot } = await deviceWithData();
    hq.minProtocol = PROTOCOL_VERSION + 1;
    hq.maxProtocol = PROTOCOL_VERSION + 1;
    const result = await a.sync();
    expect(kindOf(result)).toBe('client-outdated');
    expect((result as SyncError).message).toMatch(/Update Lantern on this computer/);
    expect(a.replica.snapshot()).toBe(snapshot);
    expect(await a.replica.countPending()).toBe(1);
  });
});

describe('auth', () => {
  it('a revoked device is told why, to ask for a re-enrollment code for its id, and keeps every record and pending edit', async () => {
    const { hq, a, snapshot } = await deviceWithData();
    hq.revoke('dev-a');
    const result = await a.sync();
    expect(kindOf(result)).toBe('revoked');
    expect((result as SyncError).message).toBe(revokedMessage('dev-a'));
    expect((result as SyncError).message).toMatch(/re-enrollment code for device dev-a/);
    expect((result as SyncError).message).not.toMatch(/new enrollment code/);
    expect(a.replica.snapshot()).toBe(snapshot);
  });

  it('an unknown token is "unauthorized"', async () => {
    const { world, hq } = setup();
    const a = new SimDevice('dev-a', hq, world);
    const engine = new SyncEngine({
      transport: createFetchTransport({ baseUrl: 'http://hq.test', token: 'nope', deviceId: 'dev-a', fetch: createFakeFetch(hq), timers: { setTimeout, clearTimeout } }),
      replica: a.replica,
      now: () => world.nowMs,
    });
    await expect(engine.syncOnce()).rejects.toMatchObject({ kind: 'unauthorized' });
  });
});

describe('answers that fail validation change nothing', () => {
  const garbage: [string, (request: HqRequest, answer: HqAnswer) => HqAnswer | null][] = [
    ['a push answer of the wrong shape', (r) => (r.path === '/v1/sync/push' ? { status: 200, body: '{"results":"all good"}' } : null)],
    ['a push answer that is not JSON', (r) => (r.path === '/v1/sync/push' ? { status: 200, body: '<html>proxy login</html>' } : null)],
    ['a push answer with fewer results than operations', (r, answer) => (r.path === '/v1/sync/push' ? { ...answer, body: answer.body.replace(/"results":\[.*\]/, '"results":[]') } : null)],
    [
      'a push answer whose capped stamp names another device',
      (r, answer) => (r.path === '/v1/sync/push' ? { ...answer, body: answer.body.replace(/"hlc":"[^"]+"/, '"hlc":"001795694400000-0000-someone-else"') } : null),
    ],
    ['a pull answer with an invalid operation', (r, answer) => (r.path === '/v1/sync/pull' ? { ...answer, body: answer.body.replace(/"opId":"[^"]+"/, '"opId":"x"') } : null)],
    ['a pull page out of serverSeq order', (r, answer) => (r.path === '/v1/sync/pull' ? { ...answer, body: answer.body.replace(/"serverSeq":3/, '"serverSeq":2') } : null)],
    ['a pull that promises more without moving', (r) => (r.path === '/v1/sync/pull' && r.query.cursor ? { status: 200, body: JSON.stringify({ hqId: 'hq-test', epoch: 'epoch-1', serverTime: 0, ops: [], cursor: r.query.cursor, hasMore: true }) } : null)],
  ];

  it.each(garbage)('%s → bad-response', async (_name, corrupt) => {
    const { a, snapshot } = await deviceWithData();
    a.faults.corrupt = corrupt;
    const result = await a.sync();
    expect(kindOf(result)).toBe('bad-response');
    expect((result as SyncError).message).toBe(SYNC_ERROR_MESSAGES['bad-response']);
    // Pull failures may follow a successful push, which is recorded; pull garbage itself applies nothing.
    const after = JSON.parse(a.replica.snapshot()) as { incidents: unknown; timeline: unknown; point: unknown };
    const before = JSON.parse(snapshot) as typeof after;
    expect(after.incidents).toEqual(before.incidents);
    expect(after.timeline).toEqual(before.timeline);
    expect(after.point).toEqual(before.point);
    a.faults.corrupt = undefined;
    expect((await a.sync()) instanceof Error).toBe(false);
  });

  it('a garbage push answer leaves the outbox pending; the next sync gets duplicates', async () => {
    const { a, snapshot } = await deviceWithData();
    a.faults.corrupt = (r) => (r.path === '/v1/sync/push' ? { status: 200, body: '{}' } : null);
    expect(kindOf(await a.sync())).toBe('bad-response');
    expect(a.replica.snapshot()).toBe(snapshot);
    a.faults.corrupt = undefined;
    const next = await a.sync();
    expect(next).toMatchObject({ pushed: { duplicate: 1, applied: 0 } });
  });
});

describe('no connection', () => {
  it('offline: kind offline, nothing changed', async () => {
    const { a, snapshot } = await deviceWithData();
    a.faults.offline = true;
    expect(kindOf(await a.sync())).toBe('offline');
    expect(a.replica.snapshot()).toBe(snapshot);
  });

  it('a request that never gets an answer times out', async () => {
    const { world, hq } = setup();
    const a = new SimDevice('dev-a', hq, world);
    const transport = createFetchTransport({
      baseUrl: 'http://hq.test',
      token: hq.addDevice('dev-a'),
      deviceId: 'dev-a',
      fetch: createFakeFetch(hq, { hang: () => true }),
      timers: { setTimeout, clearTimeout },
      timeoutMs: 20,
    });
    const engine = new SyncEngine({ transport, replica: a.replica, now: () => world.nowMs });
    await expect(engine.syncOnce()).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('HQ errors and rate limits map to their kinds', async () => {
    const { a } = await deviceWithData();
    a.faults.corrupt = () => ({ status: 503, body: JSON.stringify({ error: 'unavailable', message: 'busy' }) });
    expect(kindOf(await a.sync())).toBe('server-error');
    a.faults.corrupt = () => ({ status: 429, body: JSON.stringify({ error: 'rate-limited', message: 'slow down', retryAfterSeconds: 7 }) });
    const limited = await a.sync();
    expect(kindOf(limited)).toBe('rate-limited');
    expect((limited as SyncError).details.retryAfterMs).toBe(7000);
  });
});
