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
  it('reads as the form: incident, site, name, position and period, then each entry by time, then who prepared it', () => {
    const wrong = makeEvent(CREATED + 10 * MIN, { kind: 'note', text: 'Generator A tripped.\nFuel at 40 %.' }, ANA);
    const events = [
      makeEvent(CREATED + 2 * MIN, { kind: 'status_changed', from: 'new', to: 'assigned', details: {} }, ANA),
      wrong,
      makeEvent(CREATED + 11 * MIN, { kind: 'note', text: 'Not mine' }, SAM),
      makeEvent(CREATED + 40 * MIN, { kind: 'correction', corrects: wrong.id, text: 'It was generator B.' }, SAM),
      // Recorded on a laptop an hour east: the recorder's own offset is kept beside the reader's time.
      { ...makeEvent(CREATED + 20 * MIN, { kind: 'escalated', level: 'functional', target: 'Electrical contractor', reason: 'Parts' }, ANA), at: at(CREATED + 20 * MIN, 120) },
    ];
    const log = buildActivityLog(makeIncident(), events, { person: personOf(events, ANA), fromMs: CREATED, toMs: CREATED + 30 * MIN, nowMs: CREATED + 45 * MIN, preparedBy: SAM }, 'copied');
    expect(activityLogText(log)).toBe(
      [
        'ACTIVITY LOG (HICS 214)',
        'K7QM-0042 — Generator B failed',
        '',
        'Incident:           K7QM-0042 — Generator B failed',
        'Site:               Main campus › Block A',
        'Name:               Ana Diaz',
        'Position:           Facility Unit Leader',
        'Operational period: 26 Nov 2026 13:00 UTC+01:00 to 26 Nov 2026 13:30 UTC+01:00',
        '',
        'NOTABLE ACTIVITIES (3 entries, oldest first)',
        '- 26 Nov 2026 13:02 UTC+01:00 · Status',
        '  New → Assigned',
        '- 26 Nov 2026 13:10 UTC+01:00 · Note',
        '  Generator A tripped.',
        '  Fuel at 40 %.',
        '  Corrected 26 Nov 2026 13:40 UTC+01:00 by Sam Okafor (Planning Section Chief): It was generator B.',
        '- 26 Nov 2026 13:20 UTC+01:00 (recorded at UTC+02:00) · Escalated',
        '  Functional escalation to Electrical contractor · Reason: Parts',
        '',
        'Prepared by: Sam Okafor (Planning Section Chief), 26 Nov 2026 13:45 UTC+01:00',
        '--',
        'Copied 26 Nov 2026 13:45 UTC+01:00 from Lantern on this device',
        '',
      ].join('\n'),
    );
  });

  it('says when the period holds nothing, when nobody said who prepares it, and marks a drill at both ends', () => {
    const events = [makeEvent(CREATED, { kind: 'note', text: 'x' }, { name: 'Ana Diaz' })];
    const log = buildActivityLog(makeIncident({ exercise: true, site: [] }), events, {
      person: activityPeople(events)[0]!, fromMs: CREATED + MIN, toMs: CREATED + 2 * MIN, nowMs: CREATED + 3 * MIN, preparedBy: undefined,
    }, 'printed');
    const text = activityLogText(log);
    expect(text.split('\n').slice(0, 3)).toEqual(['ACTIVITY LOG (HICS 214)', 'K7QM-0042 — Generator B failed', '*** EXERCISE - NOT A REAL INCIDENT ***']);
    expect(text).toContain('Site:               —\n');
    expect(text).toContain('Position:           —\n');
    expect(text).toContain('NOTABLE ACTIVITIES (no entries, oldest first)\nNone in this period.\n');
    expect(text).toContain('Prepared by: Name not given on this device, 26 Nov 2026 13:03 UTC+01:00\n');
    expect(text).toMatch(/Printed 26 Nov 2026 13:03 UTC\+01:00 from Lantern on this device\n\*\*\* EXERCISE - NOT A REAL INCIDENT \*\*\*\n$/);
    expect(log.rows).toEqual([]);
  });

  it('keeps hostile text literal and drops control characters that could steer what is printed', () => {
    const author: Author = { name: `Eve${'\u202E'}`, position: HOSTILE };
    const events = [makeEvent(CREATED, { kind: 'note', text: `${HOSTILE}\u0007 and more` }, author)];
    const log = buildActivityLog(makeIncident({ title: HOSTILE }), events, { person: activityPeople(events)[0]!, fromMs: CREATED, toMs: CREATED, nowMs: CREATED, preparedBy: undefined }, 'copied');
    const text = activityLogText(log);
    expect(text).toContain(`K7QM-0042 — ${HOSTILE}\n`);
    expect(text).toContain(`Name:               Eve\n`);
    expect(text).toContain(`Position:           ${HOSTILE}\n`);
    expect(text).toContain(`  ${HOSTILE} and more\n`);
    expect(text.includes('\u0007') || text.includes('\u202E')).toBe(false);
  });
});
