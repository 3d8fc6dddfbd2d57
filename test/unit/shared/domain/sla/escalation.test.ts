// Automatic escalation: rules as data, due once per rule, deterministic UUIDv7 ids, system-authored events.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyEscalation,
  changeStatus,
  deterministicUuidV7,
  dueEscalations,
  escalationEventId,
  escalationRulesSchema,
  isUuidV7,
  SEED_ESCALATION_RULES,
  SEED_SLA_POLICIES,
  SYSTEM_AUTHOR,
  timelineEventSchema,
  type EscalationRule,
  type TimelineEvent,
} from '../../../../../shared/domain';
import { laterCtx, NOW, recorded, stamp } from '../fixtures';

const MIN = 60_000;
const created = Date.parse(NOW.utc);
const gold = SEED_SLA_POLICIES[0]!;
const p1 = () => recorded({ impact: 1, urgency: 1 });
const ctxAt = (minutes: number) => ({ deviceId: 'device-b', now: { utc: new Date(created + minutes * MIN).toISOString(), offsetMinutes: 60 }, hlc: stamp(created + minutes * MIN, 0, 'device-b') });

describe('deterministic ids', () => {
  it('are valid UUIDv7s, equal for equal inputs and different otherwise', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 48 - 1 }), fc.array(fc.string(), { maxLength: 4 }), fc.string({ minLength: 1 }), (time, parts, extra) => {
        const id = deterministicUuidV7(time, parts);
        expect(isUuidV7(id)).toBe(true);
        expect(deterministicUuidV7(time, parts)).toBe(id);
        expect(deterministicUuidV7(time, [...parts, extra])).not.toBe(id);
      }),
    );
    expect(deterministicUuidV7(0, ['ab', 'c'])).not.toBe(deterministicUuidV7(0, ['a', 'bc']));
  });

  it('carry the incident creation time in the timestamp bits', () => {
    const incident = p1();
    const id = escalationEventId(incident, SEED_ESCALATION_RULES[0]!);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(created);
  });
});

describe('dueEscalations', () => {
  it('is empty before a threshold and lists the breach rule once reached', () => {
    const incident = p1();
    expect(dueEscalations(incident, [], gold, SEED_ESCALATION_RULES, created + 10 * MIN)).toEqual([]);
    const due = dueEscalations(incident, [], gold, SEED_ESCALATION_RULES, created + 16 * MIN);
    expect(due.map((d) => d.rule.id)).toEqual(['response-breach-team-lead']);
    const later = dueEscalations(incident, [], gold, SEED_ESCALATION_RULES, created + 61 * MIN);
    expect(later.map((d) => d.rule.id)).toEqual(['response-breach-team-lead', 'resolve-breach-duty-manager', 'p1-resolve-warn75-commander']);
  });

  it('two offline devices make the same event, and nothing more once it is on the timeline', () => {
    const incident = p1();
    const [onA] = dueEscalations(incident, [], gold, SEED_ESCALATION_RULES, created + 20 * MIN);
    const [onB] = dueEscalations(incident, [], gold, SEED_ESCALATION_RULES, created + 25 * MIN);
    expect(onA!.id).toBe(onB!.id);
    const made = applyEscalation(incident, onA!, ctxAt(20));
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    expect(made.value.event).toMatchObject({ id: onA!.id, kind: 'escalated', level: 'hierarchical', target: 'Team lead', author: SYSTEM_AUTHOR });
    expect(timelineEventSchema.safeParse(made.value.event).success).toBe(true);
    expect(dueEscalations(made.value.incident, [made.value.event], gold, SEED_ESCALATION_RULES, created + 30 * MIN)).toEqual([]);
  });

  it('skips stopped clocks, closed incidents and rules for other priorities', () => {
    const incident = p1();
    const assigned = changeStatus(incident, 'assigned', { assignee: 'Ana' }, laterCtx());
    if (!assigned.ok) throw new Error(assigned.error.message);
    const events: TimelineEvent[] = [assigned.value.event];
    // Assigned 60 min after creation: the response breach happened but the clock stopped; only resolve rules remain.
    const due = dueEscalations(assigned.value.incident, events, gold, SEED_ESCALATION_RULES, created + 120 * MIN);
    expect(due.map((d) => d.rule.id)).toEqual(['resolve-breach-duty-manager', 'p1-resolve-warn75-commander']);
    const p4 = recorded();
    expect(dueEscalations(p4, [], gold, SEED_ESCALATION_RULES, created + 10_000 * MIN).map((d) => d.rule.id)).not.toContain('p1-resolve-warn75-commander');
  });

  it('raises priority and notifies a role through ordinary, valid timeline events', () => {
    const rules: EscalationRule[] = [
      { id: 'raise', clock: 'response', at: 'warn50', majorOnly: false, action: { kind: 'raise_priority' } },
      { id: 'tell', clock: 'response', at: 'warn50', majorOnly: false, action: { kind: 'notify_role', role: 'Duty manager' } },
    ];
    expect(escalationRulesSchema.safeParse(rules).success).toBe(true);
    const incident = recorded({ impact: 2, urgency: 2 });
    const [raise, tell] = dueEscalations(incident, [], gold, rules, created + 60 * MIN);
    const raised = applyEscalation(incident, raise!, ctxAt(60));
    expect(raised.ok && raised.value.incident.urgency).toBe(1);
    expect(raised.ok && raised.value.event.id).toBe(raise!.id);
    const told = applyEscalation(incident, tell!, ctxAt(60));
    expect(told.ok && told.value.event).toMatchObject({ kind: 'communication', to: 'Duty manager', author: SYSTEM_AUTHOR, id: tell!.id });
  });
});
