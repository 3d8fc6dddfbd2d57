// An automatic alert on the timeline and in the printed briefing reads as what it was, not as a message "sent" or an "escalation".
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildBriefingText, type BriefingContext } from '../../../../../renderer/features/incidents/briefing-text';
import { describeEvent } from '../../../../../renderer/features/incidents/timeline-text';
import { CREATED, makeEvent, makeIncident, MIN, NOW } from './incident-fixtures';

beforeAll(() => {
  vi.stubEnv('TZ', 'Europe/Berlin');
});
afterAll(() => {
  vi.unstubAllEnvs();
});

const context = (): BriefingContext => ({ nowMs: NOW, majorUpdateDefault: 30 });
const rule = 'Escalated automatically by rule "p1-resolve-warn75-commander".';
/** As every version so far stored it, and as laptops not yet updated still do. */
const stored = makeEvent(
  CREATED + 50 * MIN,
  { kind: 'communication', direction: 'outgoing', from: 'Lantern (automatic)', to: 'Incident commander', channel: 'Lantern notification', message: `P1 Critical: Time to resolve at 109 % of its target (Gold, 60 min target). ${rule}` },
  { name: 'Lantern (automatic)' },
);

describe('automatic alerts in the timeline and the briefing', () => {
  it('the timeline entry says it was an alert recorded in Lantern, and which rule raised it', () => {
    const text = describeEvent(stored);
    expect(text).toBe(
      'Automatic alert for Incident commander · Recorded in Lantern only; no message was sent\n' +
        'P1 Critical: Time to resolve at 109 % of its target (Gold, 60 min target). Recorded automatically by rule "p1-resolve-warn75-commander".',
    );
    expect(text).not.toMatch(/Sent by|Escalated/);
  });

  it('the printed briefing says the same', () => {
    const text = buildBriefingText(makeIncident(), [stored], context());
    expect(text).toContain('Automatic alert for Incident commander · Recorded in Lantern only; no message was sent');
    expect(text).not.toMatch(/Sent by Lantern notification|Escalated automatically by rule "p1/);
  });

  it('a message a person logged on any channel still reads as sent', () => {
    const byPerson = makeEvent(CREATED + MIN, { kind: 'communication', direction: 'outgoing', from: 'Desk', to: 'Ward 3', channel: 'Lantern notification', message: 'Water off' });
    expect(describeEvent(byPerson)).toBe('Sent by Lantern notification · From Desk to Ward 3\nWater off');
  });
});
