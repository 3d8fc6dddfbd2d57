// The HICS 214 activity log as plain text: header fields, one block per entry with its corrections, who prepared it, drill marks.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { activityPeople, authorKey, type Author } from '../../../../../shared/domain';
import { activityLogText, buildActivityLog } from '../../../../../renderer/features/incidents/activity-log-text';
import { at, CREATED, HOSTILE, makeEvent, makeIncident, MIN } from './incident-fixtures';

beforeAll(() => {
  vi.stubEnv('TZ', 'Europe/Berlin');
});
afterAll(() => {
  vi.unstubAllEnvs();
});

const ANA: Author = { name: 'Ana Diaz', position: 'Facility Unit Leader' };
const SAM: Author = { name: 'Sam Okafor', position: 'Planning Section Chief' };

function personOf(events: Parameters<typeof activityPeople>[0], author: Author) {
  return activityPeople(events).find((person) => person.key === authorKey(author))!;
}

describe('activity log text', () => {
  it('reads as the form: incident, site, name, position, period and zone, then each entry by time, then who prepared it', () => {
    const wrong = makeEvent(CREATED + 10 * MIN, { kind: 'note', text: 'Generator A tripped.\nFuel at 40 %.' }, ANA);
    const samsFix = makeEvent(CREATED + 40 * MIN, { kind: 'correction', corrects: wrong.id, text: 'It was generator C.' }, SAM);
    const events = [
      makeEvent(CREATED + 2 * MIN, { kind: 'status_changed', from: 'new', to: 'assigned', details: {} }, ANA),
      wrong,
      makeEvent(CREATED + 11 * MIN, { kind: 'note', text: 'Not mine' }, SAM),
      samsFix,
      // Ana corrects Sam's correction: the chain is followed, and her correction is not listed a second time.
      makeEvent(CREATED + 41 * MIN, { kind: 'correction', corrects: samsFix.id, text: 'Generator B, checked at the panel.' }, ANA),
      // Recorded on a laptop an hour east whose clock had not been checked against HQ.
      { ...makeEvent(CREATED + 20 * MIN, { kind: 'escalated', level: 'functional', target: 'Electrical contractor', reason: 'Parts' }, ANA), at: at(CREATED + 20 * MIN, 120), clock: { state: 'unchecked' as const } },
    ];
    const log = buildActivityLog(makeIncident(), events, { person: personOf(events, ANA), fromMs: CREATED, toMs: Number.POSITIVE_INFINITY, nowMs: CREATED + 45 * MIN, madeBy: SAM }, 'copied');
    expect(activityLogText(log)).toBe(
      [
        'ACTIVITY LOG (HICS 214)',
        'K7QM-0042 — Generator B failed',
        '',
        'Incident:           K7QM-0042 — Generator B failed',
        'Site:               Main campus › Block A',
        'Name:               Ana Diaz',
        'Position:           Facility Unit Leader',
        'Operational period: 26 Nov 2026 13:00 to 26 Nov 2026 13:45 (now)',
        "Times:              local time, UTC+01:00, as each laptop's clock read it",
        '',
        'NOTABLE ACTIVITIES (3 entries, oldest first)',
        '- 26 Nov 2026 13:02 · Status',
        '  New → Assigned',
        '- 26 Nov 2026 13:10 · Note',
        '  Generator A tripped.',
        '  Fuel at 40 %.',
        '  Corrected 26 Nov 2026 13:40 by Sam Okafor (Planning Section Chief): It was generator C.',
        '  Corrected 26 Nov 2026 13:41 by Ana Diaz (Facility Unit Leader) (correcting the correction of 26 Nov 2026 13:40 by Sam Okafor (Planning Section Chief)): Generator B, checked at the panel.',
        '- 26 Nov 2026 13:20 (recorded at UTC+02:00) (clock not checked) · Escalated',
        '  Functional escalation to Electrical contractor · Reason: Parts',
        '',
        'Prepared by: Ana Diaz (Facility Unit Leader), 26 Nov 2026 13:45 UTC+01:00',
        '--',
        'Copied 26 Nov 2026 13:45 UTC+01:00 by Sam Okafor (Planning Section Chief) from Lantern on this device',
        '',
      ].join('\n'),
    );
  });

  it("names what a correction corrects when that entry is not in the log, and ends the period before a typed end", () => {
    const samsNote = makeEvent(CREATED + MIN, { kind: 'note', text: 'Extension 4411' }, SAM);
    const events = [
      samsNote,
      makeEvent(CREATED + 5 * MIN, { kind: 'correction', corrects: samsNote.id, text: 'Extension 4412' }, ANA),
      makeEvent(CREATED + 10 * MIN, { kind: 'note', text: 'At the end of the shift: in the next log' }, ANA),
    ];
    const log = buildActivityLog(makeIncident(), events, { person: personOf(events, ANA), fromMs: CREATED, toMs: CREATED + 10 * MIN, nowMs: CREATED + 45 * MIN, madeBy: undefined }, 'copied');
    const text = activityLogText(log);
    expect(text).toContain('- 26 Nov 2026 13:05 · Correction\n  Corrects Note of 26 Nov 2026 13:01 by Sam Okafor (Planning Section Chief): Extension 4411\n  Extension 4412\n');
    expect(text).toContain('Operational period: 26 Nov 2026 13:00 to 26 Nov 2026 13:10\n');
    expect(text).not.toContain('next log');
    expect(text).toMatch(/\nCopied 26 Nov 2026 13:45 UTC\+01:00 from Lantern on this device\n$/);
  });

  it('says when the period holds nothing, and marks a drill at both ends', () => {
    const events = [makeEvent(CREATED, { kind: 'note', text: 'x' }, { name: 'Ana Diaz' })];
    const log = buildActivityLog(makeIncident({ exercise: true, site: [] }), events, {
      person: activityPeople(events)[0]!, fromMs: CREATED + MIN, toMs: CREATED + 2 * MIN, nowMs: CREATED + 3 * MIN, madeBy: undefined,
    }, 'printed');
    const text = activityLogText(log);
    expect(text.split('\n').slice(0, 3)).toEqual(['ACTIVITY LOG (HICS 214)', 'K7QM-0042 — Generator B failed', '*** EXERCISE - NOT A REAL INCIDENT ***']);
    expect(text).toContain('Site:               —\n');
    expect(text).toContain('Position:           —\n');
    expect(text).toContain('NOTABLE ACTIVITIES (no entries, oldest first)\nNone in this period.\n');
    expect(text).toContain('Prepared by: Ana Diaz, 26 Nov 2026 13:03 UTC+01:00\n');
    expect(text).toMatch(/Printed 26 Nov 2026 13:03 UTC\+01:00 from Lantern on this device\n\*\*\* EXERCISE - NOT A REAL INCIDENT \*\*\*\n$/);
    expect(log.rows).toEqual([]);
    expect(log.pageHeading).toBe('K7QM-0042 · Ana Diaz');
  });

  it('says "not checked" once when it holds for every entry, and gives the likely real time of a clock found off', () => {
    const unchecked = { state: 'unchecked' as const };
    const events = [
      { ...makeEvent(CREATED, { kind: 'note', text: 'a' }, ANA), clock: unchecked },
      { ...makeEvent(CREATED + MIN, { kind: 'note', text: 'b' }, ANA), clock: unchecked },
    ];
    const log = buildActivityLog(makeIncident(), events, { person: personOf(events, ANA), fromMs: 0, toMs: Number.POSITIVE_INFINITY, nowMs: CREATED + 2 * MIN, madeBy: undefined }, 'copied');
    expect(log.rows.map((row) => row.time)).toEqual(['26 Nov 2026 13:00', '26 Nov 2026 13:01']);
    expect(log.fields.at(-1)).toEqual({ label: 'Clock', value: 'not checked against HQ for any entry below (no recent sync)' });

    // A laptop 6 hours behind HQ: its 13:02 was about 19:02.
    const off = [...events, { ...makeEvent(CREATED + 2 * MIN, { kind: 'note', text: 'c' }, ANA), clock: { state: 'off' as const, hqMinusDeviceMs: 6 * 60 * MIN } }];
    const mixed = buildActivityLog(makeIncident(), off, { person: personOf(off, ANA), fromMs: 0, toMs: Number.POSITIVE_INFINITY, nowMs: CREATED + 3 * MIN, madeBy: undefined }, 'copied');
    expect(mixed.rows.map((row) => row.time)).toEqual([
      '26 Nov 2026 13:00 (clock not checked)',
      '26 Nov 2026 13:01 (clock not checked)',
      '26 Nov 2026 13:02 (clock about 6 hours behind HQ; real time about 26 Nov 2026 19:02)',
    ]);
    expect(mixed.fields.some((field) => field.label === 'Clock')).toBe(false);
  });

  it('gives a row its offset only where the period crosses a DST change', () => {
    // 25 Oct 2026, 03:00 CEST → 02:00 CET in Berlin.
    const before = Date.UTC(2026, 9, 25, 0, 30); // 02:30 CEST
    const after = Date.UTC(2026, 9, 25, 2, 30); // 03:30 CET
    const events = [makeEvent(before, { kind: 'note', text: 'Before' }, ANA), { ...makeEvent(after, { kind: 'note', text: 'After' }, ANA), at: at(after, 60) }];
    events[0] = { ...events[0]!, at: at(before, 120) };
    const log = buildActivityLog(makeIncident(), events, { person: personOf(events, ANA), fromMs: 0, toMs: Number.POSITIVE_INFINITY, nowMs: after, madeBy: undefined }, 'copied');
    expect(log.rows.map((row) => row.time)).toEqual(['25 Oct 2026 02:30 UTC+02:00', '25 Oct 2026 03:30']);
  });

  it('names linked and duplicated incidents by number, also in what a correction corrects; never by their id', () => {
    const here = '0190a000-0000-7000-8000-0000000000a1';
    const gone = '0190a000-0000-7000-8000-0000000000a2';
    // Sam's link, corrected by Ana: her log names what her correction corrects.
    const samsLink = makeEvent(CREATED + MIN, { kind: 'linked', targetId: here, relation: 'related', action: 'link' }, SAM);
    const events = [
      samsLink,
      makeEvent(CREATED + 2 * MIN, { kind: 'linked', targetId: gone, relation: 'parent', action: 'link' }, ANA),
      makeEvent(CREATED + 3 * MIN, { kind: 'status_changed', from: 'new', to: 'cancelled', details: { cancelReason: 'Recorded twice', duplicateOf: here } }, ANA),
      makeEvent(CREATED + 4 * MIN, { kind: 'correction', corrects: samsLink.id, text: 'Linked by mistake' }, ANA),
    ];
    const numbers = new Map([[here, 'NQJS-0002']]);
    const log = buildActivityLog(makeIncident(), events, {
      person: personOf(events, ANA), fromMs: CREATED, toMs: Number.POSITIVE_INFINITY, nowMs: CREATED + 5 * MIN, madeBy: undefined, numberOf: (id) => numbers.get(id) ?? null,
    }, 'copied');
    const text = activityLogText(log);
    expect(text).toContain('· Link\n  Linked an incident not on this computer (parent)\n');
    expect(text).toContain('· Status\n  New → Cancelled · Cancel reason: Recorded twice · Duplicate of: NQJS-0002\n');
    expect(text).toContain('(Planning Section Chief): Linked NQJS-0002 (related)\n  Linked by mistake\n');
    expect(text).not.toContain(here);
    expect(text).not.toContain(gone);
  });

  it('keeps hostile text literal and drops control characters that could steer what is printed', () => {
    const author: Author = { name: `Eve${'\u202E'}`, position: HOSTILE };
    const events = [makeEvent(CREATED, { kind: 'note', text: `${HOSTILE}\u0007 and more` }, author)];
    const log = buildActivityLog(makeIncident({ title: HOSTILE }), events, { person: activityPeople(events)[0]!, fromMs: CREATED, toMs: CREATED + 1, nowMs: CREATED, madeBy: undefined }, 'copied');
    const text = activityLogText(log);
    expect(text).toContain(`K7QM-0042 — ${HOSTILE}\n`);
    expect(text).toContain(`Name:               Eve\n`);
    expect(text).toContain(`Position:           ${HOSTILE}\n`);
    expect(text).toContain(`  ${HOSTILE} and more\n`);
    expect(text.includes('\u0007') || text.includes('\u202E')).toBe(false);
  });
});
