// The escalation memo forgets its "nothing due before" time when any field that can decide an escalation changes, also by a merge of an older edit.
import { describe, expect, it } from 'vitest';
import { toIncidentRow, type IncidentRow } from '../../../../../renderer/db/incident-row';
import { createEscalationMemo } from '../../../../../renderer/features/notifications/escalation-memo';
import { recordIncident, SEED_SLA_POLICIES, type Incident } from '../../../../../shared/domain';
import { ctxAt, ok, stampAt } from '../../../shared/sync/support/ops';

const T0 = Date.parse('2026-11-28T10:00:00Z');
const policy = SEED_SLA_POLICIES[0]!;

function incident(): Incident {
  return ok(recordIncident({ title: 'Chiller 2 tripped', impact: 3, urgency: 3 }, 1, 'K7QM', ctxAt('devA', T0))).incident;
}

describe('escalation memo', () => {
  it('does not skip a row whose urgency changed by a merge that moved neither updatedAt nor the newest stamp', () => {
    const before = incident();
    const newest = stampAt(T0 + 10_000, 'devA');
    // Laptop A edited the title at 10:00:10; laptop B raised urgency at 10:00:05, merged here afterwards.
    const seen: IncidentRow = toIncidentRow({ ...before, stamps: { ...before.stamps, title: newest }, updatedAt: new Date(T0 + 10_000).toISOString() });
    const memo = createEscalationMemo();
    memo.beginPass();
    memo.remember(seen, policy, Number.POSITIVE_INFINITY);
    expect(memo.skips(seen, policy, T0 + 60_000)).toBe(true);
    const merged: IncidentRow = {
      ...seen,
      urgency: 1,
      impact: 1,
      priority: 1,
      stamps: { ...seen.stamps, urgency: stampAt(T0 + 5_000, 'devB'), impact: stampAt(T0 + 5_000, 'devB') },
    };
    expect(memo.skips(merged, policy, T0 + 60_000)).toBe(false);
  });
});
