// Tests for linkIncident and deriveLinks: one entry per link, mirrored on the other incident by derivation.
import { describe, expect, it } from 'vitest';
import { deriveLinks, linkIncident, timelineEventSchema, type CommandResult, type TimelineEvent } from '../../../../shared/domain';
import { passesOperationSchema } from './operation-check';
import { laterCtx, recorded } from './fixtures';

function ok(result: CommandResult) {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe('linkIncident', () => {
  it('writes one valid linked entry on the incident and changes no field', () => {
    const a = recorded({ title: 'Major outage' });
    const b = recorded({ title: 'Ward 3 lights out' });
    const { event, change, incident } = ok(linkIncident(b, { targetId: a.id, relation: 'parent', action: 'link' }, laterCtx(1), [], []));
    expect(event).toMatchObject({ kind: 'linked', incidentId: b.id, targetId: a.id, relation: 'parent', action: 'link' });
    expect(timelineEventSchema.parse(event)).toEqual(event);
    expect(change.set).toEqual({});
    expect(incident.title).toBe(b.title);
    expect(passesOperationSchema(change)).toBe(true);
  });

  it('refuses a self link, a duplicate, a second parent and unlinking what is not linked', () => {
    const a = recorded();
    const b = recorded();
    const c = recorded();
    expect(linkIncident(a, { targetId: a.id, relation: 'related', action: 'link' }, laterCtx(1), [], [])).toMatchObject({ ok: false, error: { field: 'target', message: expect.stringMatching(/itself/) } });
    const existing = [{ otherId: b.id, relation: 'parent' as const, eventId: 'x' }];
    expect(linkIncident(a, { targetId: b.id, relation: 'related', action: 'link' }, laterCtx(1), existing, [])).toMatchObject({ ok: false, error: { code: 'no-change' } });
    expect(linkIncident(a, { targetId: c.id, relation: 'parent', action: 'link' }, laterCtx(1), existing, [])).toMatchObject({ ok: false, error: { message: expect.stringMatching(/already has a parent/) } });
    expect(linkIncident(c, { targetId: a.id, relation: 'child', action: 'link' }, laterCtx(1), [], existing)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/already has a parent/) } });
    expect(linkIncident(a, { targetId: c.id, relation: 'related', action: 'unlink' }, laterCtx(1), [], [])).toMatchObject({ ok: false, error: { code: 'no-change' } });
  });
});

describe('deriveLinks', () => {
  it('shows a link on both incidents (inverse relation on the other) and an unlink from either side removes it', () => {
    const parent = recorded();
    const child = recorded();
    const linked = ok(linkIncident(child, { targetId: parent.id, relation: 'parent', action: 'link' }, laterCtx(1), [], [])).event;
    expect(deriveLinks(child.id, [linked])).toEqual([{ otherId: parent.id, relation: 'parent', eventId: linked.id }]);
    expect(deriveLinks(parent.id, [linked])).toEqual([{ otherId: child.id, relation: 'child', eventId: linked.id }]);
    const parentLinks = deriveLinks(parent.id, [linked]);
    const unlinked = ok(linkIncident(parent, { targetId: child.id, relation: 'child', action: 'unlink' }, laterCtx(2), parentLinks, [])).event;
    const events: TimelineEvent[] = [unlinked, linked];
    expect(deriveLinks(child.id, events)).toEqual([]);
    expect(deriveLinks(parent.id, events)).toEqual([]);
  });

  it('ignores entries about other incidents and other kinds', () => {
    const a = recorded();
    const b = recorded();
    const c = recorded();
    const linked = ok(linkIncident(b, { targetId: c.id, relation: 'related', action: 'link' }, laterCtx(1), [], [])).event;
    expect(deriveLinks(a.id, [linked])).toEqual([]);
  });
});
