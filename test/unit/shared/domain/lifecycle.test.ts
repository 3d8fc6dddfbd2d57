// Tests for lifecycle.ts: the default transition table against DOMAIN.md, required fields and reference lists.
import { describe, expect, it } from 'vitest';
import {
  allowedTransitions,
  checkTransition,
  DEFAULT_TRANSITION_REFERENCE,
  DEFAULT_TRANSITIONS,
  type TransitionField,
  type TransitionInput,
  type TransitionTable,
} from '../../../../shared/domain/lifecycle';
import { DEFAULT_HOLD_REASONS, DEFAULT_RESOLUTION_CODES, STATUS_LABELS, STATUSES, type Status } from '../../../../shared/domain/status';

/**
 * DOMAIN.md's lifecycle written out independently of the code: an owner is needed to work an incident,
 * on hold needs a reason, resolved needs code + notes, cancelled needs a reason, resolved can be closed
 * or reopened (with a reason), closed and cancelled are terminal. Work resumed or reopened needs an owner too (the
 * incident may have gone on hold or been resolved while nobody owned it; changeStatus counts the current owner).
 */
const EXPECTED: Record<Status, Partial<Record<Status, TransitionField[]>>> = {
  new: {
    assigned: ['assignment'],
    in_progress: ['assignment'],
    on_hold: ['assignment', 'holdReason'],
    resolved: ['resolutionCode', 'resolutionNotes'],
    cancelled: ['cancelReason'],
  },
  assigned: { in_progress: [], on_hold: ['holdReason'], resolved: ['resolutionCode', 'resolutionNotes'], cancelled: ['cancelReason'] },
  in_progress: { assigned: ['assignment'], on_hold: ['holdReason'], resolved: ['resolutionCode', 'resolutionNotes'], cancelled: ['cancelReason'] },
  on_hold: {
    in_progress: ['assignment'],
    assigned: ['assignment'],
    resolved: ['resolutionCode', 'resolutionNotes'],
    cancelled: ['cancelReason'],
  },
  resolved: { closed: [], in_progress: ['reopenReason', 'assignment'] },
  closed: {},
  cancelled: {},
};

const FULL_INPUT: Required<TransitionInput> = {
  assignee: 'Sam Okafor',
  team: 'Facilities',
  holdReason: 'Awaiting parts',
  resolutionCode: 'Hardware repaired',
  resolutionNotes: 'Replaced the starter battery on generator B.',
  cancelReason: 'Logged in error',
  duplicateOf: '0190f5c2-7a1b-7c3d-8e4f-a1b2c3d4e5f6',
  reopenReason: 'Generator failed again under load',
};

/** The input with one required field taken away ('assignment' takes away both assignee and team). */
function without(field: TransitionField): TransitionInput {
  const input: TransitionInput = { ...FULL_INPUT };
  if (field === 'assignment') {
    delete input.assignee;
    delete input.team;
  } else delete input[field];
  return input;
}

const allPairs = STATUSES.flatMap((from) => STATUSES.map((to) => [from, to] as const));
const allowedPairs = allPairs.filter(([from, to]) => EXPECTED[from][to] !== undefined);
const refusedPairs = allPairs.filter(([from, to]) => EXPECTED[from][to] === undefined);

describe('the default transition table', () => {
  it('matches DOMAIN.md exactly (targets and required fields)', () => {
    for (const from of STATUSES) {
      const actual = Object.fromEntries(DEFAULT_TRANSITIONS[from].map((rule) => [rule.to, [...rule.requires].sort()]));
      const expected = Object.fromEntries(Object.entries(EXPECTED[from]).map(([to, fields]) => [to, [...fields].sort()]));
      expect(actual, `transitions from ${from}`).toEqual(expected);
    }
  });

  it('has a verb for every button and no duplicate targets', () => {
    for (const from of STATUSES) {
      const targets = DEFAULT_TRANSITIONS[from].map((r) => r.to);
      expect(new Set(targets).size).toBe(targets.length);
      for (const rule of DEFAULT_TRANSITIONS[from]) expect(rule.action.trim().length).toBeGreaterThan(0);
    }
  });

  it('reaches every status from new and lets every open incident end (resolved → closed, or cancelled)', () => {
    const reachable = new Set<Status>(['new']);
    for (let changed = true; changed; ) {
      changed = false;
      for (const from of [...reachable]) {
        for (const rule of DEFAULT_TRANSITIONS[from]) {
          if (!reachable.has(rule.to)) {
            reachable.add(rule.to);
            changed = true;
          }
        }
      }
    }
    expect([...reachable].sort()).toEqual([...STATUSES].sort());
    const canEnd = (from: Status, seen = new Set<Status>()): boolean =>
      from === 'closed' || from === 'cancelled' || DEFAULT_TRANSITIONS[from].some((r) => !seen.has(r.to) && canEnd(r.to, new Set([...seen, from])));
    for (const status of STATUSES) expect(canEnd(status), `${status} can reach an end`).toBe(true);
  });

  it('makes closed and cancelled terminal', () => {
    expect(allowedTransitions('closed')).toEqual([]);
    expect(allowedTransitions('cancelled')).toEqual([]);
  });

  it('allowedTransitions reads a custom table', () => {
    const table: TransitionTable = { ...DEFAULT_TRANSITIONS, new: [{ to: 'closed', action: 'Close', requires: [] }] };
    expect(allowedTransitions('new', table).map((r) => r.to)).toEqual(['closed']);
  });
});

describe('checkTransition', () => {
  it.each(allowedPairs)('%s → %s works with its required fields', (from, to) => {
    const result = checkTransition(from, to, FULL_INPUT);
    expect(result).toEqual({ ok: true, rule: expect.objectContaining({ to }) });
  });

  it.each(allowedPairs.flatMap(([from, to]) => EXPECTED[from][to]!.map((field) => [from, to, field] as const)))(
    '%s → %s without %s is refused as missing-field',
    (from, to, field) => {
      const result = checkTransition(from, to, without(field));
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('missing-field');
      expect(result.error.field).toBe(field);
      expect(result.error.message.length).toBeGreaterThan(10);
    },
  );

  it.each(allowedPairs.flatMap(([from, to]) => EXPECTED[from][to]!.map((field) => [from, to, field] as const)))(
    '%s → %s with a blank %s is refused as missing-field',
    (from, to, field) => {
      const blank: TransitionInput = { ...FULL_INPUT };
      if (field === 'assignment') Object.assign(blank, { assignee: '  ', team: '\t' });
      else blank[field] = '   ';
      const result = checkTransition(from, to, blank);
      expect(result).toMatchObject({ ok: false, error: { code: 'missing-field', field } });
    },
  );

  it.each(refusedPairs)('%s → %s is not allowed, with a message naming both statuses', (from, to) => {
    const result = checkTransition(from, to, FULL_INPUT);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('not-allowed');
    expect(result.error.field).toBeUndefined();
    expect(result.error.message).toContain(`from ${STATUS_LABELS[from]} to ${STATUS_LABELS[to]}`);
  });

  it('tells the person where the incident can go instead, or that it is final', () => {
    const fromNew = checkTransition('new', 'closed', FULL_INPUT);
    expect(!fromNew.ok && fromNew.error.message).toBe(
      'An incident cannot go from New to Closed. From New it can go to: Assigned, In progress, On hold, Resolved, Cancelled.',
    );
    const fromClosed = checkTransition('closed', 'in_progress', FULL_INPUT);
    expect(!fromClosed.ok && fromClosed.error.message).toBe('An incident cannot go from Closed to In progress. Closed is final.');
  });

  it('accepts a person or a team as the assignment', () => {
    expect(checkTransition('new', 'assigned', { assignee: 'Sam' }).ok).toBe(true);
    expect(checkTransition('new', 'assigned', { team: 'Network' }).ok).toBe(true);
  });

  it.each([
    ['holdReason', 'on_hold', { holdReason: 'Waiting for Godot' }],
    ['resolutionCode', 'resolved', { resolutionCode: 'Magic', resolutionNotes: 'It went away' }],
  ] as const)('refuses an unknown %s as invalid-value, quoting it', (field, to, input) => {
    const result = checkTransition('in_progress', to, input);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-value', field } });
    expect(!result.ok && result.error.message).toContain(Object.values(input)[0]);
  });

  it('clips a huge unknown value in the message', () => {
    const result = checkTransition('in_progress', 'on_hold', { holdReason: 'x'.repeat(10_000) });
    expect(!result.ok && result.error.message.length).toBeLessThan(200);
  });

  it('accepts every default hold reason and resolution code, also with stray spaces from a form', () => {
    for (const holdReason of DEFAULT_HOLD_REASONS) {
      expect(checkTransition('assigned', 'on_hold', { holdReason }).ok).toBe(true);
      expect(checkTransition('assigned', 'on_hold', { holdReason: ` ${holdReason}  ` }).ok).toBe(true);
    }
    for (const resolutionCode of DEFAULT_RESOLUTION_CODES) {
      expect(checkTransition('in_progress', 'resolved', { resolutionCode, resolutionNotes: 'done' }).ok).toBe(true);
      expect(checkTransition('in_progress', 'resolved', { resolutionCode: `${resolutionCode} `, resolutionNotes: 'done' }).ok).toBe(true);
    }
  });

  it('compares reference values exactly otherwise (case matters)', () => {
    expect(checkTransition('assigned', 'on_hold', { holdReason: 'awaiting parts' })).toMatchObject({ ok: false, error: { code: 'invalid-value' } });
  });

  it('uses custom reference lists instead of the defaults', () => {
    const ref = { ...DEFAULT_TRANSITION_REFERENCE, holdReasons: ['Awaiting fuel delivery'], resolutionCodes: ['Generator swapped'] };
    expect(checkTransition('assigned', 'on_hold', { holdReason: 'Awaiting fuel delivery' }, ref).ok).toBe(true);
    expect(checkTransition('assigned', 'on_hold', { holdReason: 'Awaiting parts' }, ref)).toMatchObject({ ok: false, error: { code: 'invalid-value' } });
    expect(checkTransition('assigned', 'resolved', { resolutionCode: 'Generator swapped', resolutionNotes: 'ok' }, ref).ok).toBe(true);
    expect(checkTransition('assigned', 'resolved', { resolutionCode: 'Fixed', resolutionNotes: 'ok' }, ref)).toMatchObject({
      ok: false,
      error: { code: 'invalid-value', field: 'resolutionCode' },
    });
  });

  it('uses a custom transition table', () => {
    const transitions: TransitionTable = { ...DEFAULT_TRANSITIONS, resolved: [], new: [{ to: 'closed', action: 'Close', requires: ['cancelReason'] }] };
    const ref = { ...DEFAULT_TRANSITION_REFERENCE, transitions };
    expect(checkTransition('new', 'closed', { cancelReason: 'Drill' }, ref).ok).toBe(true);
    expect(checkTransition('new', 'closed', {}, ref)).toMatchObject({ ok: false, error: { code: 'missing-field', field: 'cancelReason' } });
    expect(checkTransition('new', 'assigned', FULL_INPUT, ref)).toMatchObject({ ok: false, error: { code: 'not-allowed' } });
    expect(checkTransition('resolved', 'closed', FULL_INPUT, ref)).toMatchObject({ ok: false, error: { code: 'not-allowed' } });
  });

  it('reports the first missing field of a rule in order (code before notes)', () => {
    expect(checkTransition('in_progress', 'resolved', {})).toMatchObject({ ok: false, error: { field: 'resolutionCode' } });
    expect(checkTransition('in_progress', 'resolved', { resolutionCode: 'Fixed' })).toMatchObject({ ok: false, error: { field: 'resolutionNotes' } });
  });

  it('does not crash on a status from damaged or newer data, or on non-string input', () => {
    const result = checkTransition('archived' as Status, 'closed', FULL_INPUT);
    expect(result).toMatchObject({ ok: false, error: { code: 'not-allowed' } });
    expect(!result.ok && result.error.message).toContain('"archived"');
    expect(checkTransition('new', 'assigned', { assignee: 42 as unknown as string })).toMatchObject({ ok: false, error: { code: 'missing-field' } });
  });
});
