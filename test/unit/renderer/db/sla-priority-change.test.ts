// The list's SLA reads follow the priority history: a breach made under a stricter priority is still found after a downgrade.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { toIncidentRow } from '../../../../renderer/db/incident-row';
import { oldEnough } from '../../../../renderer/db/sla';
import { recordIncident, SEED_SLA_POLICY_SET, type SlaChange } from '../../../../shared/domain';
import { makeCtx, stamp } from '../../shared/domain/fixtures';

const MIN = 60_000;
const T0 = Date.parse('2026-11-23T09:00:00Z');

describe('breaching soon across a priority change', () => {
  it('does not rule out by age an incident whose priority changed', () => {
    const recorded = recordIncident({ title: 'PACS unreachable', impact: 3, urgency: 3 }, 1, 'K7QM', makeCtx({ now: { utc: new Date(T0).toISOString(), offsetMinutes: 0 }, hlc: stamp(T0) }));
    if (!recorded.ok) throw new Error(recorded.error.message);
    const incident = recorded.value.incident;
    // P4 (2 h to own): an hour old is too young to be breaching soon, unless it was P1 for a while.
    expect(oldEnough(toIncidentRow(incident), T0 + 60 * MIN)).toBe(false);
    const changes: SlaChange[] = [
      { atMs: T0 + 44 * MIN, hlc: stamp(T0 + 44 * MIN), levels: { impact: [3, 1], urgency: [3, 1] } },
      { atMs: T0 + 59 * MIN, hlc: stamp(T0 + 59 * MIN), levels: { impact: [1, 3], urgency: [1, 3] } },
    ];
    expect(oldEnough(toIncidentRow(incident, [], { changes, policies: SEED_SLA_POLICY_SET }), T0 + 60 * MIN)).toBe(true);
  });
});
