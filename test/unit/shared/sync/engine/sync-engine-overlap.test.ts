// The engine overlaps local work with the network (read ahead, store receipts while the next batch travels, ask for the next page while one is written) without changing what reaches HQ.
import { describe, expect, it } from 'vitest';
import { parseHlc } from '../../../../../shared/domain';
import type { LocalReplica } from '../../../../../shared/sync/engine';
import { expectConverged, expectEveryOpOnceAtHq } from '../support/convergence';
import { FakeHq } from '../support/fake-hq';
import { SimDevice, World } from '../support/sim-device';

const HOUR = 3_600_000;

/** Logs when each replica call starts and ends, with how many requests HQ had received by then. */
function logCalls(replica: LocalReplica, hq: FakeHq, log: string[], slowReceiptsMs = 0): void {
  const target = replica as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const seen = () => `pushes=${hq.requests.filter((r) => r.path === 'push').length} pulls=${hq.requests.filter((r) => r.path === 'pull').length}`;
  for (const name of ['pendingOps', 'pendingOpsAfter', 'recordPushResults', 'applyPulledPage'] as const) {
    const original = target[name]!.bind(replica);
    target[name] = async (...args: unknown[]) => {
      log.push(`${name} start ${seen()}`);
      if (name === 'recordPushResults' && slowReceiptsMs > 0) await new Promise((resolve) => setTimeout(resolve, slowReceiptsMs));
      const result = await original(...args);
      log.push(`${name} end ${seen()}`);
      return result;
    };
  }
}

describe('sync engine: local work overlapped with the network', () => {
  it('sends the next batch before the previous receipts are stored, reading it while the previous one travelled', async () => {
    const world = new World();
    const hq = new FakeHq({ now: () => world.nowMs });
    const device = new SimDevice('dev-a', hq, world, 0, { batchSize: 2 });
    const ops = Array.from({ length: 5 }, (_, i) => device.create(`Pump ${i}`));
    const log: string[] = [];
    logCalls(device.replica, hq, log, 20);
    const report = await device.sync();
    if (report instanceof Error) throw report;
    expect(report.pushed.applied).toBe(5);
    expect(await device.replica.countPending()).toBe(0);
    expectEveryOpOnceAtHq(hq, ops);
    // A plain read at the start (and one finding nothing at the end), read-aheads between; later pushes reach HQ before the 1st receipts are stored.
    expect(log.filter((entry) => entry.startsWith('pendingOps start')).length).toBeLessThanOrEqual(2);
    expect(log.filter((entry) => entry.startsWith('pendingOpsAfter start')).length).toBeGreaterThanOrEqual(2);
    // With the push window of 2, the 3rd batch already reached HQ as well.
    expect(log.find((entry) => entry.startsWith('recordPushResults end'))).toContain('pushes=3');
  });

  it('reads the batch after next before the last receipts are stored; receipts are stored in order, one at a time', async () => {
    const world = new World();
    const hq = new FakeHq({ now: () => world.nowMs });
    const device = new SimDevice('dev-a', hq, world, 0, { batchSize: 2 });
    const ops = Array.from({ length: 7 }, (_, i) => device.create(`Valve ${i}`));
    const log: string[] = [];
    logCalls(device.replica, hq, log, 20);
    const progress: number[] = [];
    const report = await device.engine.syncOnce({ onProgress: (p) => p.phase === 'push' && progress.push(p.done) });
    expect(report.pushed.applied).toBe(7);
    expect(await device.replica.countPending()).toBe(0);
    expectEveryOpOnceAtHq(hq, ops);
    // The 3rd batch (read ahead while the 2nd travels) is read before the 1st batch's receipts are stored.
    const firstReceiptsStored = log.findIndex((entry) => entry.startsWith('recordPushResults end'));
    const readAheads = log.flatMap((entry, i) => (entry.startsWith('pendingOpsAfter start') ? [i] : []));
    expect(readAheads[1]).toBeLessThan(firstReceiptsStored);
    // Receipts one after the other (each stored before the next starts), and progress only counts stored ones.
    const receipts = log.filter((entry) => entry.startsWith('recordPushResults'));
    expect(receipts.map((entry) => entry.split(' ')[1])).toEqual(receipts.map((_, i) => (i % 2 === 0 ? 'start' : 'end')));
    expect(progress).toEqual([2, 4, 6, 7]);
  });

  it('after a capped stamp, sends nothing more until the outbox is read again; edits sent on the way meanwhile get their base rewritten by HQ (no false conflict)', async () => {
    const world = new World();
    const hq = new FakeHq({ now: () => world.nowMs });
    const ahead = new SimDevice('dev-ahead', hq, world, 6 * HOUR, { batchSize: 1 });
    const right = new SimDevice('dev-right', hq, world, 0);
    const op = ahead.create('From the future');
    ahead.edit(op.incidentId, { title: 'Second thought' });
    ahead.note(op.incidentId, 'Checked twice');
    const log: string[] = [];
    logCalls(ahead.replica, hq, log);
    const report = await ahead.sync();
    if (report instanceof Error) throw report;
    expect(report.pushed.capped).toBe(3);
    // The first two batches go at once (window of 2); both come back capped, so the outbox is read again after their
    // rewrites (the read-ahead is dropped), and again after the third: 1 + 2 reads.
    expect(log.filter((entry) => entry.startsWith('pendingOps start'))).toHaveLength(3);
    expect([...hq.conflicts.values()]).toEqual([]);
    for (const entry of hq.operations()) expect(parseHlc(entry.op.hlc).wallMs).toBeLessThan(world.nowMs + HOUR);
    const again = await right.sync();
    if (again instanceof Error) throw again;
    expectConverged(hq, [ahead, right]);
  });

  it('asks for the next page while one is written; a page that fails to apply stores nothing and the next run resumes', async () => {
    const world = new World();
    const hq = new FakeHq({ now: () => world.nowMs });
    const origin = new SimDevice('dev-origin', hq, world);
    for (let i = 0; i < 12; i++) origin.create(`Valve ${i}`);
    const pushed = await origin.sync();
    if (pushed instanceof Error) throw pushed;
    const fresh = new SimDevice('dev-fresh', hq, world, 0, { pullLimit: 5 });
    const log: string[] = [];
    const pullsBefore = hq.requests.filter((r) => r.path === 'pull').length;
    logCalls(fresh.replica, hq, log);
    const first = await fresh.sync();
    if (first instanceof Error) throw first;
    expect(first.pulled).toMatchObject({ ops: 12, pages: 3, complete: true });
    // The epoch probe and the first page came before the first apply; the second page was asked for during it.
    const firstApply = log.filter((entry) => entry.startsWith('applyPulledPage'))[1]!;
    expect(Number(/pulls=(\d+)/.exec(firstApply)![1]) - pullsBefore).toBe(3);
    expect(fresh.replica.cursorsStored).toHaveLength(3);

    // A crash inside the second page's transaction: its cursor is not stored, the page comes again next run.
    const later = new SimDevice('dev-later', hq, world, 0, { pullLimit: 5 });
    let applies = 0;
    const apply = later.replica.applyPulledPage.bind(later.replica);
    later.replica.applyPulledPage = async (page) => {
      applies += 1;
      if (applies === 2) later.replica.faults.failNextApply = true;
      return apply(page);
    };
    expect(await later.sync()).toBeInstanceOf(Error);
    expect(later.replica.cursorsStored).toHaveLength(1);
    const resumed = await later.sync();
    if (resumed instanceof Error) throw resumed;
    expect(later.replica.timelineEvents()).toHaveLength(12);
    expectConverged(hq, [origin, fresh, later]);
  });
});
