// The incident commander of a major incident: an optional synced name, edited like the assignee, written to the timeline.
import { describe, expect, it } from 'vitest';
import { type CommandResult, editIncident, FIELD_LABELS, incidentSchema, LIMITS, SYNCED_FIELDS } from '../../../../shared/domain';
import { describeEvent } from '../../../../renderer/features/incidents/timeline-text';
import { laterCtx, recorded, snapshot } from './fixtures';

function ok(result: CommandResult) {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe('the incident commander field', () => {
  it('is a synced field labelled "Incident commander" that incidents recorded before it need not carry', () => {
    expect(SYNCED_FIELDS).toContain('commander');
    expect(FIELD_LABELS.commander).toBe('Incident commander');
    const incident = recorded({ major: true });
    expect(incident.commander).toBeUndefined();
    expect(incidentSchema.safeParse(incident).success).toBe(true);
  });

  it('an edit sets it, stamps it, syncs it and writes a "Changed" entry naming it', () => {
    const incident = recorded({ major: true });
    const ctx = laterCtx();
    const { incident: next, event, change } = ok(editIncident(incident, { commander: 'Ana Diaz' }, ctx));
    expect(next.commander).toBe('Ana Diaz');
    expect(next.stamps.commander).toBe(ctx.hlc);
    expect(change.set).toEqual({ commander: 'Ana Diaz' });
    expect(change.base).toEqual({ commander: null });
    expect(event).toMatchObject({ kind: 'fields_changed', changes: [{ field: 'commander', from: null, to: 'Ana Diaz' }] });
    expect(describeEvent(event)).toBe('Incident commander: — → Ana Diaz');
  });

  it('a handover from one commander to the next reads as such on the timeline', () => {
    const first = ok(editIncident(recorded({ major: true }), { commander: 'Ana Diaz' }, laterCtx(1))).incident;
    const { event } = ok(editIncident(first, { commander: 'Lee Chan' }, laterCtx(2)));
    expect(describeEvent(event)).toBe('Incident commander: Ana Diaz → Lee Chan');
  });

  it('refuses a name over the short-text limit with a message and changes nothing', () => {
    const incident = recorded({ major: true });
    const before = snapshot(incident);
    const result = editIncident(incident, { commander: 'x'.repeat(LIMITS.shortText + 1) }, laterCtx());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.field).toBe('commander');
    expect(result.error.message).toMatch(/Incident commander/);
    expect(result.error.message).toMatch(String(LIMITS.shortText));
    expect(snapshot(incident)).toBe(before);
    expect(ok(editIncident(incident, { commander: 'x'.repeat(LIMITS.shortText) }, laterCtx())).incident.commander).toHaveLength(LIMITS.shortText);
  });

  it('is cleared with an empty or blank name (stored as none, never as spaces) and trimmed when set', () => {
    const named = ok(editIncident(recorded({ major: true }), { commander: '  Ana Diaz ' }, laterCtx(1))).incident;
    expect(named.commander).toBe('Ana Diaz');
    for (const empty of ['', '   ', null]) {
      const { incident, event } = ok(editIncident(named, { commander: empty }, laterCtx(2)));
      expect(incident.commander).toBeNull();
      expect(event).toMatchObject({ changes: [{ field: 'commander', from: 'Ana Diaz', to: null }] });
    }
  });

  it('clearing a commander that was never named is no change', () => {
    const result = editIncident(recorded({ major: true }), { commander: '' }, laterCtx());
    expect(result).toMatchObject({ ok: false, error: { code: 'no-change' } });
  });

  it('turning the major flag on does not ask for a commander', () => {
    const { incident } = ok(editIncident(recorded(), { major: true }, laterCtx()));
    expect(incident.major).toBe(true);
    expect(incident.commander).toBeUndefined();
  });
});
