// A large initial sync interrupted at random points resumes where it stopped: 20,000 ops (100,000 with LANTERN_LONG_PROPERTIES=1).
import { describe, expect, it } from 'vitest';
import { DEFAULT_PUSH_WINDOW } from '../../../../../shared/sync/engine';
import { operationSchema } from '../../../../../shared/sync/operation';
import { bulkOps, seededRandom } from '../support/bulk-ops';
import { expectConverged, expectEveryOpOnceAtHq } from '../support/convergence';
import { FakeHq } from '../support/fake-hq';
import { SimDevice, World } from '../support/sim-device';

const LONG = process.env.LANTERN_LONG_PROPERTIES === '1';
const COUNT = LONG ? 100_000 : 20_000;
const SEED = Number(process.env.LANTERN_SEED ?? Date.now() % 1_000_000);

describe(`large initial sync (${COUNT.toLocaleString('en')} operations, seed ${SEED})`, () => {
  it(
    'pushes a big outbox and pulls it into a fresh device through random interruptions, never starting over',
    async () => {
      const random = seededRandom(SEED);
      const world = new World();
      const hq = new FakeHq({ now: () => world.nowMs });
      const origin = new SimDevice('dev-origin', hq, world);
      const ops = bulkOps('dev-origin', COUNT);
      expect(operationSchema.safeParse(ops[0]).success && operationSchema.safeParse(ops[1]).success).toBe(true);
      origin.replica.seedLocalOps(ops);

      // Push: the connection drops at random, sometimes after HQ committed the batch.
      origin.faults.offline = false;
      origin.faults.dropResponse = () => random() < 0.15;
      let pushFailures = 0;
      for (let attempt = 0; attempt < 500; attempt++) {
        const result = await origin.sync();
        if (!(result instanceof Error)) break;
        pushFailures += 1;
      }
      expect(await origin.replica.countPending()).toBe(0);
      const pushedOps = hq.requests.filter((r) => r.path === 'push').reduce((n, r) => n + (r.ops ?? 0), 0);
      // Each failure costs at most the batches that were on their way (the engine's push window) again; nothing is
      // pushed from the start.
      expect(pushedOps).toBeLessThanOrEqual(COUNT + DEFAULT_PUSH_WINDOW * 500 * pushFailures);
      expectEveryOpOnceAtHq(hq, ops);

      // Pull into a fresh device: lost answers and crashes inside the page transaction.
      const fresh = new SimDevice('dev-fresh', hq, world);
      fresh.faults.dropResponse = (request) => request.path === '/v1/sync/pull' && random() < 0.1;
      fresh.replica.faults.applyFailureRate = 0.05;
      fresh.replica.faults.random = random;
      let pullFailures = 0;
      for (let attempt = 0; attempt < 500; attempt++) {
        const result = await fresh.sync();
        if (!(result instanceof Error)) break;
        pullFailures += 1;
      }
      const seqs = fresh.replica.cursorsStored.map((c) => Number(c.split(':')[2]));
      expect(seqs.at(-1)).toBe(COUNT);
      for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1]!); // the cursor only moves forward
      const pages = Math.ceil(COUNT / 500);
      expect(fresh.replica.pageApplies).toBe(pages);
      // Without restarts: the epoch probe, one request per page, and one more per interruption (two when a page
      // failed to apply: the next page, asked for while it was written, is asked for again).
      expect(fresh.stats.requests).toBeGreaterThanOrEqual(1 + pages + pullFailures);
      expect(fresh.stats.requests).toBeLessThanOrEqual(1 + pages + 2 * pullFailures);
      expect(pullFailures).toBeGreaterThan(0);
      expectConverged(hq, [fresh]);
      expect(fresh.replica.timelineEvents()).toHaveLength(COUNT);
    },
    LONG ? 600_000 : 60_000,
  );
});
