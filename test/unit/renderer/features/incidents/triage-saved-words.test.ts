// What an impact or urgency edit says: the new priority from the matrix, and its resolve target under the incident's policy.
import { describe, expect, it } from 'vitest';
import { SEED_SLA_POLICIES } from '../../../../../shared/domain';
import { triageSavedText } from '../../../../../renderer/features/incidents/triage-saved-words';

const gold = SEED_SLA_POLICIES[0]!;
const silver = SEED_SLA_POLICIES[1]!;

describe('triageSavedText', () => {
  it('says the new priority and its resolve target: P1 to P2 under Gold is a 2h target', () => {
    // Impact 1 × urgency 2 is P2 in the default matrix; Gold resolves a P2 in 2 hours.
    expect(triageSavedText('Urgency', 1, 2, 1, gold)).toBe('Urgency saved. Priority now P2 High, resolve target 2h.');
    expect(triageSavedText('Impact', 3, 3, 3, silver)).toBe('Impact saved. Priority now P4 Low, resolve target 16h.');
  });

  it('says the priority alone while the policies are not read, rather than guess a target', () => {
    expect(triageSavedText('Impact', 2, 1, 3)).toBe('Impact saved. Priority now P2 High.');
  });

  it('says the priority stays when the matrix gives the same one', () => {
    // 3×2 and 3×3 are both P4.
    expect(triageSavedText('Urgency', 3, 3, 4, gold)).toBe('Urgency saved. Priority stays P4 Low.');
  });
});
