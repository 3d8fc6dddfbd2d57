// Checklist domain: steps and tick state derived from append-only entries (any arrival order, concurrent devices), and its commands.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addChecklistStep,
  attachTemplateChecklist,
  deriveChecklist,
  EMPTY_CHECKLIST,
  findTemplate,
  templateChecklistSteps,
  tickChecklistStep,
  timelineEventSchema,
  type CommandResult,
  type Incident,
  type IncidentTemplate,
  type TimelineEvent,
} from '../../../../shared/domain';
import { laterCtx, makeCtx, recorded, stamp } from './fixtures';
import { passesOperationSchema } from './operation-check';

function ok(result: CommandResult) {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

const template = findTemplate('security-breach') as IncidentTemplate;
const T0 = Date.parse('2026-03-29T00:30:00.000Z');

/** The incident with the security-breach checklist attached, and the entry that attached it. */
function withChecklist(): { incident: Incident; events: TimelineEvent[] } {
  const incident = recorded({ title: 'Ransomware on ward PCs' });
  const { event } = ok(attachTemplateChecklist(incident, template, EMPTY_CHECKLIST, laterCtx(1)));
  return { incident, events: [event] };
}

/** A tick entry as device `node` would write it at `ms` (+ counter). */
function tickOn(incident: Incident, events: TimelineEvent[], stepId: string, ticked: boolean, ms: number, node: string, name: string): TimelineEvent {
  const ctx = makeCtx({ deviceId: node, author: { name }, hlc: stamp(ms, 0, node), now: { utc: new Date(ms).toISOString(), offsetMinutes: 60 } });
  return ok(tickChecklistStep(incident, deriveChecklist(events), stepId, ticked, ctx)).event;
}

describe('attachTemplateChecklist', () => {
  it('writes one valid checklist_added entry with every template step, grouped into time phases, and changes no field', () => {
    const incident = recorded();
    const { event, change } = ok(attachTemplateChecklist(incident, template, EMPTY_CHECKLIST, laterCtx(1)));
    expect(event).toMatchObject({ kind: 'checklist_added', templateId: 'security-breach' });
    expect(timelineEventSchema.parse(event)).toEqual(event);
    expect(change.set).toEqual({});
    expect(passesOperationSchema(change)).toBe(true);
    const checklist = deriveChecklist([event]);
    expect(checklist.total).toBe(templateChecklistSteps(template).length);
    expect(checklist.phases.map((phase) => phase.label)).toEqual(['0–2 h', '2–12 h', '12 h+']);
    expect(checklist.phases[0]!.items[0]).toMatchObject({ id: 'immediate-1', ticked: false, mark: null, text: expect.stringMatching(/^Contain/) });
  });

  it('refuses the same template twice and closed incidents', () => {
    const { incident, events } = withChecklist();
    expect(attachTemplateChecklist(incident, template, deriveChecklist(events), laterCtx(2))).toMatchObject({ ok: false, error: { code: 'no-change' } });
    const closed = { ...incident, status: 'closed' as const };
    expect(attachTemplateChecklist(closed, template, EMPTY_CHECKLIST, laterCtx(2))).toMatchObject({ ok: false, error: { code: 'read-only' } });
  });
});

describe('addChecklistStep', () => {
  it('adds one step by hand with a fresh id, and refuses empty text or an unknown phase', () => {
    const incident = recorded();
    const { event } = ok(addChecklistStep(incident, { phase: 'intermediate', text: '  Call the insurer  ' }, laterCtx(1)));
    expect(event).toMatchObject({ kind: 'checklist_added', steps: [{ phase: 'intermediate', text: 'Call the insurer' }] });
    expect(event).not.toHaveProperty('templateId');
    expect(deriveChecklist([event]).phases).toMatchObject([{ id: 'intermediate', items: [{ text: 'Call the insurer' }] }]);
    expect(addChecklistStep(incident, { phase: 'immediate', text: ' ' }, laterCtx(1))).toMatchObject({ ok: false, error: { code: 'missing-field', field: 'text' } });
    expect(addChecklistStep(incident, { phase: 'later' as never, text: 'x' }, laterCtx(1))).toMatchObject({ ok: false, error: { field: 'phase' } });
    expect(addChecklistStep(incident, { phase: 'immediate', text: 'x'.repeat(301) }, laterCtx(1))).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
});

describe('tickChecklistStep', () => {
  it('writes a checklist_ticked entry naming the step and the person; unticking writes another entry', () => {
    const { incident, events } = withChecklist();
    const tick = tickOn(incident, events, 'immediate-3', true, T0 + 10_000, 'device-a', 'Ana Field');
    expect(tick).toMatchObject({ kind: 'checklist_ticked', stepId: 'immediate-3', ticked: true, step: 'Reset or disable compromised accounts', author: { name: 'Ana Field' } });
    expect(timelineEventSchema.parse(tick)).toEqual(tick);
    const afterTick = deriveChecklist([...events, tick]);
    expect(afterTick.done).toBe(1);
    const untick = tickOn(incident, [...events, tick], 'immediate-3', false, T0 + 20_000, 'device-a', 'Ben Night');
    const afterUntick = deriveChecklist([...events, tick, untick]);
    expect(afterUntick.done).toBe(0);
    expect(afterUntick.phases[0]!.items[2]).toMatchObject({ ticked: false, mark: { ticked: false, by: { name: 'Ben Night' }, eventId: untick.id } });
  });

  it('refuses an unknown step, a state the step already has, and closed or cancelled incidents', () => {
    const { incident, events } = withChecklist();
    const checklist = deriveChecklist(events);
    expect(tickChecklistStep(incident, checklist, 'nope', true, laterCtx(2))).toMatchObject({ ok: false, error: { code: 'invalid-value', field: 'stepId' } });
    expect(tickChecklistStep(incident, checklist, 'immediate-1', false, laterCtx(2))).toMatchObject({ ok: false, error: { code: 'no-change' } });
    expect(tickChecklistStep({ ...incident, status: 'cancelled' }, checklist, 'immediate-1', true, laterCtx(2))).toMatchObject({ ok: false, error: { code: 'read-only' } });
  });
});

describe('deriveChecklist', () => {
  it('is empty without checklist entries and ignores other kinds', () => {
    const incident = recorded();
    expect(deriveChecklist([])).toBe(EMPTY_CHECKLIST);
    expect(deriveChecklist([{ id: 'x', incidentId: incident.id, kind: 'created', title: 't' } as unknown as TimelineEvent])).toEqual(EMPTY_CHECKLIST);
  });

  it('replays entries in HLC order whatever order they arrived in: a tick that arrives before its step waits for it', () => {
    const { incident, events } = withChecklist();
    const tick = tickOn(incident, events, 'immediate-2', true, T0 + 10_000, 'device-a', 'Ana Field');
    const untick = tickOn(incident, [...events, tick], 'immediate-2', false, T0 + 20_000, 'device-b', 'Ben Night');
    const inOrder = deriveChecklist([...events, tick, untick]);
    expect(deriveChecklist([untick, tick, ...events])).toEqual(inOrder);
    expect(deriveChecklist([tick, ...events])).toMatchObject({ done: 1 });
    expect(deriveChecklist([tick])).toMatchObject({ total: 0, done: 0 });
  });

  it('concurrent ticks on two devices merge: the later stamp decides, the same on every replica; duplicates count once', () => {
    const { incident, events } = withChecklist();
    // Both devices saw the step unticked and acted offline at nearly the same time.
    const aTicks = tickOn(incident, events, 'intermediate-1', true, T0 + 60_000, 'device-a', 'Ana Field');
    const bTicks = tickOn(incident, events, 'intermediate-1', true, T0 + 61_000, 'device-b', 'Ben Night');
    const merged = deriveChecklist([...events, aTicks, bTicks]);
    expect(merged.done).toBe(1);
    expect(merged.phases[1]!.items[0]!.mark).toMatchObject({ by: { name: 'Ben Night' } });
    expect(deriveChecklist([bTicks, ...events, aTicks, bTicks])).toEqual(merged);
    // One ticks while the other unticks: the later stamp wins everywhere.
    const bUnticks = tickOn(incident, [...events, aTicks], 'intermediate-1', false, T0 + 62_000, 'device-b', 'Ben Night');
    expect(deriveChecklist([bUnticks, aTicks, ...events]).done).toBe(0);
  });

  it('any arrival order of the same entries derives the same checklist (property)', () => {
    const { incident, events } = withChecklist();
    const stepIds = templateChecklistSteps(template).map((step) => step.id);
    const entries: TimelineEvent[] = [...events];
    let ms = T0 + 1_000;
    for (let i = 0; i < 24; i++) {
      const stepId = stepIds[i % stepIds.length]!;
      const current = deriveChecklist(entries);
      const ticked = !current.phases.flatMap((phase) => phase.items).find((item) => item.id === stepId)!.ticked;
      entries.push(tickOn(incident, entries, stepId, ticked, (ms += 997), i % 2 === 0 ? 'device-a' : 'device-b', i % 2 === 0 ? 'Ana' : 'Ben'));
    }
    const expected = deriveChecklist(entries);
    fc.assert(
      fc.property(fc.shuffledSubarray(entries, { minLength: entries.length, maxLength: entries.length }), (shuffled) => {
        expect(deriveChecklist(shuffled)).toEqual(expected);
      }),
      { numRuns: 50 },
    );
  });
});
