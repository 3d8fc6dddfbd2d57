// Every reader of the SLA clocks judges by the incident's levels, not its priority number alone, and says under which priority a clock breached.
import { describe, expect, it } from 'vitest';
import {
  applyEscalation,
  dueEscalations,
  editIncident,
  SEED_ESCALATION_RULES,
  SEED_SLA_POLICIES,
  summarizeIncidents,
  type SlaChange,
  type SlaTimeline,
} from '../../../../../shared/domain';
import { makeCtx, recorded, stamp } from '../fixtures';

const MIN = 60_000;
const H = 60 * MIN;
const T0 = Date.parse('2026-11-23T09:00:00Z');
const silver = SEED_SLA_POLICIES.find((p) => p.id === 'silver')!;
const gold = SEED_SLA_POLICIES.find((p) => p.id === 'gold')!;
const ctxAt = (minutes: number) => makeCtx({ now: { utc: new Date(T0 + minutes * MIN).toISOString(), offsetMinutes: 0 }, hlc: stamp(T0 + minutes * MIN) });

describe('statistics with one level changed', () => {
  it('count a resolve breached as P3 before only the urgency was lowered as breached', () => {
    // Impact 2 × urgency 2 (P3, silver 8 h to resolve), owned after 10 min, urgency 2 → 3 (P4) after 9 h: breached at 8 h.
    const changes: SlaChange[] = [
      { atMs: T0 + 10 * MIN, hlc: stamp(T0 + 10 * MIN), to: 'assigned' },
      { atMs: T0 + 9 * H, hlc: stamp(T0 + 9 * H), levels: { urgency: [2, 3] } },
    ];
    const timeline: SlaTimeline = { createdAtMs: T0, changes };
    const subject = {
      priority: 4 as const, impact: 2 as const, urgency: 3 as const, status: 'assigned' as const, major: false, exercise: false,
      category: null, site: null, team: 'Service desk', updatedAtMs: T0 + 9 * H, timeline, policy: silver,
    };
    const stats = summarizeIncidents([subject], { fromMs: T0 - MIN, toMs: T0 + 11 * H, bucketStarts: [] }, T0 + 10 * H);
    expect(stats.backlog.overdue).toBe(1);
  });
});

describe('escalation text after a downgrade', () => {
  it('names the priority the clock breached under with that target', () => {
    // P1 (gold: 15 min to own), nobody owns it; lowered to P3 at 40 minutes: the time to own breached at 15 minutes, as P1.
    const created = recorded({ impact: 1, urgency: 1 }, ctxAt(0));
    const edited = editIncident(created, { impact: 2, urgency: 2 }, ctxAt(40));
    if (!edited.ok) throw new Error(edited.error.message);
    const incident = edited.value.incident;
    const events = [edited.value.event];
    const dues = dueEscalations(incident, events, gold, SEED_ESCALATION_RULES, T0 + 60 * MIN);
    const breach = dues.find((d) => d.rule.clock === 'response' && d.rule.at === 'breached');
    expect(breach?.reason).toMatch(/^Time to own breached as P1 \(Gold, 15 min target\)/);
    // A rule that records an alert quotes the same: the incident is P3 now, the target quoted is P1's.
    const rule = { id: 'own-breach-alert', clock: 'response', at: 'breached', majorOnly: false, action: { kind: 'notify_role', role: 'Duty manager' } } as const;
    const [alert] = dueEscalations(incident, events, gold, [rule], T0 + 60 * MIN);
    const applied = applyEscalation(incident, alert!, { deviceId: 'dev', now: ctxAt(60).now, hlc: stamp(T0 + 60 * MIN, 1) });
    if (!applied.ok) throw new Error(applied.error.message);
    expect(JSON.stringify(applied.value.event)).toContain('P3 Moderate: Time to own breached as P1 (Gold, 15 min target)');
  });
});
