// isCompleteAtHq gives the same answer as incidentFromState for every state HQ can build from valid operations.
import { describe, expect, it } from 'vitest';
import { incidentFromState, mergeOperation, type IncidentState } from '../../../shared/sync/merge';
import type { Operation } from '../../../shared/sync/operation';
import { isCompleteAtHq } from '../../../server/sync/incident-complete';
import { TestDevice } from './support/test-device';

function states(ops: readonly Operation[]): IncidentState[] {
  const out: IncidentState[] = [];
  let state: IncidentState | undefined;
  for (const op of ops) {
    state = mergeOperation(state, op).state;
    out.push(state);
  }
  return out;
}

describe('isCompleteAtHq', () => {
  it('agrees with incidentFromState: complete after the creation, whatever came before or after it', () => {
    const a = new TestDevice('device-a');
    const create = a.create('Lift stuck between floors', { impact: 1, urgency: 2 });
    const later = [a.note(create.incidentId, 'Fire service called'), a.edit(create.incidentId, { assignee: 'Sam', tags: ['lift'] })];
    // Edits that arrive before the creation (another device's, out of order) leave the incident incomplete.
    for (const state of [...states([...later, create]), ...states([create, ...later])]) {
      expect(isCompleteAtHq(state)).toBe(incidentFromState(state) !== null);
    }
    expect(isCompleteAtHq(states(later).at(-1)!)).toBe(false);
    expect(isCompleteAtHq(states([create]).at(-1)!)).toBe(true);
  });

  it('a state with its creation but a required field missing is incomplete, as incidentFromState says', () => {
    const a = new TestDevice('device-a');
    const [created] = states([a.create('Smoke alarm in server room')]);
    const { title: _title, ...withoutTitle } = created!.fields;
    const broken = { ...created!, fields: withoutTitle };
    expect(incidentFromState(broken)).toBeNull();
    expect(isCompleteAtHq(broken)).toBe(false);
  });
});
