// WatchCache: renderer-pushed watches resolved to policies, feeding the scheduler as its incident source.
import { describe, expect, it } from 'vitest';
import { WatchCache } from '../../../../shared/notifications/watch-cache';
import { SEED_SLA_POLICIES, type SlaWatch } from '../../../../shared/domain';

const base: SlaWatch = { id: 'a', number: 'K7QM-0001', title: 'Pump', priority: 2, major: false, status: 'new', assignee: null, policyId: 'silver', createdAtMs: 0, changes: [], lastUpdateAt: null, updateEveryMinutes: null };

describe('WatchCache', () => {
  it('resolves the policy by id, falls back to the first, and forgets removed incidents', async () => {
    const cache = new WatchCache(SEED_SLA_POLICIES);
    expect(cache.put([base, { ...base, id: 'b', policyId: 'platinum' }])).toEqual(['a', 'b']);
    const [a, b] = await cache.get(['a', 'b', 'zzz']);
    expect(a!.policy.id).toBe('silver');
    expect(b!.policy.id).toBe('gold');
    expect(a!.sla).toEqual({ createdAtMs: 0, changes: [] });
    cache.remove(['a']);
    expect((await cache.get(['a', 'b'])).map((w) => w.id)).toEqual(['b']);
    expect(cache.setPolicies([SEED_SLA_POLICIES[2]!])).toEqual(['b']);
    expect((await cache.get(['b']))[0]!.policy.id).toBe('bronze');
    expect(() => new WatchCache([])).toThrow();
  });
});
