// SyncEngine basics: first contact, batches by count and bytes, progress, bounded loops, joined runs.
import { describe, expect, it } from 'vitest';
import { type SyncProgress, type SyncReport } from '../../../../../shared/sync/engine';
import { MAX_PUSH_BODY_BYTES } from '../../../../../shared/sync/wire';
import { expectConverged } from '../support/convergence';
import { FakeHq } from '../support/fake-hq';
import { SimDevice, World } from '../support/sim-device';

function report(result: SyncReport | Error): SyncReport {
  if (result instanceof Error) throw result;
  return result;
}

function setup(engineOptions = {}) {
  const world = new World();
  const hq = new FakeHq({ now: () => world.nowMs });
  const a = new SimDevice('dev-a', hq, world, 0, engineOptions);
  const b = new SimDevice('dev-b', hq, world, 0, engineOptions);
  return { world, hq, a, b };
}

describe('SyncEngine', () => {
  it('learns the epoch on first contact with a one-operation probe, then pushes and pulls', async () => {
    const { hq, a } = setup();
    a.create('Pump 3 leaking');
    const result = report(await a.sync());
    expect(hq.requests.map((r) => r.path)).toEqual(['pull', 'push', 'pull']);
    expect(result).toMatchObject({ epoch: 'epoch-1', epochResets: 0, pushed: { applied: 1 }, pulled: { ops: 1, pages: 1, complete: true }, pendingAfter: 0 });
    expect(await a.replica.getCursor()).toEqual({ epoch: 'epoch-1', cursor: 'c:epoch-1:1' });
  });

  it('pushes in batches of at most 500 and reports progress n of m', async () => {
    const { hq, a, b } = setup();
    const first = a.create('Generator B failed');
    for (let i = 0; i < 1233; i++) a.note(first.incidentId, `Reading ${i}`);
    const events: SyncProgress[] = [];
    const result = await a.engine.syncOnce({ onProgress: (p) => events.push(p) });
    expect(result.pushed.applied).toBe(1234);
    expect(hq.requests.filter((r) => r.path === 'push').map((r) => r.ops)).toEqual([500, 500, 234]);
    expect(events.filter((e) => e.phase === 'push')).toEqual([
      { phase: 'push', done: 500, total: 1234 },
      { phase: 'push', done: 1000, total: 1234 },
      { phase: 'push', done: 1234, total: 1234 },
    ]);
    const pulls = events.filter((e) => e.phase === 'pull').map((e) => e.done);
    expect(pulls).toEqual([500, 1000, 1234]);
    report(await b.sync());
    expectConverged(hq, [a, b]);
  });

  it('keeps every push body under HQ’s limit when operations are large', async () => {
    const { hq, a, b } = setup();
    const first = a.create('Generator B failed');
    const long = (n: number) => `${n} `.padEnd(19_000, 'x');
    for (let i = 0; i < 130; i++) a.edit(first.incidentId, { description: long(i) }); // each op carries ~57 KB
    const result = report(await a.sync());
    expect(result.pushed.applied).toBe(131);
    expect(hq.requests.filter((r) => r.path === 'push').length).toBeGreaterThan(1);
    expect(a.stats.maxBodyBytes).toBeLessThanOrEqual(MAX_PUSH_BODY_BYTES);
    report(await b.sync());
    expectConverged(hq, [a, b]);
  });

  it('halves the batch when HQ (or a proxy) answers 413 anyway', async () => {
    const { hq, a } = setup();
    const first = a.create('Generator B failed');
    for (let i = 0; i < 9; i++) a.note(first.incidentId, `n${i}`);
    let refused = 0;
    a.faults.refuse = (request) => {
      if (request.path !== '/v1/sync/push' || refused > 0) return null;
      refused += 1;
      return { status: 413, body: JSON.stringify({ error: 'too-large', message: 'too large' }) };
    };
    const result = report(await a.sync());
    expect(result.pushed.applied).toBe(10);
    expect(hq.requests.filter((r) => r.path === 'push').map((r) => r.ops)).toEqual([5, 5]); // HQ never saw the refused 10
  });

  it('stops pulling after its page budget and reports the pull as incomplete; the next run continues', async () => {
    const { hq, a, b } = setup();
    for (let i = 0; i < 7; i++) a.create(`Incident ${i}`);
    report(await a.sync());
    const limited = new SimDevice('dev-c', hq, a.world, 0, { pullLimit: 2, maxPullPages: 2 });
    const first = report(await limited.sync());
    expect(first.pulled).toEqual({ ops: 4, pages: 2, complete: false });
    const second = report(await limited.sync());
    expect(second.pulled).toEqual({ ops: 3, pages: 2, complete: true });
    report(await b.sync());
    expectConverged(hq, [a, b, limited]);
  });

  it('ends a pull that promises more forever but never moves', async () => {
    const { a } = setup({ maxPullPages: 50 });
    let n = 0;
    a.faults.corrupt = (request) =>
      request.path === '/v1/sync/pull' && request.query.limit !== '1'
        ? { status: 200, body: JSON.stringify({ hqId: 'hq-test', epoch: 'epoch-1', serverTime: 0, ops: [], cursor: `c:epoch-1:${++n}`, hasMore: true }) }
        : null;
    const result = report(await a.sync());
    expect(result.pulled).toEqual({ ops: 0, pages: 50, complete: false });
  });

  it('pulling its own operations back changes nothing on the device', async () => {
    const { a } = setup();
    const op = a.create('Pump 3 leaking');
    a.edit(op.incidentId, { assignee: 'Sam' });
    const before = [...a.replica.incidentStates().values()];
    const result = report(await a.sync());
    expect(result.pulled.ops).toBe(2);
    expect([...a.replica.incidentStates().values()]).toEqual(before);
    expect(a.replica.timelineEvents()).toHaveLength(2);
  });

  it('a second syncOnce during a run joins it instead of starting another', async () => {
    const { hq, a } = setup();
    a.create('Pump 3 leaking');
    const [one, two] = await Promise.all([a.engine.syncOnce(), a.engine.syncOnce()]);
    expect(one).toBe(two);
    expect(hq.requests.filter((r) => r.path === 'push')).toHaveLength(1);
  });

  it('counts edits made during a run as still pending', async () => {
    const { a } = setup();
    const op = a.create('Pump 3 leaking');
    const original = a.replica.applyPulledPage.bind(a.replica);
    a.replica.applyPulledPage = async (page) => {
      a.note(op.incidentId, 'typed while syncing');
      return original(page);
    };
    const result = report(await a.sync());
    expect(result.pendingAfter).toBe(1);
  });
});
