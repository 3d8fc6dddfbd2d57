// Tests for changeStatus (commands.ts): lifecycle rules, companion fields, clearing on leave/reopen, events.
import { describe, expect, it } from 'vitest';
import {
  changeStatus,
  type CommandResult,
  DEFAULT_TRANSITION_REFERENCE,
  type Incident,
  incidentSchema,
  newId,
  type Status,
  timelineEventSchema,
  type TransitionInput,
} from '../../../../shared/domain';
import { deepFreeze, laterCtx, recorded, snapshot } from './fixtures';

function ok(result: CommandResult) {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

let tick = 0;
function move(incident: Incident, to: Status, input: TransitionInput = {}) {
  tick += 1;
  return changeStatus(deepFreeze(incident), to, deepFreeze(input), deepFreeze(laterCtx(tick)));
}

const RESOLVE = { resolutionCode: 'Hardware repaired', resolutionNotes: 'Replaced the starter battery.' };
/** Every status change writes all of a status's companion fields: null unless the new status has them. */
const NO_COMPANIONS = { holdReason: null, resolutionCode: null, resolutionNotes: null, cancelReason: null, duplicateOf: null };

describe('changeStatus', () => {
  it('assigns: sets assignee and team, stamps them, and records them in the event details', () => {
    const incident = recorded();
    const ctx = laterCtx(7);
    const { incident: next, event, change } = ok(changeStatus(incident, 'assigned', { assignee: ' Sam ', team: 'Facilities' }, ctx));
    expect(next).toMatchObject({ status: 'assigned', assignee: 'Sam', team: 'Facilities', updatedAt: ctx.now.utc });
    expect(change.set).toEqual({ ...NO_COMPANIONS, status: 'assigned', assignee: 'Sam', team: 'Facilities' });
    expect(event).toMatchObject({ kind: 'status_changed', from: 'new', to: 'assigned', details: { assignee: 'Sam', team: 'Facilities' }, hlc: ctx.hlc });
    expect(next.stamps.status).toBe(ctx.hlc);
    expect(next.stamps.assignee).toBe(ctx.hlc);
    expect(next.stamps.title).toBe(incident.stamps.title);
  });

  it('puts on hold with a (trimmed) reason and clears the reason when work resumes', () => {
    const assigned = ok(move(recorded(), 'assigned', { assignee: 'Sam' })).incident;
    const held = ok(move(assigned, 'on_hold', { holdReason: ' Awaiting parts ' }));
    expect(held.incident).toMatchObject({ status: 'on_hold', holdReason: 'Awaiting parts' });
    expect(held.event).toMatchObject({ details: { holdReason: 'Awaiting parts' } });
    const resumed = ok(move(held.incident, 'in_progress'));
    expect(resumed.incident).toMatchObject({ status: 'in_progress', holdReason: null });
    expect(resumed.change.set).toEqual({ ...NO_COMPANIONS, status: 'in_progress' });
    expect(resumed.incident.stamps.holdReason).toBe(resumed.event.hlc);
  });

  it.each(['assigned', 'resolved', 'cancelled'] as const)('clears the hold reason when leaving hold for %s', (to) => {
    const held = ok(move(recorded(), 'on_hold', { holdReason: 'Awaiting vendor', team: 'IT' })).incident;
    const input = { assignee: 'Sam', cancelReason: 'Duplicate', ...RESOLVE };
    expect(ok(move(held, to, input)).incident.holdReason).toBeNull();
  });

  it('stamps every companion field with the status, changed or not, but names only real changes in the event', () => {
    const incident = recorded();
    const { change, incident: next, event } = ok(move(incident, 'assigned', { team: 'IT' }));
    expect(change.set).toEqual({ ...NO_COMPANIONS, status: 'assigned', team: 'IT' });
    for (const field of Object.keys(NO_COMPANIONS)) expect(next.stamps[field], field).toBe(event.hlc);
    // Unchanged companions carry their old stamps as base: a concurrent change of them is recognised as one.
    expect(change.base?.holdReason).toBe(incident.stamps.holdReason ?? null);
  });

  it('resolves with code and notes; closing keeps them', () => {
    const working = ok(move(recorded(), 'in_progress', { assignee: 'Sam' })).incident;
    const resolved = ok(move(working, 'resolved', RESOLVE));
    expect(resolved.incident).toMatchObject({ status: 'resolved', ...RESOLVE });
    expect(resolved.event).toMatchObject({ from: 'in_progress', to: 'resolved', details: RESOLVE });
    const closed = ok(move(resolved.incident, 'closed'));
    expect(closed.incident).toMatchObject({ status: 'closed', ...RESOLVE });
    // Closing writes the resolution again, so it wins or loses together with the status.
    expect(closed.change.set).toEqual({ ...NO_COMPANIONS, status: 'closed', ...RESOLVE });
  });

  it('reopens with a reason, clearing the old resolution (the timeline keeps it)', () => {
    const resolved = ok(move(ok(move(recorded(), 'assigned', { assignee: 'Sam' })).incident, 'resolved', RESOLVE)).incident;
    const reopened = ok(move(resolved, 'in_progress', { reopenReason: '  Failed again under load ' }));
    expect(reopened.incident).toMatchObject({ status: 'in_progress', resolutionCode: null, resolutionNotes: null });
    expect(reopened.change.set).toEqual({ ...NO_COMPANIONS, status: 'in_progress' });
    expect(reopened.event).toMatchObject({ kind: 'status_changed', from: 'resolved', to: 'in_progress', details: { reopenReason: 'Failed again under load' } });
  });

  it('cancels with a reason and an optional surviving incident', () => {
    const survivor = newId();
    const { incident, event } = ok(move(recorded(), 'cancelled', { cancelReason: 'Duplicate', duplicateOf: survivor }));
    expect(incident).toMatchObject({ status: 'cancelled', cancelReason: 'Duplicate', duplicateOf: survivor });
    expect(event).toMatchObject({ details: { cancelReason: 'Duplicate', duplicateOf: survivor } });
  });

  it('refuses to mark an incident as a duplicate of itself', () => {
    const incident = recorded();
    expect(move(incident, 'cancelled', { cancelReason: 'Duplicate', duplicateOf: incident.id })).toMatchObject({
      ok: false,
      error: { code: 'invalid-value', field: 'duplicateOf' },
    });
  });

  it('refuses a duplicateOf that is not an incident id', () => {
    expect(move(recorded(), 'cancelled', { cancelReason: 'Duplicate', duplicateOf: 'K7QM-0001' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', field: 'duplicateOf', message: 'Expected a UUIDv7 id' },
    });
  });

  it('ignores companion fields that do not belong to the transition', () => {
    const { change } = ok(move(recorded(), 'on_hold', { holdReason: 'Awaiting caller', team: 'IT', ...RESOLVE, cancelReason: 'x', reopenReason: '' }));
    expect(change.set).toEqual({ ...NO_COMPANIONS, status: 'on_hold', holdReason: 'Awaiting caller', team: 'IT' });
  });

  it('puts a new incident on hold only with an owner: leaving New stops the time-to-own clock', () => {
    expect(move(recorded(), 'on_hold', { holdReason: 'Awaiting caller' })).toMatchObject({ ok: false, error: { code: 'missing-field', field: 'assignment' } });
    const held = ok(move(recorded(), 'on_hold', { holdReason: 'Awaiting caller', assignee: 'Sam' }));
    expect(held.incident).toMatchObject({ status: 'on_hold', assignee: 'Sam', holdReason: 'Awaiting caller' });
    expect(held.event).toMatchObject({ kind: 'status_changed', from: 'new', to: 'on_hold', details: { assignee: 'Sam', holdReason: 'Awaiting caller' } });
  });

  it('does not let work resume or reopen with nobody owning the incident', () => {
    // On hold with nobody owning it: the owner cleared while it waited, or put on hold by an older Lantern.
    const held = { ...ok(move(recorded(), 'on_hold', { holdReason: 'Awaiting vendor', team: 'IT' })).incident, team: null };
    expect(held).toMatchObject({ assignee: null, team: null });
    expect(move(held, 'in_progress')).toMatchObject({ ok: false, error: { code: 'missing-field', field: 'assignment' } });
    expect(ok(move(held, 'in_progress', { team: 'IT' })).incident).toMatchObject({ status: 'in_progress', team: 'IT' });
    const resolved = ok(move(recorded(), 'resolved', RESOLVE)).incident;
    expect(move(resolved, 'in_progress', { reopenReason: 'Failed again' })).toMatchObject({ ok: false, error: { field: 'assignment' } });
  });

  it('counts the current owner for the assignment a transition needs', () => {
    const assigned = ok(move(recorded(), 'assigned', { assignee: 'Sam' })).incident;
    const held = ok(move(assigned, 'on_hold', { holdReason: 'Awaiting parts' })).incident;
    const resumed = ok(move(held, 'in_progress', { assignee: '  ', team: '' }));
    expect(resumed.incident).toMatchObject({ status: 'in_progress', assignee: 'Sam' });
    // Blank input keeps the owner; it is not written again.
    expect(resumed.change.set).not.toHaveProperty('assignee');
  });

  it('passes lifecycle refusals through with their code, field and message', () => {
    const incident = recorded();
    expect(move(incident, 'closed')).toMatchObject({ ok: false, error: { code: 'not-allowed', message: expect.stringContaining('from New to Closed') } });
    expect(move(incident, 'on_hold', { team: 'IT' })).toMatchObject({ ok: false, error: { code: 'missing-field', field: 'holdReason' } });
    expect(move(incident, 'on_hold', { holdReason: 'Lunch', team: 'IT' })).toMatchObject({ ok: false, error: { code: 'invalid-value', field: 'holdReason' } });
    expect(move(incident, 'resolved', { resolutionCode: 'Luck', resolutionNotes: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-value', field: 'resolutionCode' },
    });
  });

  it.each(['closed', 'cancelled'] as const)('cannot leave %s', (end) => {
    let incident = ok(move(recorded(), 'resolved', RESOLVE)).incident;
    incident = end === 'closed' ? ok(move(incident, 'closed')).incident : ok(move(recorded(), 'cancelled', { cancelReason: 'Drill' })).incident;
    for (const to of ['new', 'assigned', 'in_progress', 'on_hold', 'resolved', 'closed', 'cancelled'] as const) {
      expect(move(incident, to, { assignee: 'x', holdReason: 'Awaiting parts', ...RESOLVE, cancelReason: 'x', reopenReason: 'x' })).toMatchObject({
        ok: false,
        error: { code: 'not-allowed' },
      });
    }
  });

  it('uses a custom reference', () => {
    const ref = { ...DEFAULT_TRANSITION_REFERENCE, holdReasons: ['Awaiting fuel delivery'] };
    const result = changeStatus(recorded(), 'on_hold', { holdReason: 'Awaiting fuel delivery', team: 'Facilities' }, laterCtx(), ref);
    expect(ok(result).incident.holdReason).toBe('Awaiting fuel delivery');
  });

  it('refuses a 1 MB reopen reason with a clear message instead of producing an invalid event', () => {
    const resolved = ok(move(recorded(), 'resolved', RESOLVE)).incident;
    const result = move(resolved, 'in_progress', { reopenReason: 'x'.repeat(1024 * 1024), team: 'IT' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'reopenReason', message: 'Each detail is limited to 20,000 characters' } });
  });

  it('refuses overlong companion values that are stored on the incident', () => {
    expect(move(recorded(), 'cancelled', { cancelReason: 'x'.repeat(201) })).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'cancelReason' } });
    expect(move(recorded(), 'resolved', { resolutionCode: 'Fixed', resolutionNotes: 'x'.repeat(20_001) })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', field: 'resolutionNotes' },
    });
  });

  it('returns valid results and never mutates the (frozen) incident along a full lifecycle', () => {
    let incident = recorded();
    const path: [Status, TransitionInput][] = [
      ['assigned', { assignee: 'Sam' }],
      ['in_progress', {}],
      ['on_hold', { holdReason: 'Awaiting power restoration' }],
      ['in_progress', {}],
      ['resolved', RESOLVE],
      ['in_progress', { reopenReason: 'Again' }],
      ['resolved', RESOLVE],
      ['closed', {}],
    ];
    for (const [to, input] of path) {
      const before = snapshot(incident);
      const { incident: next, event } = ok(move(incident, to, input));
      expect(snapshot(incident)).toBe(before);
      expect(incidentSchema.parse(next)).toEqual(next);
      expect(timelineEventSchema.parse(event)).toEqual(event);
      expect(event).toMatchObject({ kind: 'status_changed', from: incident.status, to });
      incident = next;
    }
    expect(incident.status).toBe('closed');
  });
});
