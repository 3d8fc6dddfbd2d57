// Which SLA policy applies (incident → site → default), the policy-set schema, and the edit rules of Settings → SLA policies.
import { describe, expect, it } from 'vitest';
import {
  addPolicy,
  deletePolicy,
  duplicatePolicy,
  policiesDefaultFirst,
  replacePolicy,
  resolveSlaPolicy,
  resolveSlaPolicyDetail,
  SEED_SLA_POLICIES,
  SEED_SLA_POLICY_SET,
  setDefaultPolicy,
  setSitePolicy,
  slaPolicySchema,
  slaPolicySetSchema,
  weekdayCalendar,
  type SlaPolicySet,
} from '../../../../../shared/domain';

const [gold, silver, bronze] = SEED_SLA_POLICIES as [typeof SEED_SLA_POLICIES[0], typeof SEED_SLA_POLICIES[0], typeof SEED_SLA_POLICIES[0]];
const set: SlaPolicySet = {
  policies: [...SEED_SLA_POLICIES],
  assignment: { defaultPolicyId: 'silver', sitePolicies: [{ site: 'Main campus', policyId: 'bronze' }, { site: 'Main campus › Plant room', policyId: 'gold' }] },
};

describe('resolveSlaPolicy', () => {
  it('uses the incident override first, then the most specific mapped site, then the default', () => {
    expect(resolveSlaPolicyDetail({ site: ['Main campus', 'Block A'], slaPolicyId: 'gold' }, set)).toEqual({ policy: gold, source: 'incident' });
    expect(resolveSlaPolicyDetail({ site: ['Main campus', 'Plant room', 'Boiler'] }, set)).toEqual({ policy: gold, source: 'site', site: 'Main campus › Plant room' });
    expect(resolveSlaPolicyDetail({ site: ['Main campus', 'Block A'], slaPolicyId: null }, set)).toEqual({ policy: bronze, source: 'site', site: 'Main campus' });
    expect(resolveSlaPolicyDetail({ site: ['Field office'] }, set)).toEqual({ policy: silver, source: 'default' });
    expect(resolveSlaPolicy({ site: [] }, set)).toBe(silver);
  });

  it('skips ids this device does not have (deleted here, or chosen on another device)', () => {
    expect(resolveSlaPolicyDetail({ site: ['Main campus'], slaPolicyId: 'platinum' }, set)).toEqual({ policy: bronze, source: 'site', site: 'Main campus' });
    const broken = { ...set, assignment: { defaultPolicyId: 'gone', sitePolicies: [{ site: 'Field office', policyId: 'gone' }] } };
    expect(resolveSlaPolicy({ site: ['Field office'], slaPolicyId: 'gone' }, broken)).toBe(gold);
    expect(resolveSlaPolicy({ site: [] }, { policies: [], assignment: broken.assignment } as unknown as SlaPolicySet)).toBe(gold);
  });

  it('lists the default first for the notification service', () => {
    expect(policiesDefaultFirst(set).map((p) => p.id)).toEqual(['silver', 'gold', 'bronze']);
    expect(policiesDefaultFirst(SEED_SLA_POLICY_SET).map((p) => p.id)).toEqual(['gold', 'silver', 'bronze']);
  });
});

describe('policy validation', () => {
  const issue = (value: unknown) => slaPolicySchema.safeParse(value).error?.issues[0]?.message;
  it('refuses bad policies with a message a person understands', () => {
    expect(issue({ ...gold, name: '  ' })).toBe('Name the policy');
    expect(issue({ ...gold, warnPercents: [50, 100] })).toMatch(/below 100 %/);
    expect(issue({ ...gold, warnPercents: [75, 50] })).toMatch(/second warning must come after the first/);
    expect(issue({ ...gold, targets: { ...gold.targets, P3: { responseMinutes: -1, resolveMinutes: 60 } } })).toMatch(/at least one minute/);
    expect(issue({ ...gold, calendar: { ...weekdayCalendar('UTC'), windows: [{ days: ['mon'], from: '18:00', to: '08:00' }] } })).toMatch(/end after it starts/);
    expect(issue({ ...gold, calendar: weekdayCalendar('Atlantis/Capital') })).toMatch(/Unknown time zone/);
    expect(issue({ ...gold, calendar: weekdayCalendar('Europe/Berlin') })).toBeUndefined();
  });

  it('checks that the default and every mapped site name an existing policy', () => {
    expect(slaPolicySetSchema.safeParse(set).success).toBe(true);
    expect(slaPolicySetSchema.safeParse({ ...set, assignment: { ...set.assignment, defaultPolicyId: 'platinum' } }).error?.issues[0]?.message).toMatch(/default policy/);
    expect(slaPolicySetSchema.safeParse({ ...set, assignment: { ...set.assignment, sitePolicies: [{ site: 'Field office', policyId: 'platinum' }] } }).success).toBe(false);
    expect(slaPolicySetSchema.safeParse({ ...set, assignment: { ...set.assignment, sitePolicies: [{ site: 'A', policyId: 'gold' }, { site: 'A', policyId: 'silver' }] } }).success).toBe(false);
  });
});

describe('policy edits', () => {
  const value = (result: ReturnType<typeof addPolicy>) => {
    if (!result.ok) throw new Error(result.message);
    return result.value;
  };

  it('adds and duplicates with fresh ids, and replaces targets', () => {
    const added = value(addPolicy(set, 'Night shift'));
    expect(added.policies.at(-1)).toMatchObject({ id: 'night-shift', name: 'Night shift', targets: gold.targets });
    const twice = value(duplicatePolicy(value(duplicatePolicy(set, 'gold')), 'gold'));
    expect(twice.policies.slice(3).map((p) => [p.id, p.name])).toEqual([['gold-copy', 'Gold (copy)'], ['gold-copy-2', 'Gold (copy)']]);
    const faster = value(replacePolicy(set, { ...silver, targets: { ...silver.targets, P1: { responseMinutes: 5, resolveMinutes: 30 } } }));
    expect(faster.policies[1]!.targets.P1).toEqual({ responseMinutes: 5, resolveMinutes: 30 });
    expect(addPolicy(set, '  ')).toEqual({ ok: false, message: 'Name the policy' });
    expect(replacePolicy(set, { ...silver, warnPercents: [90, 99], targets: { ...silver.targets, P1: { responseMinutes: 0, resolveMinutes: 30 } } }).ok).toBe(false);
  });

  it('never deletes the default, a policy a site uses, or the last policy', () => {
    expect(deletePolicy(set, 'silver')).toEqual({ ok: false, message: 'Silver is the default policy. Make another policy the default first.' });
    expect(deletePolicy(set, 'bronze')).toEqual({ ok: false, message: 'Bronze is used by Main campus. Map that site to another policy first.' });
    const unmapped = value(setSitePolicy(set, 'Main campus', null));
    expect(value(deletePolicy(unmapped, 'bronze')).policies.map((p) => p.id)).toEqual(['gold', 'silver']);
    const single = { policies: [gold], assignment: { defaultPolicyId: 'gold', sitePolicies: [] } };
    expect(deletePolicy(single, 'gold')).toEqual({ ok: false, message: 'Keep at least one SLA policy.' });
  });

  it('sets the default and site mappings only to existing policies', () => {
    expect(value(setDefaultPolicy(set, 'gold')).assignment.defaultPolicyId).toBe('gold');
    expect(setDefaultPolicy(set, 'platinum').ok).toBe(false);
    expect(value(setSitePolicy(set, 'Field office', 'silver')).assignment.sitePolicies).toContainEqual({ site: 'Field office', policyId: 'silver' });
    expect(value(setSitePolicy(set, 'Main campus', 'silver')).assignment.sitePolicies.filter((e) => e.site === 'Main campus')).toEqual([{ site: 'Main campus', policyId: 'silver' }]);
    expect(setSitePolicy(set, 'Field office', 'platinum').ok).toBe(false);
  });
});
