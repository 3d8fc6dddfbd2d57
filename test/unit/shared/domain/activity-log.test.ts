// Activity logs (HICS 214): who made entries (per name and position), and one person's entries in a period with later corrections.
import { describe, expect, it } from 'vitest';
import { activityLines, activityPeople, authorKey, SYSTEM_AUTHOR, type Author, type TimelineEvent } from '../../../../shared/domain';
import { CREATED, makeEvent, MIN } from '../../renderer/features/incidents/incident-fixtures';

const ANA: Author = { name: 'Ana Diaz', position: 'Facility Unit Leader' };
const ANA_AS_NURSE: Author = { name: 'Ana Diaz', position: 'Charge nurse' };
const SAM: Author = { name: 'Sam Okafor' };

const note = (ms: number, text: string, author: Author, corrects?: string) => makeEvent(ms, { kind: 'note', text, ...(corrects ? { corrects } : {}) }, author);

describe('activityPeople', () => {
  it('keeps one entry per name and position, counts their entries, the busiest first, and remembers where each began', () => {
    const events = [
      note(CREATED + 5 * MIN, 'Generator B checked', ANA),
      note(CREATED + 1 * MIN, 'Wards told', SAM),
      note(CREATED + 2 * MIN, 'Fuel level read', ANA),
      note(CREATED + 3 * MIN, 'Patients moved', ANA_AS_NURSE),
      note(CREATED + 4 * MIN, 'Contractor called', ANA),
    ];
    const people = activityPeople(events);
    expect(people.map((p) => [p.name, p.position, p.entries])).toEqual([
      ['Ana Diaz', 'Facility Unit Leader', 3],
      ['Ana Diaz', 'Charge nurse', 1],
      ['Sam Okafor', undefined, 1],
    ]);
    expect(people[0]!.firstAtMs).toBe(CREATED + 2 * MIN);
    expect(people[0]!.key).toBe(authorKey(ANA));
    expect(new Set(people.map((p) => p.key)).size).toBe(3);
  });

  it('marks Lantern itself, and keys cannot collide whatever characters names hold', () => {
    const people = activityPeople([note(CREATED, 'auto', SYSTEM_AUTHOR), note(CREATED, 'x', ANA)]);
    expect(people.find((p) => p.name === SYSTEM_AUTHOR.name)?.automatic).toBe(true);
    expect(people.find((p) => p.name === ANA.name)?.automatic).toBe(false);
    expect(authorKey({ name: 'A', position: 'B\u0000C' })).not.toBe(authorKey({ name: 'A\u0000B', position: 'C' }));
  });

  it('treats an empty position as none: one log', () => {
    const people = activityPeople([note(CREATED, 'a', { name: 'Sam Okafor', position: '' }), note(CREATED, 'b', SAM)]);
    expect(people.map((p) => [p.name, p.position, p.entries])).toEqual([['Sam Okafor', undefined, 2]]);
  });
});

describe('activityLines', () => {
  it("lists only the person's entries within the period (from its start, up to its end), by recorded time", () => {
    const early = note(CREATED - MIN, 'before the period', ANA);
    const first = note(CREATED, 'at the start', ANA);
    const other = note(CREATED + MIN, 'someone else', SAM);
    const asNurse = note(CREATED + MIN, 'other position', ANA_AS_NURSE);
    const last = note(CREATED + 10 * MIN, 'at the end', ANA);
    const late = note(CREATED + 10 * MIN + 1, 'after the period', ANA);
    const lines = activityLines([late, last, asNurse, other, first, early], authorKey(ANA), CREATED, CREATED + 10 * MIN + 1);
    expect(lines.map((line) => (line.event as Extract<TimelineEvent, { kind: 'note' }>).text)).toEqual(['at the start', 'at the end']);
    // The end is where the next period starts: not in this one.
    expect(activityLines([last], authorKey(ANA), CREATED, CREATED + 10 * MIN)).toEqual([]);
  });

  it('orders by the clock on the wall, not the merge order, and equal times alike on every device', () => {
    // Recorded at 13:05 on a laptop whose ordering stamp ran ahead: the merge order puts it after the 13:06 entry.
    const wall = { ...note(CREATED + 5 * MIN, 'first by the clock', ANA), hlc: `${String(CREATED + 9 * MIN).padStart(15, '0')}-0000-dev-b` };
    const merged = note(CREATED + 6 * MIN, 'second by the clock', ANA);
    const sameTimeA = note(CREATED + 7 * MIN, 'same minute, lower stamp', ANA);
    const sameTimeB = { ...note(CREATED + 7 * MIN, 'same minute, higher stamp', ANA), hlc: `${String(CREATED + 8 * MIN).padStart(15, '0')}-0000-dev-b` };
    const lines = activityLines([sameTimeB, merged, sameTimeA, wall], authorKey(ANA), 0, Number.POSITIVE_INFINITY);
    expect(lines.map((line) => (line.event as Extract<TimelineEvent, { kind: 'note' }>).text)).toEqual([
      'first by the clock',
      'second by the clock',
      'same minute, lower stamp',
      'same minute, higher stamp',
    ]);
  });

  it('carries the whole chain of corrections made to an entry by anyone, even after the period, in the order they were made', () => {
    const wrong = note(CREATED, 'Generator A failed', ANA);
    const byOther = makeEvent(CREATED + 60 * MIN, { kind: 'correction', corrects: wrong.id, text: 'It was generator C' }, SAM);
    const ofTheCorrection = makeEvent(CREATED + 61 * MIN, { kind: 'correction', corrects: byOther.id, text: 'Sorry: generator B' }, SAM);
    const byNote = note(CREATED + 62 * MIN, 'B, confirmed at the panel', ANA, wrong.id);
    const lines = activityLines([byNote, ofTheCorrection, wrong, byOther], authorKey(ANA), CREATED, CREATED + 5 * MIN);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.event.id).toBe(wrong.id);
    expect(lines[0]!.corrections.map((c) => c.id)).toEqual([byOther.id, ofTheCorrection.id, byNote.id]);
    expect(lines[0]).not.toHaveProperty('corrects');
  });

  it("lists a person's correction once: under its entry when that is in the log, else as a line naming what it corrects", () => {
    const own = note(CREATED, 'Fuel at 40 %', ANA);
    const ownFix = makeEvent(CREATED + MIN, { kind: 'correction', corrects: own.id, text: 'Fuel at 30 %' }, ANA);
    const samsNote = note(CREATED + 2 * MIN, 'Extension 4411', SAM);
    const fixOfSam = makeEvent(CREATED + 3 * MIN, { kind: 'correction', corrects: samsNote.id, text: 'Extension 4412' }, ANA);
    const fixOfUnknown = makeEvent(CREATED + 4 * MIN, { kind: 'correction', corrects: '0190a000-0000-7000-8000-ffffffffffff', text: 'Ward 3, not 4' }, ANA);
    const lines = activityLines([own, ownFix, samsNote, fixOfSam, fixOfUnknown], authorKey(ANA), 0, Number.POSITIVE_INFINITY);
    expect(lines.map((line) => line.event.id)).toEqual([own.id, fixOfSam.id, fixOfUnknown.id]);
    expect(lines[0]!.corrections.map((c) => c.id)).toEqual([ownFix.id]);
    expect(lines[1]!.corrects?.id).toBe(samsNote.id);
    expect(lines[2]!.corrects).toBeNull();
  });

  it('survives a correction chain that loops (hostile or damaged data)', () => {
    const a = makeEvent(CREATED, { kind: 'correction', corrects: '0190a000-0000-7000-8000-00000000aaaa', text: 'a' }, ANA);
    const b = makeEvent(CREATED + MIN, { kind: 'correction', corrects: a.id, text: 'b' }, SAM);
    const looped = { ...a, corrects: b.id };
    const lines = activityLines([looped, b], authorKey(ANA), 0, Number.POSITIVE_INFINITY);
    expect(lines.map((line) => line.event.id)).toEqual([a.id]);
    expect(lines[0]!.corrections.map((c) => c.id)).toEqual([b.id]);
  });

  it('is empty for a person with no entries, or a period with none', () => {
    const events = [note(CREATED, 'x', ANA)];
    expect(activityLines(events, authorKey(SAM), 0, Number.MAX_SAFE_INTEGER)).toEqual([]);
    expect(activityLines(events, authorKey(ANA), CREATED + 1, CREATED + MIN)).toEqual([]);
  });
});
