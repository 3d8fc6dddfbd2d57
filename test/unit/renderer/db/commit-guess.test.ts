// A change planned from the meta its handle committed last must end exactly as one that read meta first.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository, ensureDevice, setCurrentUser } from '../../../../renderer/db';
import { commitChange } from '../../../../renderer/db/commit-change';
import { LanternDb } from '../../../../renderer/db/database';
import { readMeta, writeMeta } from '../../../../renderer/db/meta';
import { compareHlc, recordIncident } from '../../../../shared/domain';
import { freshDb, testClock } from './db-test-kit';

const open: LanternDb[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

/** Two handles on one database, as two windows of the app would have. */
function twoTabs() {
  const first = freshDb('guess');
  const second = new LanternDb(first.name);
  open.push(first, second);
  const clock = testClock();
  return { first, second, clock, repoA: createIncidentRepository(first, clock), repoB: createIncidentRepository(second, clock) };
}

async function recordOk(repo: ReturnType<typeof createIncidentRepository>, title: string) {
  const result = await repo.record({ title });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('changes planned from the last committed meta', () => {
  // Every meta key a change compares must be remembered, or the guess misses on every save (as a stored clock check once did).
  it.each([
    ['no clock check stored', false],
    ['a clock check stored', true],
  ])('a save after a save on the same handle issues its writes without waiting for the meta read (%s)', async (_case, withClockCheck) => {
    const db = freshDb('one-trip');
    open.push(db);
    const log: string[] = [];
    db.use({
      stack: 'dbcore',
      name: 'request-order',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          return {
            ...table,
            getMany: async (req) => {
              log.push(`read ${name}`);
              const res = await table.getMany(req);
              log.push(`answer ${name}`);
              return res;
            },
            mutate: (req) => {
              log.push(`write ${name}`);
              return table.mutate(req);
            },
          };
        },
      }),
    });
    const repo = createIncidentRepository(db, testClock());
    if (withClockCheck) await writeMeta(db, 'clockCheck', { checkedAtMs: Date.UTC(2026, 10, 26, 13, 0), hqMinusDeviceMs: 1_500 });
    await recordOk(repo, 'First: reads meta, then writes');
    const firstSave = log.splice(0);
    expect(firstSave.indexOf('answer meta')).toBeLessThan(firstSave.indexOf('write incidents'));
    await recordOk(repo, 'Second: writes with the meta read');
    expect(log.slice(0, 6)).toEqual(['read meta', 'write incidents', 'write timeline', 'write outbox', 'write meta', 'answer meta']);
    // One attempt: a missed guess would roll back and write everything a second time.
    expect(log.filter((entry) => entry === 'write incidents')).toHaveLength(1);
  });

  it('two tabs saving in turn still get consecutive numbers, deviceSeqs and increasing HLC stamps', async () => {
    const { first, clock, repoA, repoB } = twoTabs();
    const titles = ['A1', 'A2', 'B1', 'A3', 'B2', 'B3', 'A4'];
    for (const title of titles) {
      clock.advance(1);
      await recordOk(title.startsWith('A') ? repoA : repoB, title);
    }
    const prefix = (await ensureDevice(first)).devicePrefix;
    const incidents = await first.incidents.orderBy('number').toArray();
    expect(incidents.map((row) => row.number)).toEqual(titles.map((_, i) => `${prefix}-000${i + 1}`));
    const outbox = await first.outbox.toArray();
    expect(outbox.map((op) => op.deviceSeq)).toEqual(titles.map((_, i) => i + 1));
    const stamps = outbox.map((op) => op.hlc);
    expect([...stamps].sort(compareHlc)).toEqual(stamps);
    expect(new Set(stamps).size).toBe(stamps.length);
    expect(await readMeta(first, 'counters')).toEqual({ nextIncidentCounter: titles.length + 1, nextDeviceSeq: titles.length + 1 });
  });

  it('a clock moved ahead by a sync between two saves is honoured, and the missed guess leaves nothing behind', async () => {
    const { first, second, clock, repoA } = twoTabs();
    await recordOk(repoA, 'Before the sync');
    const hlc = await readMeta(second, 'hlc');
    if (!hlc) throw new Error('no HLC state');
    // The sync received a stamp an hour ahead of this device's clock (written through another handle).
    const ahead = { ...hlc, wallMs: clock.nowMs() + 3_600_000, counter: 7 };
    await writeMeta(second, 'hlc', ahead);

    await recordOk(repoA, 'After the sync');
    const outbox = await first.outbox.toArray();
    expect(outbox).toHaveLength(2);
    expect(await first.incidents.count()).toBe(2);
    expect(await first.timeline.count()).toBe(2);
    const state = await readMeta(first, 'hlc');
    expect(state?.wallMs).toBe(ahead.wallMs);
    expect(state?.counter).toBe(8);
    expect(compareHlc(outbox[1]!.hlc, outbox[0]!.hlc)).toBe(1);
  });

  it('a new author set in another tab is used by the next save', async () => {
    const { second, repoA } = twoTabs();
    await recordOk(repoA, 'Anonymous');
    await setCurrentUser(second, { name: 'Dana Field' });
    const incident = await recordOk(repoA, 'Signed');
    expect(incident.createdBy).toEqual({ name: 'Dana Field' });
  });

  it('a change inside a caller transaction that rolls back does not leak its counters into the next save', async () => {
    const { first, clock, repoA } = twoTabs();
    await recordOk(repoA, 'Kept');
    await expect(
      first.transaction('rw', first.tables, async () => {
        const nested = await commitChange(first, clock, async ({ ctx, device, claimIncidentCounter }) =>
          recordIncident({ title: 'Rolled back' }, await claimIncidentCounter(), device.devicePrefix, ctx),
        );
        expect(nested.ok).toBe(true);
        throw new Error('caller gives up');
      }),
    ).rejects.toThrow('caller gives up');
    const next = await recordOk(repoA, 'Next');
    const prefix = (await ensureDevice(first)).devicePrefix;
    expect(next.number).toBe(`${prefix}-0002`);
    expect((await first.outbox.toArray()).map((op) => op.deviceSeq)).toEqual([1, 2]);
  });
});
