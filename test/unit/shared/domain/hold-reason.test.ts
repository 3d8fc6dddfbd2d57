// Changing the hold reason while on hold: only on hold, a listed reason that differs, one field-change entry, SLA clocks untouched, HQ and merge take it.
import { describe, expect, it } from 'vitest';
import { classifyOp } from '../../../../server/sync/classify-op';
import {
  changeHoldReason,
  changeStatus,
  checkHoldReasonChange,
  type CommandContext,
  type CommandResult,
  computeIncidentSla,
  type Incident,
  SEED_SLA_POLICIES,
  slaTimelineFromEvents,
  type TimelineEvent,
} from '../../../../shared/domain';
import { incidentFromState, mergeOperation, stateFromIncident } from '../../../../shared/sync/merge';
import { operationSchema, operationVersionOf, toOperation } from '../../../../shared/sync/operation';
import { deepFreeze, makeCtx, recorded, snapshot, stamp } from './fixtures';

const MIN = 60_000;
const T0 = Date.parse('2026-03-29T00:30:00.000Z');
const gold = SEED_SLA_POLICIES.find((p) => p.id === 'gold')!;

function ok(result: CommandResult) {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** A context `minutes` after the incident was recorded (stamps and times move together). */
function ctxAt(minutes: number, node?: string): CommandContext {
  const ms = T0 + minutes * MIN;
  return makeCtx({ now: { utc: new Date(ms).toISOString(), offsetMinutes: 60 }, hlc: stamp(ms, 0, node) });
}

/** Recorded at T0, assigned at 5 min, on hold "Awaiting vendor" at 10 min; every event kept for the SLA clocks. */
function heldIncident(): { incident: Incident; events: TimelineEvent[] } {
  const first = recorded({}, ctxAt(0));
  const created: TimelineEvent = { id: '0', incidentId: first.id, at: ctxAt(0).now, hlc: ctxAt(0).hlc, deviceId: 'device-test-01', author: { name: 'Ana Field' }, kind: 'created', title: first.title };
  const assigned = ok(changeStatus(first, 'assigned', { team: 'Facilities' }, ctxAt(5)));
  const held = ok(changeStatus(assigned.incident, 'on_hold', { holdReason: 'Awaiting vendor' }, ctxAt(10)));
  return { incident: deepFreeze(held.incident), events: [created, assigned.event, held.event] };
}

const resolveClock = (incident: Incident, events: readonly TimelineEvent[], nowMinutes: number) =>
  computeIncidentSla(slaTimelineFromEvents(incident.createdAt, events), incident, gold, T0 + nowMinutes * MIN).resolve;

describe('changeHoldReason', () => {
  it('changes the reason while the incident stays on hold, in one field-change entry that reads old → new', () => {
    const { incident } = heldIncident();
    const ctx = ctxAt(30);
    const { incident: next, event, change } = ok(changeHoldReason(incident, ' Awaiting parts ', ctx));
    expect(next).toMatchObject({ status: 'on_hold', holdReason: 'Awaiting parts' });
    expect(event).toMatchObject({ kind: 'fields_changed', changes: [{ field: 'holdReason', from: 'Awaiting vendor', to: 'Awaiting parts' }], hlc: ctx.hlc });
    // Only the reason travels: the status (and with it the clocks) is not written again.
    expect(change.set).toEqual({ holdReason: 'Awaiting parts' });
    expect(change.base).toEqual({ holdReason: incident.stamps.holdReason });
    expect(next.stamps.holdReason).toBe(ctx.hlc);
    expect(next.stamps.status).toBe(incident.stamps.status);
  });

  it('leaves the resolve clock as it was: still paused, with the same elapsed time, now and later', () => {
    const { incident, events } = heldIncident();
    const before = resolveClock(incident, events, 30);
    const { incident: next, event } = ok(changeHoldReason(incident, 'Awaiting parts', ctxAt(30)));
    const after = resolveClock(next, [...events, event], 30);
    expect(before).toMatchObject({ state: 'paused', elapsedMs: 10 * MIN });
    expect(after).toEqual(before);
    // An hour later it is still paused at 10 minutes: the change neither resumed nor restarted the pause.
    expect(resolveClock(next, [...events, event], 90)).toEqual(resolveClock(incident, events, 90));
    expect(slaTimelineFromEvents(next.createdAt, [...events, event]).changes).toHaveLength(2);
  });

  it.each(['new', 'assigned', 'in_progress'] as const)('refuses on an incident that is %s and changes nothing', (status) => {
    const incident = deepFreeze({ ...recorded(), status, holdReason: null });
    const before = snapshot(incident);
    const result = changeHoldReason(incident, 'Awaiting parts', ctxAt(30));
    expect(result).toMatchObject({ ok: false, error: { code: 'not-allowed', field: 'holdReason' } });
    expect(!result.ok && result.error.message).toMatch(/Only an incident on hold has a hold reason to change/);
    expect(snapshot(incident)).toBe(before);
  });

  it('refuses a resolved incident: the reason change does not reopen a hold', () => {
    const { incident } = heldIncident();
    const resolved = ok(changeStatus(incident, 'resolved', { resolutionCode: 'Fixed', resolutionNotes: 'Part fitted.' }, ctxAt(40))).incident;
    expect(changeHoldReason(resolved, 'Awaiting parts', ctxAt(50))).toMatchObject({ ok: false, error: { code: 'not-allowed' } });
  });

  it.each([
    ['the same reason', 'Awaiting vendor', 'no-change', 'The incident is already on hold for this reason (Awaiting vendor). Pick another reason, or go back.'],
    ['the same reason with spaces', '  Awaiting vendor ', 'no-change', 'The incident is already on hold for this reason (Awaiting vendor). Pick another reason, or go back.'],
    ['no reason', '', 'missing-field', 'Choose the new hold reason.'],
    ['only spaces', '   ', 'missing-field', 'Choose the new hold reason.'],
    ['a reason not on the list', 'Awaiting a miracle', 'invalid-value', '"Awaiting a miracle" is not a known hold reason. Pick one from the list.'],
  ])('refuses %s with a message and changes nothing', (_what, reason, code, message) => {
    const { incident } = heldIncident();
    const before = snapshot(incident);
    expect(changeHoldReason(incident, reason, ctxAt(30))).toEqual({ ok: false, error: { code, field: 'holdReason', message } });
    expect(snapshot(incident)).toBe(before);
  });

  it('takes the reasons of an edited list, and refuses a default one the list no longer has', () => {
    const { incident } = heldIncident();
    const ref = { holdReasons: ['Awaiting vendor', 'Awaiting crane'] };
    expect(ok(changeHoldReason(incident, 'Awaiting crane', ctxAt(30), ref)).incident.holdReason).toBe('Awaiting crane');
    expect(changeHoldReason(incident, 'Awaiting parts', ctxAt(30), ref)).toMatchObject({ ok: false, error: { code: 'invalid-value' } });
  });

  it('sets a reason on a hold that has none (an older or damaged record)', () => {
    const { incident } = heldIncident();
    const bare = deepFreeze({ ...incident, holdReason: null });
    expect(ok(changeHoldReason(bare, 'Awaiting parts', ctxAt(30))).event).toMatchObject({ changes: [{ field: 'holdReason', from: null, to: 'Awaiting parts' }] });
  });

  it('checkHoldReasonChange says the same as the command, for the form to ask before saving', () => {
    expect(checkHoldReasonChange('on_hold', 'Awaiting vendor', 'Awaiting parts')).toBeUndefined();
    expect(checkHoldReasonChange('in_progress', null, 'Awaiting parts')?.code).toBe('not-allowed');
    expect(checkHoldReasonChange('on_hold', 'Awaiting vendor', 'Awaiting vendor')?.code).toBe('no-change');
  });
});

describe('a hold reason change in sync', () => {
  it('travels as a version 1 operation that HQ of this version accepts', () => {
    const { incident } = heldIncident();
    const { change } = ok(changeHoldReason(incident, 'Awaiting parts', ctxAt(30)));
    const operation = toOperation(change, { opId: '019a0000-0000-7000-8000-000000000001', deviceId: 'device-test-01', deviceSeq: 9, hlc: change.event.hlc });
    expect(operationVersionOf(change)).toBe(1);
    expect(operationSchema.safeParse(operation).success).toBe(true);
    expect(classifyOp(operation, 0, 'device-test-01').kind).toBe('valid');
  });

  it('merges on another replica like any field: the new reason, the status untouched', () => {
    const { incident } = heldIncident();
    const { change } = ok(changeHoldReason(incident, 'Awaiting parts', ctxAt(30)));
    const operation = toOperation(change, { opId: '019a0000-0000-7000-8000-000000000002', deviceId: 'device-test-01', deviceSeq: 9, hlc: change.event.hlc });
    const merged = mergeOperation(stateFromIncident(incident), operation);
    expect(merged.changedFields).toEqual(['holdReason']);
    expect(merged.conflicts).toEqual([]);
    expect(incidentFromState(merged.state)).toMatchObject({ status: 'on_hold', holdReason: 'Awaiting parts' });
  });

  it('two laptops changing the reason at once: the later stamp wins and the other is kept as a conflict', () => {
    const { incident } = heldIncident();
    const here = ok(changeHoldReason(incident, 'Awaiting parts', ctxAt(30))).change;
    const there = ok(changeHoldReason(incident, 'Awaiting caller', ctxAt(31, 'device-test-02'))).change;
    const op = (change: typeof here, device: string, seq: number) =>
      toOperation(change, { opId: `019a0000-0000-7000-8000-00000000001${seq}`, deviceId: device, deviceSeq: seq, hlc: change.event.hlc });
    const first = mergeOperation(stateFromIncident(incident), op(here, 'device-test-01', 1));
    const second = mergeOperation(first.state, op(there, 'device-test-02', 2));
    expect(incidentFromState(second.state)?.holdReason).toBe('Awaiting caller');
    expect(second.conflicts).toMatchObject([{ field: 'holdReason', winner: { value: 'Awaiting caller' }, loser: { value: 'Awaiting parts' } }]);
  });
});
