// Evidence chain of custody: items derived from custody entries in HLC order (any arrival order, two laptops offline) and the commands' rules.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { timelineEventSchema, type CommandContext, type CommandResult, type Incident, type TimelineEvent, type ZonedTime } from '../../../../shared/domain';
import {
  collectEvidence,
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
    // The later HLC (laptop B's) decides who holds it now; both handovers stay in the chain.
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
