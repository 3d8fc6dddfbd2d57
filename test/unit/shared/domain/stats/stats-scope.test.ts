// Narrowing statistics to a site or team: the choices offered and the subjects kept.
import { describe, expect, it } from 'vitest';
import { inScope, scopeChoices, SEED_SLA_POLICIES, WHOLE_SCOPE, type StatsSubject } from '../../../../../shared/domain';

function subject(site: string | null, team: string | null): StatsSubject {
  return { priority: 3, impact: 2, urgency: 2, status: 'new', major: false, exercise: false, category: null, site, team, updatedAtMs: 0, timeline: { createdAtMs: 0, changes: [] }, policy: SEED_SLA_POLICIES[0]! };
}

const subjects = [subject('Main campus › Block B', 'Electrical'), subject('Main campus › Block A', null), subject(null, 'HVAC'), subject('Main campus › Block A', 'Electrical'), subject('Field office', '')];

describe('statistics scope', () => {
  it('offers each site and team that occurs once, sorted, without empty values', () => {
    expect(scopeChoices(subjects)).toEqual({ sites: ['Field office', 'Main campus › Block A', 'Main campus › Block B'], teams: ['Electrical', 'HVAC'] });
  });

  it('keeps the subjects of the chosen site and team, and all of them for the whole scope', () => {
    expect(inScope(subjects, WHOLE_SCOPE)).toBe(subjects);
    expect(inScope(subjects, { site: 'Main campus › Block A', team: null })).toEqual([subjects[1], subjects[3]]);
    expect(inScope(subjects, { site: 'Main campus › Block A', team: 'Electrical' })).toEqual([subjects[3]]);
    expect(inScope(subjects, { site: null, team: 'HVAC' })).toEqual([subjects[2]]);
  });
});
