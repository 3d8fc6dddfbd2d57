// An evidence item's state as of a handled-at instant (what late paperwork starts from), and which chain entries were entered late.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CommandContext, CommandResult, Incident, TimelineEvent, ZonedTime } from '../../../../shared/domain';
import { collectEvidence, custodyStateAt, evidenceItems, lateEntries, recordCustody, type CustodyEvent, type CustodyInput } from '../../../../shared/domain/custody';
import { makeCtx, recorded, stamp } from './fixtures';

/** 2026-03-29 at hh:mm UTC (the fixture incident occurred at 00:30 that day). */
const clock = (hhmm: string): number => Date.parse(`2026-03-29T${hhmm}:00.000Z`);
const at = (ms: number, offsetMinutes = 60): ZonedTime => ({ utc: new Date(ms).toISOString(), offsetMinutes });
const on = (node: string, ms: number, counter = 0): CommandContext => makeCtx({ deviceId: node, author: { name: 'Dana Ortiz' }, hlc: stamp(ms, counter, node), now: at(ms) });
const incident: Incident = recorded({ title: 'Total mains power loss, East Wing' });

function ok(result: CommandResult): CustodyEvent {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  const { event } = result.value;
  if (event.kind !== 'custody') throw new Error(`expected a custody entry, got ${event.kind}`);
  return event;
}
const record = (events: readonly TimelineEvent[], input: Omit<CustodyInput, 'itemId'>, ctx: CommandContext): CustodyEvent =>
  ok(recordCustody(incident, evidenceItems(events), { itemId: events[0]!.id, ...input }, ctx));
const chainOf = (events: readonly TimelineEvent[]): readonly CustodyEvent[] => evidenceItems(events)[0]!.chain;

// The review's case: Dana collected the log USB stick at 10:50 (desk drawer), handed it to Sam at 11:00, Sam stored it at 11:02.
const collected = ok(collectEvidence(incident, { item: 'ATS-2 event log, USB stick', from: 'Gen room', to: 'Dana Ortiz', location: 'Facilities office, desk drawer', handledAt: at(clock('10:50')) }, on('laptop-a', clock('11:03'))));
const handover = record([collected], { action: 'transferred', from: 'Dana Ortiz', to: 'Sam Reyes', location: 'Security office', handledAt: at(clock('11:00')) }, on('laptop-a', clock('11:04')));
const stored = record([collected, handover], { action: 'stored', from: 'Sam Reyes', location: 'Security office, evidence locker 3', handledAt: at(clock('11:02')) }, on('laptop-a', clock('11:04'), 1));
const events = [collected, handover, stored];

describe('custodyStateAt', () => {
  it('gives who held the item and where it was at the instant, not where it is now', () => {
    const chain = chainOf(events);
    expect(custodyStateAt(chain, at(clock('10:55')))).toEqual({ holder: 'Dana Ortiz', location: 'Facilities office, desk drawer' });
    expect(custodyStateAt(chain, at(clock('11:01')))).toEqual({ holder: 'Sam Reyes', location: 'Security office' });
    expect(custodyStateAt(chain, at(clock('11:30')))).toEqual({ holder: '', location: 'Security office, evidence locker 3' });
  });

  it('includes an entry handled at the very instant (a new link at that instant sorts after it), and is null before the collection', () => {
    const chain = chainOf(events);
    expect(custodyStateAt(chain, at(clock('10:50')))).toEqual({ holder: 'Dana Ortiz', location: 'Facilities office, desk drawer' });
    expect(custodyStateAt(chain, at(clock('11:00')))).toEqual({ holder: 'Sam Reyes', location: 'Security office' });
    expect(custodyStateAt(chain, at(clock('10:49')))).toBeNull();
    expect(custodyStateAt([], at(clock('11:00')))).toBeNull();
  });

  it('compares instants whatever the time zone the time is given in', () => {
    // 10:55 UTC is 05:55 at UTC−05:00 and 12:55 at UTC+02:00: the same instant, the same state.
    const chain = chainOf(events);
    expect(custodyStateAt(chain, at(clock('10:55'), -300))).toEqual(custodyStateAt(chain, at(clock('10:55'), 120)));
  });

  it('an examination leaves what it leaves blank as it was; one naming a place moves it', () => {
    const blank = record(events, { action: 'examined', handledAt: at(clock('10:55')) }, on('laptop-a', clock('11:05')));
    const moved = record([...events, blank], { action: 'examined', to: 'Dana Ortiz', location: 'Photo desk', handledAt: at(clock('10:57')) }, on('laptop-a', clock('11:06')));
    const chain = chainOf([...events, blank, moved]);
    expect(custodyStateAt(chain, at(clock('10:56')))).toEqual({ holder: 'Dana Ortiz', location: 'Facilities office, desk drawer' });
    expect(custodyStateAt(chain, at(clock('10:58')))).toEqual({ holder: 'Dana Ortiz', location: 'Photo desk' });
  });

  it('stops at the chain’s end: a link another laptop handled after it changes nothing', () => {
    const disposed = record(events, { action: 'disposed', location: 'Shredder room', handledAt: at(clock('12:00')) }, on('laptop-a', clock('12:01')));
    const afterEnd: CustodyEvent = { ...handover, id: 'from-laptop-b', hlc: stamp(clock('12:02'), 0, 'laptop-b'), to: 'Eve Security', location: 'Security desk', handledAt: at(clock('12:30')) };
    const chain = chainOf([...events, disposed, afterEnd]);
    expect(custodyStateAt(chain, at(clock('13:00')))).toEqual({ holder: '', location: 'Shredder room' });
  });

  it('as of the last link it is the item’s current state, in any arrival order', () => {
    const drawn = fc.record({ handled: fc.integer({ min: 0, max: 30 }), to: fc.constantFrom('', 'Ben', 'Eve'), location: fc.constantFrom('', 'Van', 'Locker'), action: fc.constantFrom('transferred', 'stored', 'examined') as fc.Arbitrary<CustodyInput['action']> });
    fc.assert(
      fc.property(fc.array(drawn, { maxLength: 6 }), (links) => {
        const all: CustodyEvent[] = [collected, ...links.map((d, index): CustodyEvent => ({ ...handover, id: `link-${index}`, hlc: stamp(clock('11:10') + index, 0, 'laptop-a'), action: d.action, to: d.to, location: d.location, handledAt: at(clock('10:50') + d.handled * 60_000) }))];
        const [item] = evidenceItems([...all].reverse());
        expect(custodyStateAt(item!.chain, at(clock('12:00')))).toEqual({ holder: item!.holder, location: item!.location });
      }),
      { numRuns: 200 },
    );
  });
});

describe('lateEntries', () => {
  it('marks an entry handled before one recorded earlier; entries recorded in handled order are not late', () => {
    expect(lateEntries(chainOf(events)).size).toBe(0);
    // At 11:05 Dana writes down that she examined the stick at 10:55, before the handover and the storage recorded before.
    const examined = record(events, { action: 'examined', to: 'Dana Ortiz', location: 'Facilities office, desk drawer', handledAt: at(clock('10:55')) }, on('laptop-a', clock('11:05')));
    // Then a link handled after everything: not late, though recorded after the late one.
    const returned = record([...events, examined], { action: 'returned', to: 'Facilities', handledAt: at(clock('11:10')) }, on('laptop-a', clock('11:10')));
    expect([...lateEntries(chainOf([...events, examined, returned]))]).toEqual([examined.id]);
  });

  it('an equal handled-at is not late, and the answer is the same in any arrival order', () => {
    const sameInstant = record(events, { action: 'examined', handledAt: at(clock('11:02'), -300) }, on('laptop-b', clock('11:20')));
    const late = record(events, { action: 'examined', handledAt: at(clock('11:01')) }, on('laptop-c', clock('11:21')));
    const all = [...events, sameInstant, late];
    expect([...lateEntries(chainOf(all))]).toEqual([late.id]);
    expect(lateEntries(chainOf([late, stored, sameInstant, collected, handover]))).toEqual(lateEntries(chainOf(all)));
  });
});
