// Tests for merge.ts: field-level LWW, stamp tie-breaks, idempotence, base-stamp conflicts, partial state, derived priority.
import { describe, expect, it } from 'vitest';
import { addNote, changeStatus, editIncident, recordIncident, type Incident } from '../../../../shared/domain';
import { emptyIncidentState, incidentFromState, mergeOperation, sameValue, stateFromIncident, type Conflict, type IncidentState } from '../../../../shared/sync/merge';
import type { Operation } from '../../../../shared/sync/operation';
import { ctxAt, ok, opOf, stampAt, T0 } from './support/ops';

/** Applies ops in order from nothing; returns the final state and every conflict recorded on the way. */
function replay(ops: readonly Operation[], start?: IncidentState): { state: IncidentState | undefined; conflicts: Conflict[] } {
  let state = start;
  const conflicts: Conflict[] = [];
  for (const op of ops) {
    const result = mergeOperation(state, op);
    state = result.state;
    conflicts.push(...result.conflicts);
  }
  return { state, conflicts };
}

/** An incident created on device A at T0 (priority from impact 2 × urgency 3 = 4). */
function created() {
  const outcome = ok(recordIncident({ title: 'Generator B failed', impact: 2, urgency: 3 }, 1, 'K7QM', ctxAt('dev-a', T0)));
  return { incident: outcome.incident, op: opOf(outcome) };
}

function edit(incident: Incident, device: string, wallMs: number, edits: Parameters<typeof editIncident>[1]) {
  const outcome = ok(editIncident(incident, edits, ctxAt(device, wallMs)));
  return { incident: outcome.incident, op: opOf(outcome) };
}

describe('mergeOperation: last writer wins per field', () => {
  it('keeps concurrent changes of different fields from two devices', () => {
    const c = created();
    const a = edit(c.incident, 'dev-a', T0 + 1000, { title: 'Generator B failed twice' });
    const b = edit(c.incident, 'dev-b', T0 + 500, { assignee: 'Sam' });
    for (const order of [[c.op, a.op, b.op], [c.op, b.op, a.op]]) {
      const { state, conflicts } = replay(order);
      expect(state!.fields).toMatchObject({ title: 'Generator B failed twice', assignee: 'Sam' });
      expect(state!.stamps.title).toBe(a.op.hlc);
      expect(state!.stamps.assignee).toBe(b.op.hlc);
      expect(conflicts).toEqual([]);
    }
  });

  it('gives the same field to the higher stamp, whatever the arrival order', () => {
    const c = created();
    const early = edit(c.incident, 'dev-a', T0 + 1000, { title: 'Early title' });
    const late = edit(c.incident, 'dev-b', T0 + 2000, { title: 'Late title' });
    for (const order of [[c.op, early.op, late.op], [c.op, late.op, early.op]]) {
      const { state } = replay(order);
      expect(state!.fields.title).toBe('Late title');
      expect(state!.stamps.title).toBe(late.op.hlc);
    }
  });

  it('breaks a tie of wall time and counter by device id, through the stamp', () => {
    const c = created();
    const fromA = edit(c.incident, 'dev-a', T0 + 1000, { title: 'From A' });
    const fromB = edit(c.incident, 'dev-b', T0 + 1000, { title: 'From B' });
    expect(fromA.op.hlc.slice(0, 20)).toBe(fromB.op.hlc.slice(0, 20));
    for (const order of [[c.op, fromA.op, fromB.op], [c.op, fromB.op, fromA.op]]) {
      const { state } = replay(order);
      expect(state!.fields.title).toBe('From B'); // "dev-b" sorts after "dev-a"
    }
  });

  it('keeps the newer value when an older change arrives later (counter decides within one millisecond)', () => {
    const c = created();
    const first = ok(editIncident(c.incident, { urgency: 1 }, ctxAt('dev-a', T0 + 1000, 0)));
    const second = ok(editIncident(first.incident, { urgency: 2 }, ctxAt('dev-a', T0 + 1000, 1)));
    const { state } = replay([c.op, opOf(second), opOf(first)]);
    expect(state!.fields.urgency).toBe(2);
  });

  it('reports which fields changed on this replica', () => {
    const c = created();
    const a = edit(c.incident, 'dev-a', T0 + 1000, { title: 'New title', urgency: 1 });
    const result = mergeOperation(replay([c.op]).state, a.op);
    expect([...result.changedFields].sort()).toEqual(['title', 'urgency']);
    expect(mergeOperation(result.state, a.op).changedFields).toEqual([]);
  });
});

describe('mergeOperation: idempotence and order', () => {
  it('applying the same operation twice equals applying it once', () => {
    const c = created();
    const a = edit(c.incident, 'dev-a', T0 + 1000, { title: 'Once' });
    const b = edit(c.incident, 'dev-b', T0 + 2000, { title: 'Concurrent' });
    const once = replay([c.op, a.op, b.op]);
    const twice = replay([c.op, c.op, a.op, a.op, b.op, b.op, a.op]);
    expect(twice.state).toEqual(once.state);
    expect(new Set(twice.conflicts.map((x) => x.id))).toEqual(new Set(once.conflicts.map((x) => x.id)));
  });

  it('gives the same state as the authoring device computed with the command', () => {
    const c = created();
    const a = edit(c.incident, 'dev-a', T0 + 1000, { title: 'Changed', impact: 1 });
    const status = ok(changeStatus(a.incident, 'assigned', { assignee: 'Sam' }, ctxAt('dev-a', T0 + 2000)));
    const note = ok(addNote(status.incident, 'On site', ctxAt('dev-a', T0 + 3000)));
    const { state } = replay([c.op, a.op, opOf(status), opOf(note)]);
    expect(state).toEqual(stateFromIncident(note.incident));
    expect(incidentFromState(state!)).toEqual(note.incident);
  });
});

describe('mergeOperation: conflicts from base stamps', () => {
  it('sees no conflict in sequential edits of one field by two devices that had seen each other', () => {
    const c = created();
    const a = edit(c.incident, 'dev-a', T0 + 1000, { title: 'A edits' });
    const b = edit(a.incident, 'dev-b', T0 + 2000, { title: 'B edits after seeing A' });
    const again = edit(b.incident, 'dev-a', T0 + 3000, { title: 'A edits after seeing B' });
    expect(b.op.base).toEqual({ title: a.op.hlc });
    const { state, conflicts } = replay([c.op, a.op, b.op, again.op]);
    expect(conflicts).toEqual([]);
    expect(state!.fields.title).toBe('A edits after seeing B');
  });

  it('records one conflict with both values and the same id whatever the arrival order', () => {
    const c = created();
    const a = edit(c.incident, 'dev-a', T0 + 1000, { title: 'Title from A' });
    const b = edit(c.incident, 'dev-b', T0 + 2000, { title: 'Title from B' });
    const first = replay([c.op, a.op, b.op]).conflicts;
    const second = replay([c.op, b.op, a.op]).conflicts;
    expect(first).toHaveLength(1);
    expect(second).toEqual(first);
    expect(first[0]).toEqual({
      id: expect.any(String),
      incidentId: c.incident.id,
      field: 'title',
      winner: { value: 'Title from B', hlc: b.op.hlc, deviceId: 'dev-b' },
      loser: { value: 'Title from A', hlc: a.op.hlc, deviceId: 'dev-a' },
    });
  });

  it('records no conflict when concurrent changes agree on the value', () => {
    const c = created();
    const a = edit(c.incident, 'dev-a', T0 + 1000, { assignee: 'Sam' });
    const b = edit(c.incident, 'dev-b', T0 + 2000, { assignee: 'Sam' });
    const { state, conflicts } = replay([c.op, a.op, b.op]);
    expect(conflicts).toEqual([]);
    expect(state!.stamps.assignee).toBe(b.op.hlc);
  });

  it('records a conflict for each field changed concurrently, and none for the others', () => {
    const c = created();
    const a = edit(c.incident, 'dev-a', T0 + 1000, { title: 'A', urgency: 1, tags: ['a'] });
    const b = edit(c.incident, 'dev-b', T0 + 2000, { title: 'B', urgency: 1 });
    const { conflicts } = replay([c.op, b.op, a.op]);
    expect(conflicts.map((x) => x.field)).toEqual(['title']);
  });
});

describe('mergeOperation: partial state and creation', () => {
  it('holds a partial state while only edits arrived, and the full incident once the creation arrives', () => {
    const c = created();
    const a = edit(c.incident, 'dev-a', T0 + 1000, { title: 'Edited before creation arrived' });
    const partial = replay([a.op]);
    expect(partial.state!.init).toBeNull();
    expect(incidentFromState(partial.state!)).toBeNull();
    const full = replay([c.op], partial.state);
    expect(full.conflicts).toEqual([]); // a creation is never concurrent with an edit of its own incident
    const incident = incidentFromState(full.state!);
    expect(incident).not.toBeNull();
    expect(incident!.title).toBe('Edited before creation arrived');
    expect(incident!.number).toBe(c.incident.number);
    expect(full.state).toEqual(replay([c.op, a.op]).state);
  });

  it('stays partial when required fields never arrived', () => {
    const state: IncidentState = { ...emptyIncidentState(created().incident.id), init: created().op.init! };
    expect(incidentFromState(state)).toBeNull();
  });

  it('refuses an operation of another incident', () => {
    const one = created();
    const other = created();
    expect(() => mergeOperation(replay([one.op]).state, other.op)).toThrow(/another incident/);
  });
});

describe('incidentFromState', () => {
  it('derives priority from the merged impact and urgency, never from a stored value', () => {
    const c = created();
    expect(incidentFromState(replay([c.op]).state!)!.priority).toBe(4);
    const a = edit(c.incident, 'dev-a', T0 + 1000, { impact: 1 });
    const b = edit(c.incident, 'dev-b', T0 + 2000, { urgency: 1 });
    expect(incidentFromState(replay([c.op, a.op, b.op]).state!)!.priority).toBe(1);
    expect(incidentFromState(replay([c.op, b.op]).state!)!.priority).toBe(2);
    const custom = incidentFromState(replay([c.op]).state!, [
      [5, 5, 5],
      [5, 5, 5],
      [5, 5, 5],
    ]);
    expect(custom!.priority).toBe(5);
  });

  it('takes updatedAt as the newest recorded time, in any order', () => {
    const c = created();
    const a = edit(c.incident, 'dev-a', T0 + 5000, { title: 'Later' });
    const b = edit(c.incident, 'dev-b', T0 + 1000, { assignee: 'Sam' });
    const expected = new Date(T0 + 5000).toISOString();
    expect(replay([c.op, a.op, b.op]).state!.updatedAt).toBe(expected);
    expect(replay([c.op, b.op, a.op]).state!.updatedAt).toBe(expected);
  });
});

describe('mergeOperation on hostile input', () => {
  it('ignores keys that are not synced fields, including __proto__, when an operation skipped validation', () => {
    const c = created();
    const hostile = JSON.parse(JSON.stringify(c.op).replace('"set":{', '"set":{"__proto__":{"polluted":true},"priority":1,')) as Operation;
    const { state } = replay([hostile]);
    expect(Object.getPrototypeOf(state!.fields)).toBe(Object.prototype);
    expect(Object.keys(state!.stamps)).not.toContain('priority');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('sameValue', () => {
  it('compares JSON values structurally with key order ignored', () => {
    expect(sameValue({ utc: 'x', offsetMinutes: 60 }, { offsetMinutes: 60, utc: 'x' })).toBe(true);
    expect(sameValue(['a', 'b'], ['b', 'a'])).toBe(false);
    expect(sameValue(null, undefined)).toBe(false);
    expect(stampAt(T0, 'dev-a') < stampAt(T0, 'dev-b')).toBe(true);
  });
});

describe('concurrent status changes merge into a consistent incident', () => {
  // One device resolves, another puts the incident on hold, offline. Each status change writes all of a status's
  // companion fields, so whichever status wins brings its own companions: no on-hold incident with a resolution.
  it.each([
    ['the hold is later', 2, 3],
    ['the resolution is later', 3, 2],
  ] as const)('resolve on A, hold on B (%s), in either arrival order', (_label, resolveCounter, holdCounter) => {
    const assigned = ok(changeStatus(created().incident, 'assigned', { assignee: 'Sam' }, ctxAt('dev-a', T0 + 10_000))).incident;
    const resolve = ok(changeStatus(assigned, 'resolved', { resolutionCode: 'Fixed', resolutionNotes: 'Breaker reset' }, ctxAt('dev-a', T0 + 60_000, resolveCounter)));
    const hold = ok(changeStatus(assigned, 'on_hold', { holdReason: 'Awaiting vendor' }, ctxAt('dev-b', T0 + 60_000, holdCounter)));
    const ops = [opOf(resolve), opOf(hold)];
    for (const order of [ops, [...ops].reverse()]) {
      const merged = incidentFromState(replay(order, stateFromIncident(assigned)).state!)!;
      if (holdCounter > resolveCounter) expect(merged).toMatchObject({ status: 'on_hold', holdReason: 'Awaiting vendor', resolutionCode: null, resolutionNotes: null });
      else expect(merged).toMatchObject({ status: 'resolved', holdReason: null, resolutionCode: 'Fixed', resolutionNotes: 'Breaker reset' });
    }
  });
});
