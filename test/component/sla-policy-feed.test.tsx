// The page keeps the scheduler on the stored SLA policies: sent default-first before the watches, again on every edit.
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository, ensureDevice, openLanternDb, type LanternDb } from '../../renderer/db';
import { editSlaPolicies } from '../../renderer/db/sla-policies';
import { startNotifications } from '../../renderer/features/notifications';
import { createBrowserHost } from '../../renderer/host/browser-host';
import type { WatchUpdate } from '../../renderer/host/host-notifications';
import { replacePolicy, setDefaultPolicy, setSitePolicy, type SlaPolicy } from '../../shared/domain';
import { fakeNotifications } from './support/fake-notifications';

let db: LanternDb | null = null;
let stop: (() => void) | null = null;
afterEach(() => {
  stop?.();
  db?.close();
  stop = null;
  db = null;
});

function recorder() {
  const log: ({ kind: 'policies'; ids: string[]; policies: readonly SlaPolicy[] } | { kind: 'watch'; update: WatchUpdate })[] = [];
  const notifications = fakeNotifications({
    setPolicies: async (policies) => void log.push({ kind: 'policies', ids: policies.map((p) => p.id), policies }),
    watch: async (update) => void log.push({ kind: 'watch', update }),
  });
  return { notifications, log };
}

const watchedPolicies = (log: ReturnType<typeof recorder>['log']) =>
  log.flatMap((entry) => (entry.kind === 'watch' ? entry.update.watches.map((w) => [w.title, w.policyId]) : []));

describe('SLA policy feed', { timeout: 15_000 }, () => {
  it('sends the stored policies before the watches, and resolves each watch to its policy', async () => {
    db = openLanternDb(`sla-feed-${Math.random().toString(36).slice(2)}`);
    await ensureDevice(db);
    const repo = createIncidentRepository(db);
    await repo.record({ title: 'At the field office', site: ['Field office'] });
    await editSlaPolicies(db, (set) => setSitePolicy(set, 'Field office', 'silver'));
    const { notifications, log } = recorder();
    stop = startNotifications({ db, notifications, sync: createBrowserHost().sync });
    await expect.poll(() => watchedPolicies(log)).toEqual([['At the field office', 'silver']]);
    expect(log[0]).toMatchObject({ kind: 'policies', ids: ['gold', 'silver', 'bronze'] });

    // A target edit reaches the scheduler (which re-plans); the ids did not move, so no watch is resent.
    log.length = 0;
    await editSlaPolicies(db, (set) => replacePolicy(set, { ...set.policies[1]!, warnPercents: [40, 80] }));
    await expect.poll(() => log.length).toBe(1);
    expect(log[0]).toMatchObject({ kind: 'policies', ids: ['gold', 'silver', 'bronze'] });
    expect((log[0] as { policies: readonly SlaPolicy[] }).policies[1]!.warnPercents).toEqual([40, 80]);

    // A new default and a removed site mapping move the incident: its watch goes again with the new id.
    log.length = 0;
    await editSlaPolicies(db, (set) => setDefaultPolicy(set, 'bronze'));
    await editSlaPolicies(db, (set) => setSitePolicy(set, 'Field office', null));
    await expect.poll(() => watchedPolicies(log).at(-1)).toEqual(['At the field office', 'bronze']);
    expect(log.find((entry) => entry.kind === 'policies')).toMatchObject({ ids: ['bronze', 'gold', 'silver'] });
  });
});
