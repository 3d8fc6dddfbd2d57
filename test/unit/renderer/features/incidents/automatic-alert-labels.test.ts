// An automatic alert is labelled as one wherever entries are labelled: timeline filter, briefing, activity log, summaries.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { activityPeople, authorKey } from '../../../../../shared/domain';
import { buildActivityLog } from '../../../../../renderer/features/incidents/activity-log-text';
import { buildBriefingText, type BriefingContext } from '../../../../../renderer/features/incidents/briefing-text';
import { updateLogged, updatePrefill } from '../../../../../renderer/features/incidents/communication-update';
import { TIMELINE_FILTER_KINDS, timelineFilterKindOf, timelineFilterLabel } from '../../../../../renderer/features/incidents/timeline-filter';
import { entryKindLabel, summarizeEvent } from '../../../../../renderer/features/incidents/timeline-text';
import { CREATED, makeEvent, makeIncident, MIN, NOW } from './incident-fixtures';

beforeAll(() => {
  vi.stubEnv('TZ', 'Europe/Berlin');
});
afterAll(() => {
  vi.unstubAllEnvs();
});

const LANTERN = { name: 'Lantern (automatic)' };
const alertMessage = 'P1 Critical: Time to resolve at 75 % of its target (Gold, 60 min target). Recorded automatically by rule "p1-resolve-warn75-commander".';
const alert = makeEvent(
  CREATED + 2 * MIN,
  { kind: 'communication', direction: 'outgoing', from: LANTERN.name, to: 'Incident commander (none named yet)', channel: 'Lantern notification', message: alertMessage },
  LANTERN,
);
const sent = makeEvent(CREATED + MIN, { kind: 'communication', direction: 'outgoing', from: 'Facility desk', to: 'Ward 3', channel: 'Radio', message: 'Water off at 14:00' });

describe('automatic alert labels', () => {
  it('names an automatic alert as such and leaves a message a person logged a communication', () => {
    expect(entryKindLabel(alert)).toBe('Automatic alert');
    expect(entryKindLabel(sent)).toBe('Communication');
    // The summary (in the Correct button's name, and under a correction) says it was an alert, and for whom.
    expect(summarizeEvent(alert)).toMatch(/^Automatic alert for Incident commander \(none named yet\) · Recorded in Lantern/);
  });

  it('the timeline filter lists an alert under its own choice, not under the communications', () => {
    expect(timelineFilterKindOf(alert)).toBe('automatic_alert');
    expect(timelineFilterKindOf(sent)).toBe('communication');
    const labels = TIMELINE_FILTER_KINDS.map(timelineFilterLabel);
    expect(labels.indexOf('Automatic alert')).toBe(labels.indexOf('Communication') + 1);
    expect(new Set(TIMELINE_FILTER_KINDS).size).toBe(TIMELINE_FILTER_KINDS.length);
  });

  it('the briefing labels the alert "Automatic alert", never "Communication"', () => {
    const context: BriefingContext = { nowMs: NOW, majorUpdateDefault: 30 };
    const text = buildBriefingText(makeIncident(), [alert], context);
    expect(text).toMatch(/· Automatic alert · Lantern \(automatic\)\n/);
    expect(text).not.toMatch(/· Communication ·/);
  });

  it('the activity log of Lantern labels its alert, and a correction of it names what it corrects', () => {
    const fix = makeEvent(CREATED + 3 * MIN, { kind: 'correction', corrects: alert.id, text: 'Priority was set to P1 by mistake; it is P3.' });
    const events = [alert, fix];
    const lantern = activityPeople(events).find((person) => person.key === authorKey(LANTERN))!;
    const own = buildActivityLog(makeIncident(), events, { person: lantern, fromMs: CREATED, toMs: Number.POSITIVE_INFINITY, nowMs: NOW, madeBy: undefined }, 'copied');
    expect(own.rows.map((row) => row.kind)).toEqual(['Automatic alert']);
    const ana = activityPeople(events).find((person) => person.name === 'Ana Diaz')!;
    const theirs = buildActivityLog(makeIncident(), events, { person: ana, fromMs: CREATED, toMs: Number.POSITIVE_INFINITY, nowMs: NOW, madeBy: undefined }, 'copied');
    expect(theirs.rows[0]!.activity).toMatch(/^Corrects Automatic alert of .* by Lantern \(automatic\): Automatic alert for Incident commander/);
  });

  it('the communication form and "Log it as sent" never take an alert for an update sent', () => {
    // "Log update" fills To and Channel from the last update a person sent, not from the later alert.
    expect(updatePrefill(1, 'Short update', [sent, alert])).toMatchObject({ to: 'Ward 3', channel: 'Radio' });
    expect(updatePrefill(1, 'Short update', [alert])).toEqual({ serial: 1, message: 'Short update' });
    // An alert with the copied text (however unlikely) does not count as the copied update having been logged.
    expect(updateLogged([alert], alertMessage, CREATED)).toBe(false);
    expect(updateLogged([sent], 'Water off at 14:00', CREATED + 10 * MIN)).toBe(true);
  });
});
