// Evidence chain of custody: items derived from custody entries in handled order (any arrival order, late paperwork, two laptops offline) and the commands' rules.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CUSTODY_ACTIONS, timelineEventSchema, type CommandContext, type CommandResult, type Incident, type TimelineEvent, type ZonedTime } from '../../../../shared/domain';
import {
  collectEvidence,
  CUSTODY_LINK_ACTIONS,
  evidenceItems,
  recordCustody,
  wallClockText,
  type CollectEvidenceInput,
  type CustodyEvent,
  type CustodyInput,
} from '../../../../shared/domain/custody';
import { deepFreeze, makeCtx, recorded, snapshot, stamp } from './fixtures';
import { passesOperationSchema } from './operation-check';

function ok(result: CommandResult): CustodyEvent {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  const { event } = result.value;
  if (event.kind !== 'custody') throw new Error(`expected a custody entry, got ${event.kind}`);
  return event;
}

const FILE = 'a'.repeat(64);
const OTHER_FILE = 'b'.repeat(64);
// The fixture incident occurred at NOW (2026-03-29T00:30Z, UTC+01:00).
const T0 = Date.parse('2026-03-29T00:30:00.000Z');
const MIN = 60_000;

const at = (ms: number, offsetMinutes = 60): ZonedTime => ({ utc: new Date(ms).toISOString(), offsetMinutes });

/** The context of device `node` at `ms` (+ HLC counter), with `name` at the keyboard. */
function on(node: string, ms: number, name = 'Ana Field', counter = 0): CommandContext {
  return makeCtx({ deviceId: node, author: { name }, hlc: stamp(ms, counter, node), now: at(ms) });
}

const incident: Incident = recorded({ title: 'Ransomware on the finance laptops' });

function collect(input: Partial<CollectEvidenceInput> = {}, ctx = on('laptop-a', T0 + 10 * MIN), hashes: readonly string[] = [FILE]): CommandResult {
  return collectEvidence(incident, { item: 'Laptop, serial 5CG1234', to: 'Ana Field', location: 'IT office', handledAt: at(T0 + 5 * MIN), ...input }, ctx, hashes);
}

function record(events: readonly TimelineEvent[], input: Partial<CustodyInput> & Pick<CustodyInput, 'itemId'>, ctx: CommandContext, target: Incident = incident, hashes: readonly string[] = [FILE]): CommandResult {
  return recordCustody(target, evidenceItems(events), { action: 'transferred', to: 'Ben Forensics', handledAt: ctx.now, ...input }, ctx, hashes);
}

describe('collectEvidence', () => {
  it('starts a chain: the entry’s own id is the item id, action collected, the incident touched, a valid operation', () => {
    const before = snapshot(incident);
    const result = collect({ from: '  Reception  ', sha256: FILE, notes: ' Found switched on ' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { event, change, incident: next } = result.value;
    expect(event).toMatchObject({ kind: 'custody', action: 'collected', item: 'Laptop, serial 5CG1234', from: 'Reception', to: 'Ana Field', location: 'IT office', sha256: FILE, notes: 'Found switched on' });
    expect(event.kind === 'custody' && event.itemId).toBe(event.id);
    expect(change.set).toEqual({});
    expect(next.updatedAt).toBe(on('x', T0 + 10 * MIN).now.utc);
    expect(timelineEventSchema.safeParse(event).success).toBe(true);
    expect(passesOperationSchema(change)).toBe(true);
    expect(snapshot(incident)).toBe(before);
  });

  it('refuses a missing description or collector, naming the field', () => {
    expect(collect({ item: '   ' })).toMatchObject({ ok: false, error: { code: 'missing-field', field: 'item', message: expect.stringContaining('Describe the item') } });
    expect(collect({ to: '' })).toMatchObject({ ok: false, error: { code: 'missing-field', field: 'to' } });
    expect(collect({ item: 'x'.repeat(201) })).toMatchObject({ ok: false, error: { field: 'item', message: expect.stringContaining('200 characters') } });
  });

  it('refuses a handled-at in the future beyond 5 minutes of clock tolerance, and accepts one within it', () => {
    const ctx = on('laptop-a', T0 + 60 * MIN);
    expect(collect({ handledAt: at(T0 + 66 * MIN) }, ctx)).toMatchObject({ ok: false, error: { field: 'handledAt', message: expect.stringContaining('in the future') } });
    expect(collect({ handledAt: at(T0 + 64 * MIN) }, ctx).ok).toBe(true);
  });

  it('refuses a handled-at more than an hour before the incident occurred (a typo), accepts one within the hour', () => {
    const refused = collect({ handledAt: at(T0 - 24 * 60 * MIN) });
    expect(refused).toMatchObject({ ok: false, error: { field: 'handledAt', message: expect.stringContaining('before the incident happened (occurred at 2026-03-29 01:30 UTC+01:00)') } });
    expect(collect({ handledAt: at(T0 - 50 * MIN) }).ok).toBe(true);
  });

  it('accepts a file only when it is attached to this incident', () => {
    expect(collect({ sha256: OTHER_FILE })).toMatchObject({ ok: false, error: { field: 'sha256', message: expect.stringContaining('not attached to this incident') } });
    expect(collect({ sha256: FILE }, undefined, [])).toMatchObject({ ok: false, error: { field: 'sha256' } });
    expect(ok(collect({ sha256: null })).sha256).toBeUndefined();
  });

  it('is allowed on a closed or cancelled incident: custody outlives the incident', () => {
    for (const status of ['closed', 'cancelled'] as const) {
      const finished = deepFreeze({ ...incident, status });
      expect(collectEvidence(finished, { item: 'USB stick', to: 'Ana Field', handledAt: at(T0) }, on('laptop-a', T0 + MIN)).ok).toBe(true);
    }
  });
});

describe('recordCustody', () => {
  const collected = ok(collect());
  const itemId = collected.itemId;

  it('hands over, stores and examines; the item shows the holder and location of its latest link', () => {
    const handed = ok(record([collected], { itemId, from: 'Ana Field', to: 'Ben Forensics', location: '' }, on('laptop-a', T0 + 20 * MIN, 'Ana Field', 1)));
    expect(handed).toMatchObject({ itemId, item: 'Laptop, serial 5CG1234', action: 'transferred', from: 'Ana Field', to: 'Ben Forensics' });
    const stored = ok(record([collected, handed], { itemId, action: 'stored', from: 'Ben Forensics', to: '', location: 'Evidence locker 2' }, on('laptop-a', T0 + 30 * MIN, 'Ben', 2)));
    const examined = ok(record([collected, handed, stored], { itemId, action: 'examined', to: '', location: '', sha256: FILE, notes: 'Disk imaged' }, on('laptop-a', T0 + 40 * MIN, 'Ben', 3)));
    const [item] = evidenceItems([examined, stored, collected, handed]);
    expect(item!.chain.map((event) => event.action)).toEqual(['collected', 'transferred', 'stored', 'examined']);
    expect(item).toMatchObject({ holder: '', location: 'Evidence locker 2', ending: null, afterEnd: [] });
    expect(item!.last.id).toBe(examined.id);
  });

  it('refuses an unknown item, and an item of another incident', () => {
    expect(record([collected], { itemId: 'no-such-item' }, on('laptop-a', T0 + 20 * MIN))).toMatchObject({ ok: false, error: { code: 'invalid-value', field: 'itemId' } });
    const other = recorded({ title: 'Another incident' });
    expect(record([collected], { itemId }, on('laptop-a', T0 + 20 * MIN), other)).toMatchObject({ ok: false, error: { field: 'itemId' } });
  });

  it('needs who it went to for a handover and where it is for storage', () => {
    const ctx = on('laptop-a', T0 + 20 * MIN);
    expect(record([collected], { itemId, to: ' ' }, ctx)).toMatchObject({ ok: false, error: { code: 'missing-field', field: 'to' } });
    expect(record([collected], { itemId, action: 'stored', to: '', location: '' }, ctx)).toMatchObject({ ok: false, error: { code: 'missing-field', field: 'location' } });
    expect(record([collected], { itemId, action: 'collected' as never }, ctx)).toMatchObject({ ok: false, error: { field: 'action' } });
  });

  it('refuses a time before the collection, in the future, or a file not on the incident', () => {
    const ctx = on('laptop-a', T0 + 20 * MIN);
    expect(record([collected], { itemId, handledAt: at(T0 + 4 * MIN) }, ctx)).toMatchObject({ ok: false, error: { field: 'handledAt', message: expect.stringContaining('before the item was collected') } });
    expect(record([collected], { itemId, handledAt: at(T0 + 30 * MIN) }, ctx)).toMatchObject({ ok: false, error: { field: 'handledAt', message: expect.stringContaining('future') } });
    expect(record([collected], { itemId, sha256: OTHER_FILE }, ctx)).toMatchObject({ ok: false, error: { field: 'sha256' } });
  });

  it('ends the chain with returned or disposed of; a further link is refused naming when and by whom', () => {
    for (const action of ['returned', 'disposed'] as const) {
      const ending = ok(record([collected], { itemId, action, to: action === 'returned' ? 'Carla Owner' : '' }, on('laptop-a', T0 + 20 * MIN, 'Dan Custodian', 1)));
      const [item] = evidenceItems([collected, ending]);
      expect(item!.ending?.id).toBe(ending.id);
      const refused = record([collected, ending], { itemId }, on('laptop-a', T0 + 30 * MIN, 'Ana Field', 2));
      expect(refused).toMatchObject({ ok: false, error: { code: 'not-allowed' } });
      if (!refused.ok) expect(refused.error.message).toContain(`${action === 'returned' ? 'returned to owner' : 'disposed of'} on ${wallClockText(at(T0 + 20 * MIN))}, recorded by Dan Custodian`);
    }
  });

  it('is allowed on a closed incident', () => {
    const closed = deepFreeze({ ...incident, status: 'closed' as const });
    expect(record([collected], { itemId, action: 'returned', to: 'Carla Owner' }, on('laptop-a', T0 + 20 * MIN), closed).ok).toBe(true);
  });
});

describe('evidenceItems', () => {
  it('is empty without custody entries and lists items in the order they were collected', () => {
    expect(evidenceItems([])).toEqual([]);
    const first = ok(collect({ item: 'Laptop' }, on('laptop-a', T0 + 10 * MIN)));
    const second = ok(collect({ item: 'USB stick' }, on('laptop-b', T0 + 11 * MIN)));
    expect(evidenceItems([second, first]).map((item) => item.item)).toEqual(['Laptop', 'USB stick']);
  });

  it('two laptops recording transfers of the same item offline end in the same state on both, whatever the arrival order', () => {
    const collected = ok(collect({}, on('laptop-a', T0 + 10 * MIN)));
    const synced = [collected];
    // Both laptops know the collection, then go offline and each records a handover of the same item.
    const onA = ok(record(synced, { itemId: collected.itemId, from: 'Ana Field', to: 'Ben Forensics', location: 'Forensics van' }, on('laptop-a', T0 + 20 * MIN, 'Ana Field', 1)));
    const onB = ok(record(synced, { itemId: collected.itemId, from: 'Ana Field', to: 'Eve Security', location: 'Security desk' }, on('laptop-b', T0 + 21 * MIN, 'Eve Security', 0)));
    const laptopA = evidenceItems([collected, onA, onB]);
    const laptopB = evidenceItems([onB, collected, onA]);
    expect(laptopA).toEqual(laptopB);
    // The later handover (laptop B's, handled a minute later) decides who holds it now; both stay in the chain.
    expect(laptopA[0]).toMatchObject({ holder: 'Eve Security', location: 'Security desk' });
    expect(laptopA[0]!.chain.map((event) => event.id)).toEqual([collected.id, onA.id, onB.id]);

    fc.assert(
      fc.property(fc.shuffledSubarray([collected, onA, onB], { minLength: 3, maxLength: 3 }), (shuffled) => {
        expect(evidenceItems(shuffled)).toEqual(laptopA);
      }),
    );
  });

  it('a link recorded offline after another laptop ended the chain stays in the chain but changes nothing', () => {
    const collected = ok(collect({}, on('laptop-a', T0 + 10 * MIN)));
    const disposed = ok(record([collected], { itemId: collected.itemId, action: 'disposed', to: '', location: 'Shredder room' }, on('laptop-a', T0 + 20 * MIN)));
    const lateTransfer = ok(record([collected], { itemId: collected.itemId, to: 'Eve Security', location: 'Security desk' }, on('laptop-b', T0 + 25 * MIN)));
    const [item] = evidenceItems([lateTransfer, disposed, collected]);
    expect(item).toMatchObject({ holder: '', location: 'Shredder room', afterEnd: [lateTransfer.id] });
    expect(item!.ending?.id).toBe(disposed.id);
    expect(item!.last.id).toBe(disposed.id);
    expect(item!.chain).toHaveLength(3);
  });
});

/** 2026-03-29 at hh:mm UTC (the fixture incident occurred at 00:30 that day). */
const clock = (hhmm: string): number => Date.parse(`2026-03-29T${hhmm}:00.000Z`);

describe('handled order: late paperwork lands where it happened', () => {
  // Collected 10:00 by Ana; Ben stores it in Evidence locker 2 at 11:30 (written 11:31); at 12:00 Ana writes down
  // that she handed it to Ben at 11:00, giving the place she handed it over.
  const collected = ok(collect({ to: 'Ana Field', location: 'IT office', handledAt: at(clock('10:00')) }, on('laptop-a', clock('10:05'))));
  const itemId = collected.itemId;
  const stored = ok(record([collected], { itemId, action: 'stored', from: 'Ben Forensics', to: '', location: 'Evidence locker 2', handledAt: at(clock('11:30')) }, on('laptop-b', clock('11:31'), 'Ben Forensics')));
  const handover = ok(record([collected, stored], { itemId, action: 'transferred', from: 'Ana Field', to: 'Ben Forensics', location: 'IT office', handledAt: at(clock('11:00')) }, on('laptop-a', clock('12:00'))));

  it('the item is where the latest-handled link left it, and the chain reads in handled order', () => {
    const [item] = evidenceItems([collected, stored, handover]);
    expect(item).toMatchObject({ holder: '', location: 'Evidence locker 2', ending: null, afterEnd: [] });
    expect(item!.last.id).toBe(stored.id);
    expect(item!.chain.map((event) => event.action)).toEqual(['collected', 'transferred', 'stored']);
    expect(item!.chain.map((event) => event.handledAt.utc)).toEqual([clock('10:00'), clock('11:00'), clock('11:30')].map((ms) => new Date(ms).toISOString()));
  });

  it('compares instants, not the wall-clock text: a link entered in another time zone sorts by when it happened', () => {
    // 11:15 UTC written on a laptop at UTC−05:00: after the 11:00 handover and before the 11:30 storage.
    const examined = ok(record([collected, stored, handover], { itemId, action: 'examined', to: '', location: '', handledAt: at(clock('11:15'), -300) }, on('laptop-c', clock('12:10'))));
    const [item] = evidenceItems([examined, handover, stored, collected]);
    expect(item!.chain.map((event) => event.id)).toEqual([collected.id, handover.id, examined.id, stored.id]);
    expect(item).toMatchObject({ holder: '', location: 'Evidence locker 2' });
  });

  it('equal handled-at instants are ordered by HLC then id, the same on every device', () => {
    const a = ok(record([collected], { itemId, to: 'Eve Security', location: 'Security desk', handledAt: at(clock('11:00')) }, on('laptop-a', clock('11:05'))));
    const b = ok(record([collected], { itemId, to: 'Dan Custodian', location: 'Server room', handledAt: at(clock('11:00'), 120) }, on('laptop-b', clock('11:04'))));
    const [item] = evidenceItems([collected, a, b]);
    expect(item!.chain.map((event) => event.id)).toEqual([collected.id, b.id, a.id]);
    expect(item).toMatchObject({ holder: 'Eve Security', location: 'Security desk' });
    expect(evidenceItems([a, b, collected])).toEqual(evidenceItems([b, collected, a]));
  });

  it('lists items in the order they were collected (handled), not recorded', () => {
    const later = ok(collect({ item: 'USB stick', handledAt: at(clock('09:00')) }, on('laptop-b', clock('12:30'))));
    expect(evidenceItems([collected, later]).map((item) => item.item)).toEqual(['USB stick', 'Laptop, serial 5CG1234']);
  });
});

describe('the chain’s end in handled order', () => {
  const collected = ok(collect({ handledAt: at(clock('10:00')) }, on('laptop-a', clock('10:05'))));
  const itemId = collected.itemId;
  const disposed = ok(record([collected], { itemId, action: 'disposed', to: '', location: 'Shredder room', handledAt: at(clock('12:00')) }, on('laptop-a', clock('12:05'), 'Dan Custodian')));

  it('refuses a link handled at or after the end, naming the ending, and changes nothing', () => {
    for (const hhmm of ['13:00', '12:00']) {
      const refused = record([collected, disposed], { itemId, handledAt: at(clock(hhmm)) }, on('laptop-a', clock('13:10')));
      expect(refused).toMatchObject({ ok: false, error: { code: 'not-allowed', field: 'handledAt' } });
      if (!refused.ok) expect(refused.error.message).toContain(`has ended: disposed of on ${wallClockText(at(clock('12:00')))}, recorded by Dan Custodian`);
    }
  });

  it('accepts a link handled before the end though written after it: it lands in place and the end still decides the state', () => {
    const handover = ok(record([collected, disposed], { itemId, from: 'Ana Field', to: 'Ben Forensics', location: 'Forensics van', handledAt: at(clock('11:00')) }, on('laptop-b', clock('13:00'))));
    const [item] = evidenceItems([handover, disposed, collected]);
    expect(item!.chain.map((event) => event.id)).toEqual([collected.id, handover.id, disposed.id]);
    expect(item).toMatchObject({ holder: '', location: 'Shredder room', afterEnd: [] });
    expect(item!.ending?.id).toBe(disposed.id);
    expect(item!.last.id).toBe(disposed.id);
  });

  it('refuses an end handled before a link already recorded (the item would have been handled after it left custody)', () => {
    const stored = ok(record([collected], { itemId, action: 'stored', to: '', location: 'Evidence locker 2', handledAt: at(clock('11:30')) }, on('laptop-a', clock('11:35'), 'Ben Forensics')));
    const refused = record([collected, stored], { itemId, action: 'returned', to: 'Carla Owner', handledAt: at(clock('11:00')) }, on('laptop-a', clock('12:00')));
    expect(refused).toMatchObject({ ok: false, error: { field: 'handledAt', message: expect.stringContaining(`was stored on ${wallClockText(at(clock('11:30')))}, recorded by Ben Forensics`) } });
    expect(record([collected, stored], { itemId, action: 'returned', to: 'Carla Owner', handledAt: at(clock('11:30')) }, on('laptop-a', clock('12:00'))).ok).toBe(true);
  });

  it('marks after-end the links handled after the end, whichever laptop wrote which first', () => {
    // Laptop B did not know of the disposal: it wrote a handover at 12:30 (after the end) and one at 11:00 (before it).
    const afterIt = ok(record([collected], { itemId, to: 'Eve Security', location: 'Security desk', handledAt: at(clock('12:30')) }, on('laptop-b', clock('12:31'))));
    const beforeIt = ok(record([collected], { itemId, to: 'Ben Forensics', location: 'Forensics van', handledAt: at(clock('11:00')) }, on('laptop-b', clock('11:50'))));
    const [item] = evidenceItems([afterIt, collected, disposed, beforeIt]);
    expect(item!.chain.map((event) => event.id)).toEqual([collected.id, beforeIt.id, disposed.id, afterIt.id]);
    expect(item).toMatchObject({ holder: '', location: 'Shredder room', afterEnd: [afterIt.id] });
    // Two ends: the first handled one ends the chain, even when it was recorded last.
    const returned = ok(record([collected], { itemId, action: 'returned', to: 'Carla Owner', location: 'Reception', handledAt: at(clock('11:45')) }, on('laptop-c', clock('12:40'))));
    const [twoEnds] = evidenceItems([disposed, returned, collected, beforeIt, afterIt]);
    expect(twoEnds!.ending?.id).toBe(returned.id);
    expect(twoEnds).toMatchObject({ holder: 'Carla Owner', location: 'Reception', afterEnd: [disposed.id, afterIt.id] });
  });
});

describe('determinism over random handled times and arrival orders', () => {
  const collected = ok(collect({ handledAt: at(T0 + 10 * MIN) }, on('laptop-a', T0 + 10 * MIN)));
  const link = fc.record({
    handledMinutes: fc.integer({ min: 0, max: 20 }),
    recordedMinutes: fc.integer({ min: 1, max: 60 }),
    node: fc.constantFrom('laptop-a', 'laptop-b', 'laptop-c'),
    counter: fc.integer({ min: 0, max: 3 }),
    action: fc.constantFrom(...CUSTODY_LINK_ACTIONS),
    to: fc.constantFrom('', 'Ben Forensics', 'Eve Security'),
    location: fc.constantFrom('', 'Evidence locker 2', 'Forensics van'),
  });
  /** Links as laptops write them offline: any handled time from the collection on (ties likely), any action. */
  const links = fc.array(link, { minLength: 1, maxLength: 7 }).map((drawn) =>
    drawn.map((d, index): CustodyEvent => ({
      ...collected,
      id: `link-${index}`,
      hlc: stamp(T0 + (10 + d.recordedMinutes) * MIN, d.counter, d.node),
      action: d.action,
      to: d.to,
      location: d.location,
      handledAt: at(T0 + (10 + d.handledMinutes) * MIN, d.handledMinutes % 2 === 0 ? 60 : -300),
    })),
  );
  const withShuffle = links.chain((drawn) => {
    const all = [collected, ...drawn];
    return fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length }).map((shuffled) => ({ all, shuffled }));
  });

  it('every arrival order gives the same items; the chain is in handled order; after-end is what follows the first end', () => {
    fc.assert(
      fc.property(withShuffle, ({ all, shuffled }) => {
        const [item] = evidenceItems(all);
        expect(evidenceItems(shuffled)).toEqual([item]);
        const { chain } = item!;
        expect(chain[0]!.id).toBe(collected.id);
        const instants = chain.map((event) => Date.parse(event.handledAt.utc));
        expect(instants).toEqual([...instants].sort((a, b) => a - b));
        const end = chain.findIndex((event) => event.action === 'returned' || event.action === 'disposed');
        expect(item!.ending?.id ?? null).toBe(end === -1 ? null : chain[end]!.id);
        expect(item!.afterEnd).toEqual(end === -1 ? [] : chain.slice(end + 1).map((event) => event.id));
        expect(item!.last.id).toBe(end === -1 ? chain.at(-1)!.id : chain[end]!.id);
      }),
      { numRuns: 300 },
    );
  });
});

describe('link actions', () => {
  it('are the schema’s actions less collected, in its order', () => {
    expect(CUSTODY_LINK_ACTIONS).toEqual(CUSTODY_ACTIONS.filter((action) => action !== 'collected'));
    expect(CUSTODY_LINK_ACTIONS).toEqual(['transferred', 'stored', 'examined', 'returned', 'disposed']);
  });
});
