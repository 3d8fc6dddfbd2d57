// editIncident's base override: a change saved over one made meanwhile is based on the stamp held when editing began.
import { describe, expect, it } from 'vitest';
import { editIncident, recordIncident, type Incident } from '../../../../shared/domain';
import { ctxAt, ok, opOf, replay, T0 } from '../sync/support/ops';

/** Recorded on A; A sets the site; B, which had the record and then pulled A's site, saves its own over it. */
function scenario(bBase?: Partial<Record<'site', string | null>>) {
  const created = ok(recordIncident({ title: 'Feeder 12 outage' }, 1, 'K7QM', ctxAt('dev-a', T0)));
  const openedStamp = created.incident.stamps.site!;
  const a = ok(editIncident(created.incident, { site: ['Feeder 12, pole 31'] }, ctxAt('dev-a', T0 + 1000)));
  // B's copy after pulling A's change (the editor was opened before it arrived).
  const bCopy: Incident = a.incident;
  const b = ok(editIncident(bCopy, { site: ['Feeder 9'] }, ctxAt('dev-b', T0 + 2000), bBase === undefined ? undefined : { site: bBase.site ?? null }));
  return { created, a, b, openedStamp };
}

describe('editIncident with a base override', () => {
  it('records the stamp held on opening as the base, and the merge lists a conflict in either arrival order', () => {
    const opened = ok(recordIncident({ title: 'Feeder 12 outage' }, 1, 'K7QM', ctxAt('dev-a', T0))).incident.stamps.site!;
    const s = scenario({ site: opened });
    expect(s.b.change.base).toEqual({ site: s.openedStamp });
    expect(s.b.incident.site).toEqual(['Feeder 9']);
    for (const order of [[opOf(s.created), opOf(s.a), opOf(s.b)], [opOf(s.created), opOf(s.b), opOf(s.a)]]) {
      const { state, conflicts } = replay(order);
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]).toMatchObject({ field: 'site', winner: { value: ['Feeder 9'] }, loser: { value: ['Feeder 12, pole 31'] } });
      expect(state!.fields.site).toEqual(['Feeder 9']);
    }
  });

  it('without it, the same save reads as made after seeing the other change: no conflict', () => {
    const s = scenario();
    expect(s.b.change.base).toEqual({ site: s.a.incident.stamps.site });
    expect(replay([opOf(s.created), opOf(s.a), opOf(s.b)]).conflicts).toEqual([]);
  });

  it('refuses a base for a field the edit does not set, or one that is no stamp', () => {
    const created = ok(recordIncident({ title: 'Feeder 12 outage' }, 1, 'K7QM', ctxAt('dev-a', T0)));
    const ctx = ctxAt('dev-b', T0 + 1000);
    const other = editIncident(created.incident, { site: ['X'] }, ctx, { title: created.incident.stamps.title! });
    expect(other).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'base' } });
    const bad = editIncident(created.incident, { site: ['X'] }, ctx, { site: 'not a stamp' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'base' } });
    const none = editIncident(created.incident, { site: ['X'] }, ctx, { site: null });
    expect(none.ok && none.value.change.base).toEqual({ site: null });
  });
});
