// An automatic alert (a notify_role rule's entry) is no stakeholder update: the "next update due" clock ignores it.
import { describe, expect, it } from 'vitest';
import {
  applyEscalation,
  dueEscalations,
  lastStakeholderUpdateAt,
  logCommunication,
  nextStakeholderUpdateDue,
  SEED_ESCALATION_RULES,
  SEED_SLA_POLICIES,
  type TimelineEvent,
} from '../../../../../shared/domain';
import { makeCtx, NOW, recorded, stamp } from '../fixtures';

const MIN = 60_000;
const created = Date.parse(NOW.utc);

/** A P1 incident at 50 minutes, when the seed rule records an alert for the incident commander, as the runner writes it. */
function alertAt50(incident = recorded({ impact: 1, urgency: 1, major: true }), events: readonly TimelineEvent[] = []) {
  const due = dueEscalations(incident, events, SEED_SLA_POLICIES[0]!, SEED_ESCALATION_RULES, created + 50 * MIN).find((d) => d.rule.action.kind === 'notify_role');
  if (!due) throw new Error('expected the commander alert to be due');
  const now = { utc: new Date(created + 50 * MIN).toISOString(), offsetMinutes: 60 };
  const result = applyEscalation(incident, due, { deviceId: 'device-b', now, hlc: stamp(created + 50 * MIN, 0, 'device-b') });
  if (!result.ok) throw new Error(result.error.message);
  return { incident: result.value.incident, alert: result.value.event };
}

describe('the stakeholder-update clock and automatic alerts', () => {
  it('an alert alone leaves the next update due from the recording', () => {
    const { alert } = alertAt50();
    expect(alert).toMatchObject({ kind: 'communication', direction: 'outgoing', channel: 'Lantern notification' });
    expect(lastStakeholderUpdateAt([alert])).toBeNull();
    expect(nextStakeholderUpdateDue(lastStakeholderUpdateAt([alert]), created, 30)).toBe(created + 30 * MIN);
  });

  it('an alert after an update by a person does not move the update it counts from', () => {
    const at20 = created + 20 * MIN;
    const ctx = makeCtx({ now: { utc: new Date(at20).toISOString(), offsetMinutes: 60 }, hlc: stamp(at20, 0) });
    const told = logCommunication(recorded({ impact: 1, urgency: 1, major: true }), { direction: 'outgoing', from: 'Ana', to: 'Ward 3', channel: 'Phone', message: 'Power back at 14:00' }, ctx);
    if (!told.ok) throw new Error(told.error.message);
    const { alert } = alertAt50(told.value.incident, [told.value.event]);
    expect(lastStakeholderUpdateAt([told.value.event, alert])).toBe(at20);
    expect(nextStakeholderUpdateDue(lastStakeholderUpdateAt([told.value.event, alert]), created, 30)).toBe(at20 + 30 * MIN);
  });
});
