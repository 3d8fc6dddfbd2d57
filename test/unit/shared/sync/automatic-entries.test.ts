// Two copies of one automatic entry: the highest stamp stays; people's entries are never replaced.
import { describe, expect, it } from 'vitest';
import { SYSTEM_AUTHOR } from '../../../../shared/domain';
import { isAutomaticEntry, replacesAutomaticCopy } from '../../../../shared/sync/automatic-entries';

const lower = { author: SYSTEM_AUTHOR, hlc: '0001970000000:0000:laptop-a', incidentId: 'incident-1' };
const higher = { author: SYSTEM_AUTHOR, hlc: '0001970000000:0001:laptop-b', incidentId: 'incident-1' };

describe('automatic entries written apart', () => {
  it('the copy with the higher stamp replaces the other, whichever arrives first', () => {
    expect(replacesAutomaticCopy(lower, higher)).toBe(true);
    expect(replacesAutomaticCopy(higher, lower)).toBe(false);
    expect(replacesAutomaticCopy(higher, higher)).toBe(false);
    // Never across incidents: an id filed under another incident is no copy of this entry.
    expect(replacesAutomaticCopy(lower, { ...higher, incidentId: 'incident-2' })).toBe(false);
  });

  it("never touches a person's entry, even one signed with Lantern's name and a position", () => {
    const person = { author: { name: 'Ana Ruiz' }, hlc: higher.hlc, incidentId: 'incident-1' };
    const lookalike = { author: { ...SYSTEM_AUTHOR, position: 'Unit Leader' }, hlc: higher.hlc, incidentId: 'incident-1' };
    expect(isAutomaticEntry(person)).toBe(false);
    expect(isAutomaticEntry(lookalike)).toBe(false);
    expect(replacesAutomaticCopy(lower, person)).toBe(false);
    expect(replacesAutomaticCopy({ ...person, hlc: lower.hlc }, higher)).toBe(false);
    expect(replacesAutomaticCopy(lower, lookalike)).toBe(false);
  });
});
