// A notify_role rule records a fact (an automatic alert, for whom), never a message "sent" or an "escalation".
import { describe, expect, it } from 'vitest';
import {
  applyEscalation,
  automaticAlertText,
  dueEscalations,
  logCommunication,
  SEED_ESCALATION_RULES,
  SEED_SLA_POLICIES,
  SYSTEM_AUTHOR,
  timelineEventSchema,
  type TimelineEvent,
} from '../../../../../shared/domain';
import { NOW, recorded, stamp } from '../fixtures';

const MIN = 60_000;
const created = Date.parse(NOW.utc);
const gold = SEED_SLA_POLICIES[0]!;
const ctxAt = (minutes: number) => ({ deviceId: 'device-b', now: { utc: new Date(created + minutes * MIN).toISOString(), offsetMinutes: 60 }, hlc: stamp(created + minutes * MIN, 0, 'device-b') });

function commanderAlert(commander: string | null): TimelineEvent {
  const incident = { ...recorded({ impact: 1, urgency: 1 }), commander };
  const due = dueEscalations(incident, [], gold, SEED_ESCALATION_RULES, created + 50 * MIN).find((d) => d.rule.id === 'p1-resolve-warn75-commander')!;
  const result = applyEscalation(incident, due, ctxAt(50));
  if (!result.ok) throw new Error(result.error.message);
  expect(timelineEventSchema.safeParse(result.value.event).success).toBe(true);
  return result.value.event;
}

describe('the incident-commander rule', () => {
  it('records that nobody was named yet, and does not call it an escalation', () => {
    const event = commanderAlert(null);
    expect(event).toMatchObject({ kind: 'communication', to: 'Incident commander (none named yet)', author: SYSTEM_AUTHOR });
    expect(event.kind === 'communication' && event.message).toMatch(/Recorded automatically by rule "p1-resolve-warn75-commander"\.$/);
    expect(event.kind === 'communication' && event.message).not.toMatch(/Escalated/);
  });

  it('names the commander when there is one', () => {
    expect(commanderAlert('Dana Okafor')).toMatchObject({ to: 'Incident commander (Dana Okafor)' });
  });

  it('still says "Escalated automatically" for a real escalation', () => {
    const incident = recorded({ impact: 1, urgency: 1 });
    const due = dueEscalations(incident, [], gold, SEED_ESCALATION_RULES, created + 20 * MIN).find((d) => d.rule.id === 'response-breach-team-lead')!;
    expect(due.reason).toMatch(/Escalated automatically by rule "response-breach-team-lead"\.$/);
  });
});

describe('automaticAlertText', () => {
  it('reads an alert stored by an earlier version as what it was: nothing was sent', () => {
    const incident = recorded({ impact: 1, urgency: 1 });
    const message = 'P1 Critical: Time to resolve at 109 % of its target (Gold, 60 min target). Escalated automatically by rule "p1-resolve-warn75-commander".';
    const old = logCommunication(incident, { direction: 'outgoing', from: SYSTEM_AUTHOR.name, to: 'Incident commander', channel: 'Lantern notification', message }, { ...ctxAt(70), author: SYSTEM_AUTHOR, newId: () => '0190a000-0000-7000-8000-00000000000a' });
    if (!old.ok) throw new Error(old.error.message);
    expect(automaticAlertText(old.value.event)).toEqual({
      head: 'Automatic alert for Incident commander · Recorded in Lantern only; no message was sent',
      message: 'P1 Critical: Time to resolve at 109 % of its target (Gold, 60 min target). Recorded automatically by rule "p1-resolve-warn75-commander".',
    });
  });

  it('leaves communications written by people alone, whatever their channel', () => {
    const incident = recorded();
    const byPerson = logCommunication(incident, { direction: 'outgoing', from: 'Ana', to: 'Ward 3', channel: 'Lantern notification', message: 'Escalated automatically by rule "x".' }, { ...ctxAt(5), author: { name: 'Ana' }, newId: () => '0190a000-0000-7000-8000-00000000000b' });
    if (!byPerson.ok) throw new Error(byPerson.error.message);
    expect(automaticAlertText(byPerson.value.event)).toBeNull();
  });
});
