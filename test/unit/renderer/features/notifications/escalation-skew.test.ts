// Automatic escalations of incidents recorded on a laptop whose clock was off: due by the corrected time, not the recorded one.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository, ensureDevice, type LanternDb } from '../../../../../renderer/db';
import { writeMeta } from '../../../../../renderer/db/meta';
import { mayBeDue, startEscalationRunner, type EscalationRunner } from '../../../../../renderer/features/notifications/escalation-runner';
import { SEED_ESCALATION_RULES, SEED_SLA_POLICIES, SYSTEM_AUTHOR } from '../../../../../shared/domain';
import { freshDb, must, START_MS, testClock } from '../../db/db-test-kit';

const MIN = 60_000;
const HOUR = 60 * MIN;
const GOLD = SEED_SLA_POLICIES[0]!;
const open: LanternDb[] = [];
const runners: EscalationRunner[] = [];
afterEach(() => {
  runners.splice(0).forEach((r) => r.stop());
  open.splice(0).forEach((d) => d.close());
});

/** A P1 recorded on a laptop whose clock reads `skewMs` off real time (its last check against HQ said so), at real START_MS. */
async function recordedOnSkewedLaptop(label: string, skewMs: number, checked = true) {
  const db = freshDb(label);
  open.push(db);
  await ensureDevice(db);
  if (checked) await writeMeta(db, 'clockCheck', { checkedAtMs: START_MS + skewMs - MIN, hqMinusDeviceMs: -skewMs });
  const incident = must(await createIncidentRepository(db, testClock(START_MS + skewMs)).record({ title: 'Ward 3 oxygen alarm', impact: 1, urgency: 1 }));
  return { db, incident };
}

/** The runner of a laptop whose clock is right (its last check said so), at real time `nowMs`; it holds the same data. */
async function rightLaptopRunner(db: LanternDb, nowMs: number) {
  await writeMeta(db, 'clockCheck', { checkedAtMs: nowMs - MIN, hqMinusDeviceMs: 0 });
  const runner = startEscalationRunner({ db, clock: testClock(nowMs), intervalMs: 3_600_000, pause: async () => undefined, onError: (e) => { throw e; } });
  runners.push(runner);
  return runner;
}

const automatic = async (db: LanternDb) => (await db.timeline.toArray()).filter((e) => e.author.name === SYSTEM_AUTHOR.name);

describe('automatic escalation of incidents from a skewed laptop', { timeout: 30_000 }, () => {
  it('writes nothing for a P1 recorded 1 min ago on a laptop 6 h behind, and escalates once it really is late', async () => {
    const { db } = await recordedOnSkewedLaptop('esc-skew-behind', -6 * HOUR);
    const row = (await db.incidents.toArray())[0]!;
    expect(mayBeDue(row, GOLD, SEED_ESCALATION_RULES, START_MS + MIN)).toBe(false);
    await expect((await rightLaptopRunner(db, START_MS + MIN)).runOnce()).resolves.toBe(0);
    expect(await automatic(db)).toEqual([]);
    // 20 minutes after it was really recorded nobody owns it: the time to own is breached.
    await expect((await rightLaptopRunner(db, START_MS + 20 * MIN)).runOnce()).resolves.toBe(1);
    expect((await automatic(db)).map((e) => e.kind)).toEqual(['escalated']);
  });

  it('escalates a P1 recorded 3 h ago on a laptop 6 h ahead', async () => {
    const { db } = await recordedOnSkewedLaptop('esc-skew-ahead', 6 * HOUR);
    const row = (await db.incidents.toArray())[0]!;
    expect(mayBeDue(row, GOLD, SEED_ESCALATION_RULES, START_MS + 3 * HOUR)).toBe(true);
    // Time to own and time to resolve breached, and the commander told (75 % of the time to resolve).
    await expect((await rightLaptopRunner(db, START_MS + 3 * HOUR)).runOnce()).resolves.toBe(3);
  });

  it('on the skewed laptop itself, judges by its clock corrected as its last check said: nothing early, nothing hidden', async () => {
    for (const skew of [-6 * HOUR, 6 * HOUR]) {
      const { db } = await recordedOnSkewedLaptop(`esc-skew-self-${skew}`, skew);
      const own = (nowMs: number) => {
        const runner = startEscalationRunner({ db, clock: testClock(nowMs + skew), intervalMs: 3_600_000, pause: async () => undefined, onError: (e) => { throw e; } });
        runners.push(runner);
        return runner;
      };
      await expect(own(START_MS + MIN).runOnce()).resolves.toBe(0);
      await expect(own(START_MS + 20 * MIN).runOnce()).resolves.toBe(1);
    }
  });

  it('still escalates at once an incident from a never-synced laptop 6 h behind (nothing synced tells it apart from a real late one)', async () => {
    const { db } = await recordedOnSkewedLaptop('esc-skew-unchecked', -6 * HOUR, false);
    const events = await db.timeline.toArray();
    expect(events[0]!.clock).toEqual({ state: 'unchecked' });
    await expect((await rightLaptopRunner(db, START_MS + MIN)).runOnce()).resolves.toBe(3);
  });
});
