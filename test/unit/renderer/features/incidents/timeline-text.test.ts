// Plain-text timeline entries for the records DOMAIN.md asks for: system status, review, custody, HICS 213 communications.
import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../../../../shared/domain';
import { describeEvent, referencedIncidentIds, summarizeEvent } from '../../../../../renderer/features/incidents/timeline-text';

const base = {
  id: '0190a000-0000-7000-8000-000000000001',
  incidentId: '0190a000-0000-7000-8000-000000000002',
  at: { utc: '2026-11-26T12:00:00.000Z', offsetMinutes: 60 },
  author: { name: 'Ana' },
  hlc: '001795694400000-0001-dev-a',
  deviceId: 'dev-a',
};
const entry = (body: Record<string, unknown>) => ({ ...base, ...body }) as TimelineEvent;
const line = (system: string, state: string, reason = '', repairEstimate = '') => ({ system, state, reason, repairEstimate });

describe('describeEvent', () => {
  it('shows a short change on one line and a long or multi-line text as blocks with what it was', () => {
    const change = (field: string, from: unknown, to: unknown) => ({ field, from, to });
    expect(describeEvent(entry({ kind: 'fields_changed', changes: [change('title', 'Chiller trip', 'Chiller 2 trip'), change('urgency', 3, 1)] })))
      .toBe('Title: Chiller trip → Chiller 2 trip · Urgency: 3 — Low → 1 — High');
    const steps = '1. Call the vendor\n2. Brief the ward';
    expect(describeEvent(entry({ kind: 'fields_changed', changes: [change('nextSteps', null, steps)] }))).toBe(`Next steps:\n${steps}`);
    expect(describeEvent(entry({ kind: 'fields_changed', changes: [change('nextSteps', steps, '3. Close the valve'), change('urgency', 3, 2)] })))
      .toBe(`Next steps:\n3. Close the valve\nIt was:\n${steps}\nUrgency: 3 — Low → 2 — Medium`);
    expect(describeEvent(entry({ kind: 'fields_changed', changes: [change('contacts', steps, null)] }))).toBe(`Contacts cleared. It was:\n${steps}`);
  });

  it('lists the systems that need attention one per line and the working ones together', () => {
    const text = describeEvent(entry({
      kind: 'system_status',
      systems: [line('Water', 'functional'), line('Normal power', 'non_functional', 'Grid down', '4 h'), line('Sewer', 'functional'), line('Elevators', 'partial', 'Lift 2 only'), line('Nurse call', 'not_applicable')],
    }));
    expect(text).toBe('Normal power: Non-functional · Grid down · repair estimate 4 h\nElevators: Partially functional · Lift 2 only\nNurse call: N/A\nFully functional: Water, Sewer');
  });

  it('keeps a working system with a remark on its own line', () => {
    const text = describeEvent(entry({ kind: 'system_status', systems: [line('Water', 'functional', 'Back on mains since 14:00')] }));
    expect(text).toBe('Water: Fully functional · Back on mains since 14:00');
  });

  it('shows the review parts that were written, under their labels', () => {
    const text = describeEvent(entry({ kind: 'review', whatHappened: 'Relay welded', whatWorked: '', whatToChange: 'Test monthly', rootCause: '', problemRef: 'PRB-7' }));
    expect(text).toBe('What happened: Relay welded\nWhat to change: Test monthly\nProblem record: PRB-7');
  });

  it('says what was done with an evidence item, by whom, where and when it was handled', () => {
    const text = describeEvent(entry({
      kind: 'custody', itemId: base.id, item: 'USB stick', action: 'transferred', from: 'Ana', to: 'Ben', location: 'IT office',
      handledAt: { utc: '2026-11-26T11:00:00.000Z', offsetMinutes: new Date('2026-11-26T11:00:00.000Z').getTimezoneOffset() * -1 }, notes: 'Sealed bag 7',
    }));
    expect(text).toMatch(/^Handed over: USB stick · from Ana to Ben · kept at IT office · at 26 Nov 2026 \d\d:00\nSealed bag 7$/);
  });

  it("puts a communication's HICS 213 priority and subject first and its action taken last", () => {
    const text = describeEvent(entry({ kind: 'communication', direction: 'incoming', from: 'Ward 3', to: 'Desk', channel: 'Radio', message: 'No water', subject: 'Water', priority: 'urgent', actionTaken: 'Bottles sent' }));
    expect(text).toBe('Urgent · Received by Radio · From Ward 3 to Desk · Subject: Water\nNo water\nAction taken: Bottles sent');
  });

  it('names a linked or duplicated incident by its number, or says it is not on this computer, never by its id', () => {
    const other = '0190a000-0000-7000-8000-0000000000aa';
    const away = '0190a000-0000-7000-8000-0000000000bb';
    const numberOf = (id: string) => (id === other ? 'NQJS-0002' : null);
    const linked = entry({ kind: 'linked', targetId: other, relation: 'related', action: 'link' });
    expect(describeEvent(linked, numberOf)).toBe('Linked NQJS-0002 (related)');
    expect(describeEvent(entry({ kind: 'linked', targetId: away, relation: 'parent', action: 'unlink' }), numberOf)).toBe('Unlinked an incident not on this computer (parent)');
    // Before the numbers are read (or where nobody reads them), plain words still.
    expect(describeEvent(linked)).toBe('Linked another incident (related)');

    const cancelled = entry({ kind: 'status_changed', from: 'new', to: 'cancelled', details: { cancelReason: 'Recorded twice', duplicateOf: other } });
    expect(describeEvent(cancelled, numberOf)).toBe('New → Cancelled · Cancel reason: Recorded twice · Duplicate of: NQJS-0002');
    expect(summarizeEvent(entry({ kind: 'status_changed', from: 'new', to: 'cancelled', details: { duplicateOf: away } }), numberOf)).toBe('New → Cancelled · Duplicate of: an incident not on this computer');
    for (const text of [describeEvent(linked), describeEvent(cancelled), describeEvent(cancelled, numberOf)]) expect(text).not.toContain('0190a000');
    expect(referencedIncidentIds([linked, cancelled, entry({ kind: 'note', text: 'Hi' })])).toEqual([other]);
  });
});
