// Tests for escalateIncident, logCommunication and correctEntry (work-commands.ts).
import { describe, expect, it } from 'vitest';
import {
  addNote,
  changeStatus,
  correctEntry,
  escalateIncident,
  logCommunication,
  newId,
  timelineEventSchema,
  type CommandResult,
  type CommunicationInput,
} from '../../../../shared/domain';
import { passesOperationSchema } from './operation-check';
import { deepFreeze, laterCtx, recorded, snapshot } from './fixtures';

function ok(result: CommandResult) {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe('escalateIncident — functional', () => {
  it('hands the incident to the team, clears the personal assignee and writes an escalated event', () => {
    const start = ok(changeStatus(recorded(), 'assigned', { team: 'Service desk', assignee: 'Ana' }, laterCtx(1))).incident;
    const ctx = deepFreeze(laterCtx(2));
    const before = snapshot(start);
    const { incident, event, change } = ok(escalateIncident(start, { level: 'functional', target: 'Network operations', reason: ' Core switch fault ' }, ctx));
    expect(snapshot(start)).toBe(before);
    expect(incident).toMatchObject({ team: 'Network operations', assignee: null, status: 'assigned' });
    expect(event).toMatchObject({ kind: 'escalated', level: 'functional', target: 'Network operations', reason: 'Core switch fault', author: ctx.author });
    expect(change.set).toEqual({ team: 'Network operations', assignee: null });
    expect(change.base).toEqual({ team: start.stamps.team, assignee: start.stamps.assignee });
    expect(incident.stamps.team).toBe(ctx.hlc);
    expect(timelineEventSchema.parse(event)).toEqual(event);
    expect(passesOperationSchema(change)).toBe(true);
  });

  it('refuses the team the incident is already with', () => {
    const start = ok(changeStatus(recorded(), 'assigned', { team: 'Electrical' }, laterCtx(1))).incident;
    const result = escalateIncident(start, { level: 'functional', target: 'Electrical', reason: 'x' }, laterCtx(2));
    expect(result).toMatchObject({ ok: false, error: { code: 'no-change', field: 'target' } });
  });

  it('refuses a team that is not in the reference list, and a custom list is honoured', () => {
    const start = ok(changeStatus(recorded(), 'assigned', { team: 'Service desk' }, laterCtx(1))).incident;
    expect(escalateIncident(start, { level: 'functional', target: 'Ghostbusters', reason: 'x' }, laterCtx(2))).toMatchObject({
      ok: false,
      error: { code: 'invalid-value', field: 'target', message: '"Ghostbusters" is not a known team. Pick one from the list.' },
    });
    const custom = { teams: ['Ghostbusters'], managerLevels: [] };
    expect(escalateIncident(start, { level: 'functional', target: 'Ghostbusters', reason: 'x' }, laterCtx(2), custom).ok).toBe(true);
  });

  it('does not hand a new incident to a team: that is assigning it (New → Assigned), which stops the time-to-own clock', () => {
    const result = escalateIncident(recorded(), { level: 'functional', target: 'Network operations', reason: 'Core switch fault' }, laterCtx());
    expect(result).toMatchObject({ ok: false, error: { code: 'not-allowed', field: 'level', message: expect.stringContaining('Change status → Assign') } });
    // Raising it to a manager stays possible while nobody owns it.
    expect(escalateIncident(recorded(), { level: 'hierarchical', target: 'Duty manager', reason: 'Nobody free' }, laterCtx()).ok).toBe(true);
    // A new incident a team already has (set by an older Lantern, or merged from two laptops) can go on to another team.
    const withTeam = { ...recorded(), team: 'Service desk' };
    expect(escalateIncident(withTeam, { level: 'functional', target: 'Network operations', reason: 'Core switch fault' }, laterCtx()).ok).toBe(true);
  });
});

describe('escalateIncident — hierarchical', () => {
  it('informs a manager level without changing any field', () => {
    const start = recorded();
    const { incident, event, change } = ok(escalateIncident(start, { level: 'hierarchical', target: 'Duty manager', reason: 'SLA at risk' }, laterCtx()));
    expect(event).toMatchObject({ kind: 'escalated', level: 'hierarchical', target: 'Duty manager', reason: 'SLA at risk' });
    expect(change.set).toEqual({});
    expect(incident).toEqual({ ...start, updatedAt: laterCtx().now.utc });
  });
});

describe('escalateIncident — refusals', () => {
  it.each([
    [{ level: 'functional' as const, target: '', reason: 'x' }, 'missing-field', 'target', 'Choose the team to escalate to.'],
    [{ level: 'hierarchical' as const, target: ' ', reason: 'x' }, 'missing-field', 'target', 'Choose the manager level to escalate to.'],
    [{ level: 'hierarchical' as const, target: 'Duty manager', reason: '  ' }, 'missing-field', 'reason', 'Say why the incident is escalated.'],
  ])('%j → %s on %s', (input, code, field, message) => {
    expect(escalateIncident(recorded(), input, laterCtx())).toEqual({ ok: false, error: { code, field, message } });
  });

  it('refuses an unknown level from untyped callers', () => {
    const input = { level: 'sideways', target: 'Duty manager', reason: 'x' } as unknown as Parameters<typeof escalateIncident>[1];
    expect(escalateIncident(recorded(), input, laterCtx())).toMatchObject({ ok: false, error: { code: 'invalid-value', field: 'level' } });
  });

  it('refuses closed and cancelled incidents', () => {
    const cancelled = ok(changeStatus(recorded(), 'cancelled', { cancelReason: 'Logged in error' }, laterCtx(1))).incident;
    expect(escalateIncident(cancelled, { level: 'hierarchical', target: 'Duty manager', reason: 'x' }, laterCtx(2))).toMatchObject({ ok: false, error: { code: 'read-only' } });
  });

  it('refuses a 1 MB reason with the limit in the message', () => {
    const result = escalateIncident(recorded(), { level: 'hierarchical', target: 'Duty manager', reason: 'x'.repeat(1024 * 1024) }, laterCtx());
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'reason' } });
    if (!result.ok) expect(result.error.message).toMatch(/limited to 20,000 characters/);
  });
});

describe('logCommunication', () => {
  const message: CommunicationInput = { direction: 'outgoing', from: ' Ana ', to: 'Ward 3 charge nurse', channel: 'Radio', message: ' Power back in 20 min. ' };

  it('adds a trimmed communication event and changes no synced field', () => {
    const start = recorded();
    const ctx = laterCtx();
    const { incident, event, change } = ok(logCommunication(start, message, ctx));
    expect(event).toMatchObject({ kind: 'communication', direction: 'outgoing', from: 'Ana', to: 'Ward 3 charge nurse', channel: 'Radio', message: 'Power back in 20 min.' });
    expect(change).toEqual({ incidentId: start.id, set: {}, event });
    expect(incident).toEqual({ ...start, updatedAt: ctx.now.utc });
  });

  it.each(['from', 'to', 'channel', 'message'] as const)('refuses a blank %s naming the field', (field) => {
    expect(logCommunication(recorded(), { ...message, [field]: '  ' }, laterCtx())).toMatchObject({ ok: false, error: { code: 'missing-field', field } });
  });

  it("keeps HICS 213's subject, priority and action taken, trimmed; blank ones are left out", () => {
    const { event } = ok(logCommunication(recorded(), { ...message, subject: ' Power ', priority: 'urgent', actionTaken: ' Generator fuel ordered ' }, laterCtx()));
    expect(event).toMatchObject({ kind: 'communication', subject: 'Power', priority: 'urgent', actionTaken: 'Generator fuel ordered' });
    const plain = ok(logCommunication(recorded(), { ...message, subject: '  ', actionTaken: '' }, laterCtx())).event;
    expect(plain).not.toHaveProperty('subject');
    expect(plain).not.toHaveProperty('actionTaken');
    expect(plain).not.toHaveProperty('priority');
  });

  it('refuses an unknown priority naming the field', () => {
    const input = { ...message, priority: 'flash' } as unknown as CommunicationInput;
    expect(logCommunication(recorded(), input, laterCtx())).toMatchObject({ ok: false, error: { code: 'invalid-value', field: 'priority' } });
  });

  it('is allowed on a closed incident (communications go on after closure)', () => {
    let incident = ok(changeStatus(recorded(), 'resolved', { resolutionCode: 'Fixed', resolutionNotes: 'Breaker reset' }, laterCtx(1))).incident;
    incident = ok(changeStatus(incident, 'closed', {}, laterCtx(2))).incident;
    expect(logCommunication(incident, message, laterCtx(3)).ok).toBe(true);
  });

  it('keeps markup as plain text', () => {
    const text = '<img src=x onerror=alert(1)>';
    expect(ok(logCommunication(recorded(), { ...message, message: text }, laterCtx())).event).toMatchObject({ message: text });
  });
});

describe('correctEntry', () => {
  it('writes a correction that points at the old entry and leaves it untouched', () => {
    const start = recorded();
    const note = ok(addNote(start, 'Fuel at 80 %', laterCtx(1)));
    const frozen = deepFreeze(note.event);
    const { event, change } = ok(correctEntry(note.incident, frozen, ' Fuel at 40 %, not 80 % ', laterCtx(2)));
    expect(event).toMatchObject({ kind: 'correction', corrects: frozen.id, text: 'Fuel at 40 %, not 80 %' });
    expect(change.set).toEqual({});
  });

  it('refuses an entry of another incident and an empty text', () => {
    const start = recorded();
    expect(correctEntry(start, { id: newId(), incidentId: newId() }, 'x', laterCtx())).toMatchObject({ ok: false, error: { field: 'corrects' } });
    expect(correctEntry(start, { id: newId(), incidentId: start.id }, ' ', laterCtx())).toMatchObject({ ok: false, error: { code: 'missing-field', field: 'text' } });
  });
});
