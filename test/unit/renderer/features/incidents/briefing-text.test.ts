// Briefing texts for SMS/radio and paper: content, order, the 300-character limit, UTC offsets and hostile text kept literal.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SlaClock, SlaClocks } from '../../../../../shared/domain';
import {
  buildBriefing,
  buildBriefingText,
  buildShortUpdate,
  SHORT_UPDATE_LIMIT,
  type BriefingContext,
} from '../../../../../renderer/features/incidents/briefing-text';

// Local time is the reader's: pin the zone so "13:05 UTC+01:00" means the same on every machine (CET in November).
beforeAll(() => {
  vi.stubEnv('TZ', 'Europe/Berlin');
});
afterAll(() => {
  vi.unstubAllEnvs();
});

import { at, CREATED, HOSTILE, makeEvent, makeIncident, MIN, NOW } from './incident-fixtures';

const context = (overrides: Partial<BriefingContext> = {}): BriefingContext => ({ nowMs: NOW, majorUpdateDefault: 30, ...overrides });

function clock(overrides: Partial<SlaClock>): SlaClock {
  return { elapsedMs: 20 * MIN, targetMs: 60 * MIN, percent: 33.3, state: 'running', threshold: 'none', dueAt: null, nextThresholdAt: null, ...overrides };
}

describe('short update (SMS / radio)', () => {
  it('puts the most important facts first, in ASCII, on one line', () => {
    const text = buildShortUpdate(makeIncident(), [], context());
    expect(text).toBe(
      'K7QM-0042 P1 MAJOR In progress - Generator B failed - Site: Main campus > Block A - Owner: Ana Diaz (Facilities) - Commander: none yet - Next update 13:30 - As of 13:05 UTC+01:00',
    );
    expect(text).toMatch(/^[\x20-\x7E]+$/);
  });

  it('names the team when nobody owns it yet, the hold reason, the current SLA clock, the latest escalation and an overdue update', () => {
    const incident = makeIncident({ status: 'on_hold', holdReason: 'Awaiting parts', assignee: null, site: [] });
    const events = [
      makeEvent(CREATED + MIN, { kind: 'escalated', level: 'functional', target: 'Electrical contractor', reason: 'Parts' }),
      makeEvent(CREATED + 2 * MIN, { kind: 'escalated', level: 'hierarchical', target: 'Hospital director', reason: 'Wards at risk' }),
    ];
    const sla: SlaClocks = { response: clock({ state: 'stopped' }), resolve: clock({ state: 'running', elapsedMs: 70 * MIN, threshold: 'breached' }) };
    const text = buildShortUpdate(incident, events, context({ nowMs: CREATED + 45 * MIN, sla }));
    expect(text).toBe(
      'K7QM-0042 P1 MAJOR On hold (Awaiting parts) - Generator B failed - Team: Facilities - Commander: none yet - Escalated to Hospital director - SLA resolve: Overdue 10m - Update overdue since 13:30 - As of 13:45 UTC+01:00',
    );
  });

  it('marks an exercise first, so nobody takes a drill for a real incident', () => {
    expect(buildShortUpdate(makeIncident({ exercise: true }), [], context())).toMatch(/^EXERCISE K7QM-0042 P1 MAJOR In progress - /);
    const text = buildBriefingText(makeIncident({ exercise: true }), [], context());
    expect(text.split('\n').slice(0, 4)).toEqual(['INCIDENT BRIEFING', 'K7QM-0042 — Generator B failed', '*** EXERCISE - NOT A REAL INCIDENT ***', '*** MAJOR INCIDENT ***']);
    expect(text).toContain('Exercise:           Yes (drill, not a real incident)\n');
    // And at the end, so the last page read alone still says so.
    expect(text.trimEnd().split('\n').at(-1)).toBe('*** EXERCISE - NOT A REAL INCIDENT ***');
    expect(buildBriefingText(makeIncident(), [], context())).not.toContain('EXERCISE');
  });

  it('says REAL WORLD first for a real incident while a drill runs on this device', () => {
    expect(buildShortUpdate(makeIncident(), [], context({ drillOn: true }))).toMatch(/^REAL WORLD K7QM-0042 P1 MAJOR /);
    expect(buildShortUpdate(makeIncident({ exercise: true }), [], context({ drillOn: true }))).toMatch(/^EXERCISE K7QM-0042 /);
    expect(buildShortUpdate(makeIncident(), [], context())).toMatch(/^K7QM-0042 /);
  });

  it('names the systems that are down or degraded (HICS 251)', () => {
    const snapshot = makeEvent(CREATED + MIN, {
      kind: 'system_status',
      systems: [
        { system: 'Normal power', state: 'non_functional', reason: 'Grid down', repairEstimate: '' },
        { system: 'Elevators', state: 'partial', reason: 'Lift 2 only', repairEstimate: '' },
        { system: 'Water', state: 'functional', reason: '', repairEstimate: '' },
      ],
    });
    expect(buildShortUpdate(makeIncident(), [snapshot], context())).toContain(' - Systems: 1 down (Normal power), 1 partial - ');
  });

  it('leaves out the next update when none is asked for or the incident is no longer open', () => {
    expect(buildShortUpdate(makeIncident({ major: false }), [], context())).not.toMatch(/update/i);
    expect(buildShortUpdate(makeIncident({ status: 'resolved', resolutionCode: 'Fixed' }), [], context())).toMatch(/^K7QM-0042 P1 MAJOR Resolved \(Fixed\) - /);
    expect(buildShortUpdate(makeIncident({ status: 'resolved' }), [], context())).not.toMatch(/Next update/);
  });

  it('stays within the limit: long free text is cut at a word with "...", the fixed facts survive whole', () => {
    const incident = makeIncident({
      title: `Generator B failed ${'and the transfer switch did not close '.repeat(5)}`.trim(),
      site: ['Main campus', 'Block A', 'Basement level 2', 'Plant room 4', 'Switchgear bay'],
      assignee: 'Ana Maria Diaz de la Fuente, Senior Facility Unit Leader on call for the night shift',
      team: 'Facilities and estates',
    });
    const text = buildShortUpdate(incident, [], context());
    expect(text.length).toBeLessThanOrEqual(SHORT_UPDATE_LIMIT);
    expect(text.startsWith('K7QM-0042 P1 MAJOR In progress - Generator B failed and the transfer')).toBe(true);
    expect(text.endsWith(' - Next update 13:30 - As of 13:05 UTC+01:00')).toBe(true);
    expect(text).toContain('... - Site: Main campus > Block A');
    expect(text).toContain(' - Owner: Ana Maria');
    // Each cut ends at a word boundary of the original, never inside a word or on a dangling separator.
    const originals = [incident.title, `Site: ${incident.site.join(' > ')}`, `Owner: ${incident.assignee!} (${incident.team!})`];
    const cut = text.split(' - ').filter((part) => part.endsWith('...'));
    expect(cut.length).toBeGreaterThan(0);
    for (const part of cut) {
      const kept = part.slice(0, -3);
      expect(kept).toMatch(/[A-Za-z0-9)]$/);
      expect(originals.some((original) => original.startsWith(`${kept} `) || original.startsWith(`${kept},`))).toBe(true);
    }
  });

  it('honours a smaller limit (one SMS) and never returns more than asked', () => {
    const text = buildShortUpdate(makeIncident({ title: 'x'.repeat(200) }), [], context(), 160);
    expect(text.length).toBeLessThanOrEqual(160);
    expect(text).toMatch(/^K7QM-0042 P1 MAJOR In progress - x+\.\.\. - /);
    expect(buildShortUpdate(makeIncident(), [], context(), 20).length).toBeLessThanOrEqual(20);
  });

  it('keeps hostile text literal and flattens line breaks and control characters', () => {
    const text = buildShortUpdate(makeIncident({ title: `${HOSTILE}\n\u202Eline two\u0007`, major: false }), [], context());
    expect(text).toContain(`${HOSTILE} line two`);
    for (const unwanted of ['\n', '\u202E', '\u0007', '&lt;']) expect(text).not.toContain(unwanted);
  });
});

describe('full briefing', () => {
  const events = [
    makeEvent(CREATED, { kind: 'created', title: 'Generator B failed' }, { name: 'Sam Okafor', position: 'Duty manager' }),
    makeEvent(CREATED + MIN, {
      kind: 'checklist_added',
      steps: [
        { id: 's1', phase: 'immediate', text: 'Confirm wards on backup power' },
        { id: 's2', phase: 'immediate', text: 'Call the electrical contractor' },
        { id: 's3', phase: 'intermediate', text: 'Order fuel' },
      ],
    }),
    makeEvent(CREATED + 2 * MIN, { kind: 'checklist_ticked', stepId: 's1', ticked: true, step: 'Confirm wards on backup power' }),
    makeEvent(CREATED + 3 * MIN, { kind: 'escalated', level: 'functional', target: 'Electrical contractor', reason: 'Transfer switch fault' }),
    makeEvent(CREATED + 4 * MIN, { kind: 'note', text: `Porter saw smoke.\n${HOSTILE}` }, { name: 'Lee Chan' }),
  ];

  it('lists every field in order, times in local time with the UTC offset', () => {
    const incident = makeIncident({ detectedAt: null, occurredAt: at(CREATED - 20 * MIN, -300) });
    const text = buildBriefingText(incident, events, context());
    const lines = text.split('\n');
    expect(lines.slice(0, 3)).toEqual(['INCIDENT BRIEFING', 'K7QM-0042 — Generator B failed', '*** MAJOR INCIDENT ***']);
    const labels = ['Number', 'Title', 'Status', 'Priority', 'Major incident', 'Incident commander', 'Exercise', 'Category', 'Site', 'Team', 'Assignee', 'Reporter', 'Occurred at',
      'Detected at', 'Reported at', 'Recorded by', 'Latest escalation', 'Next update due'];
    const positions = labels.map((label) => lines.findIndex((line) => line.startsWith(`${label}:`)));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).toContain('Status:             In progress\n');
    expect(text).toContain('Priority:           P1 Critical (impact 1 — High, urgency 1 — High)\n');
    expect(text).toContain('Major incident:     Yes\n');
    expect(text).toContain('Incident commander: none yet\n');
    expect(text).toContain('Exercise:           No\n');
    expect(text).toContain('Category:           Facility › Power\n');
    expect(text).toContain('Site:               Main campus › Block A\n');
    expect(text).toContain('Assignee:           Ana Diaz\n');
    expect(text).toContain('Reporter:           Night porter\n');
    // Recorded in New York: shown in our time, with the recorder's offset kept.
    expect(text).toContain('Occurred at:        26 Nov 2026 12:40 UTC+01:00 (recorded at UTC−05:00)\n');
    expect(text).toContain('Detected at:        not recorded\n');
    expect(text).toContain('Reported at:        26 Nov 2026 13:00 UTC+01:00\n');
    expect(text).toContain('Recorded by:        Sam Okafor (Duty manager)\n');
    expect(text).toContain(
      'Latest escalation:  Functional escalation to Electrical contractor · Reason: Transfer switch fault (26 Nov 2026 13:03 UTC+01:00, by Ana Diaz (Facility Unit Leader))\n',
    );
    expect(text).toContain('Next update due:    26 Nov 2026 13:30 UTC+01:00 (in 25 min, every 30 min)\n');
    expect(text).not.toContain('SLA');
    expect(text.endsWith('--\nCopied 26 Nov 2026 13:05 UTC+01:00 from Lantern on this device\n')).toBe(true);
  });

  it('shows SLA clocks when they are known, and the print footer when printed', () => {
    const sla: SlaClocks = { response: clock({ state: 'stopped', elapsedMs: 5 * MIN }), resolve: clock({ threshold: 'warn50', elapsedMs: 35 * MIN, percent: 58.3 }) };
    const text = buildBriefingText(makeIncident(), events, context({ sla }), 'printed');
    expect(text).toContain('SLA time to own:     5m of 1h (33 %) · Met\n');
    expect(text).toContain('SLA time to resolve: 35m of 1h (58 %) · 25m left (50 % warning)\n');
    // Labels stay aligned however long the longest is.
    expect(text).toContain('\nStatus:              In progress\n');
    expect(text).toContain('\nPrinted 26 Nov 2026 13:05 UTC+01:00 from Lantern on this device\n');
  });

  it('lists the open checklist steps by phase, then the description, then the timeline newest first', () => {
    const text = buildBriefingText(makeIncident(), events, context());
    const checklistAt = text.indexOf('OPEN CHECKLIST STEPS (1 of 3 done)\n- [ ] 0–2 h: Call the electrical contractor\n- [ ] 2–12 h: Order fuel\n');
    const descriptionAt = text.indexOf('DESCRIPTION\nGenerator B tripped at 12:40.\nWards on battery backup.\n');
    const timelineAt = text.indexOf('LATEST TIMELINE ENTRIES (5, newest first)\n');
    expect(checklistAt).toBeGreaterThan(0);
    expect(descriptionAt).toBeGreaterThan(checklistAt);
    expect(timelineAt).toBeGreaterThan(descriptionAt);
    expect(text).not.toContain('Confirm wards on backup power\n- [ ]');
    // Multi-line entries stay inside their item (continuation lines indented).
    expect(text.slice(timelineAt)).toMatch(
      /^LATEST TIMELINE ENTRIES \(5, newest first\)\n- 26 Nov 2026 13:04 UTC\+01:00 · Note · Lee Chan\n {2}Porter saw smoke\.\n {2}<img src=x onerror=alert\(1\)>\n- 26 Nov 2026 13:03 UTC\+01:00 · Escalated · Ana Diaz \(Facility Unit Leader\)\n {2}Functional escalation to Electrical contractor/,
    );
    expect(text).toContain('- 26 Nov 2026 13:00 UTC+01:00 · Recorded · Sam Okafor (Duty manager)\n  Incident recorded: Generator B failed\n');
  });

  it('keeps only the 10 newest timeline entries, whatever order they arrive in, and marks corrected ones', () => {
    const notes = Array.from({ length: 12 }, (_, i) => makeEvent(CREATED + i * MIN, { kind: 'note', text: `Note ${i + 1}` }));
    const correction = makeEvent(CREATED + 20 * MIN, { kind: 'correction', corrects: notes[11]!.id, text: 'Note 12 meant pump 4' });
    const briefing = buildBriefing(makeIncident(), [...notes].reverse().concat(correction), context());
    const timeline = briefing.sections.find((section) => section.heading === 'Latest timeline entries')!;
    expect(timeline.detail).toBe('10 of 13, newest first');
    expect(timeline.items.map((item) => item.split('\n')[1])).toEqual(['Note 12 meant pump 4', ...[12, 11, 10, 9, 8, 7, 6, 5, 4].map((n) => `Note ${n}`)]);
    expect(timeline.items[1]).toContain('· corrected later');
    expect(timeline.items[2]).not.toContain('corrected');
  });

  it('keeps hostile text literal: no HTML, no escaping, no control or bidi characters', () => {
    const incident = makeIncident({ title: HOSTILE, description: `${HOSTILE}\r\n<script>alert(2)</script>\u202E\u0000`, assignee: '<b>Ana</b>' });
    const text = buildBriefingText(incident, events, context());
    expect(text).toContain(`K7QM-0042 — ${HOSTILE}\n`);
    expect(text).toContain(`Title:              ${HOSTILE}\n`);
    expect(text).toContain(`DESCRIPTION\n${HOSTILE}\n<script>alert(2)</script>\n`);
    expect(text).toContain('Assignee:           <b>Ana</b>\n');
    for (const unwanted of ['&lt;', '&gt;', '&amp;', '\r', '\u202E', '\u0000']) expect(text).not.toContain(unwanted);
  });

  it('puts what is down first (HICS 251), where each evidence item is and who holds it, and the review in force', () => {
    const itemId = '0190a000-0000-7000-8000-0000000000aa';
    const recordedEvents = [
      ...events,
      makeEvent(CREATED + 5 * MIN, {
        kind: 'system_status',
        systems: [
          { system: 'Water', state: 'functional', reason: '', repairEstimate: '' },
          { system: 'Normal power', state: 'non_functional', reason: 'Grid down', repairEstimate: '4 h' },
          { system: 'Nurse call', state: 'not_applicable', reason: '', repairEstimate: '' },
          { system: 'Elevators', state: 'partial', reason: 'Lift 2 only', repairEstimate: '' },
        ],
      }),
      makeEvent(CREATED + 6 * MIN, { kind: 'custody', itemId, item: 'Transfer switch relay', action: 'collected', from: '', to: 'Ana Diaz', location: 'Plant room', handledAt: at(CREATED + 6 * MIN), notes: '' }),
      makeEvent(CREATED + 7 * MIN, { kind: 'custody', itemId, item: 'Transfer switch relay', action: 'stored', from: 'Ana Diaz', to: '', location: 'Locker 2', handledAt: at(CREATED + 7 * MIN), notes: '' }),
      makeEvent(CREATED + 8 * MIN, { kind: 'review', whatHappened: 'Relay welded shut', whatWorked: '', whatToChange: 'Test monthly', rootCause: '', problemRef: 'PRB-7' }),
    ];
    const text = buildBriefingText(makeIncident(), recordedEvents, context());
    const systems = text.slice(text.indexOf('FACILITY SYSTEMS (1 non-functional, 1 partial)'));
    expect(systems.split('\n').slice(1, 4)).toEqual([
      '- Normal power: Non-functional (Grid down, repair estimate 4 h, as of 26 Nov 2026 13:05 UTC+01:00)',
      '- Elevators: Partially functional (Lift 2 only, as of 26 Nov 2026 13:05 UTC+01:00)',
      '- Water: Fully functional (as of 26 Nov 2026 13:05 UTC+01:00)',
    ]);
    // N/A systems are left out of the section (the timeline entry below still names them).
    expect(systems.slice(0, systems.indexOf('\n\n'))).not.toContain('Nurse call');
    expect(text).toContain('EVIDENCE (1 item, 1 in custody)\n- Transfer switch relay: at Locker 2, last: Stored 26 Nov 2026 13:07 UTC+01:00');
    expect(text).toContain('AFTER-ACTION REVIEW (by Ana Diaz');
    expect(text).toContain('- What happened: Relay welded shut\n- What to change: Test monthly\n- Problem record: PRB-7');
    expect(text).not.toContain('What worked:');
  });

  it('says so when there is no checklist, description, escalation or update due', () => {
    const incident = makeIncident({ major: false, description: '' });
    const text = buildBriefingText(incident, [], context());
    expect(text).not.toContain('*** MAJOR INCIDENT ***');
    expect(text).not.toContain('CHECKLIST');
    expect(text).toContain('DESCRIPTION\n—\n');
    expect(text).toContain('Latest escalation: none\n');
    expect(text).toContain('Next update due:   none asked for\n');
    expect(text).toContain('LATEST TIMELINE ENTRIES (0, newest first)\n- No entries.\n');
  });

  it('lists the linked incidents (number, relation, title, status) and names linked and duplicated incidents by number', () => {
    const parent = '0190a000-0000-7000-8000-0000000000aa';
    const numberOf = (id: string) => (id === parent ? 'NQJS-0002' : null);
    const links = [
      { relation: 'related' as const, number: null, title: null, status: null },
      { relation: 'parent' as const, number: 'NQJS-0002', title: `Campus power\noutage ${HOSTILE}`, status: 'in_progress' as const },
    ];
    const incident = makeIncident({ status: 'cancelled', cancelReason: 'Recorded twice', duplicateOf: parent });
    const events = [
      makeEvent(CREATED + MIN, { kind: 'linked', targetId: parent, relation: 'parent', action: 'link' }),
      makeEvent(CREATED + 2 * MIN, { kind: 'status_changed', from: 'in_progress', to: 'cancelled', details: { cancelReason: 'Recorded twice', duplicateOf: parent } }),
    ];
    const text = buildBriefingText(incident, events, context({ numberOf, links }), 'printed');
    expect(text).toContain(`LINKED INCIDENTS (2)\n- NQJS-0002 · Parent · Campus power outage ${HOSTILE} · In progress\n- An incident not on this computer · Related\n`);
    expect(text).toContain('Duplicate of:       NQJS-0002\n');
    expect(text).toContain('\n  Linked NQJS-0002 (parent)\n');
    expect(text).toContain('\n  In progress → Cancelled · Cancel reason: Recorded twice · Duplicate of: NQJS-0002\n');
    expect(text).not.toContain(parent);
    // No links: no section.
    expect(buildBriefingText(makeIncident(), [], context({ links: [] }))).not.toContain('LINKED INCIDENTS');
  });
});
