// Laptops whose clocks disagree: a level change recorded before one the merge puts ahead of it invents no breach, and status changes keep their recorded times.
import { describe, expect, it } from 'vitest';
import { computeIncidentSla, SEED_SLA_POLICIES, type SlaChange, type SlaTimeline } from '../../../../../shared/domain';
import { stamp } from '../fixtures';

const MIN = 60_000;
const T0 = Date.parse('2026-11-23T09:00:00Z');
// Gold targets: P1 15 min to own / 1 h to resolve, P2 30 min / 2 h, P3 1 h / 4 h, P4 2 h / 8 h.
const gold = SEED_SLA_POLICIES.find((p) => p.id === 'gold')!;
const at = (minutes: number) => T0 + minutes * MIN;
/** A change recorded at `recorded` minutes by a laptop whose stamp (HLC) reads `stamped` minutes. */
const change = (recorded: number, stamped: number, rest: Omit<SlaChange, 'atMs' | 'hlc'>): SlaChange => ({ atMs: at(recorded), hlc: stamp(at(stamped)), ...rest });

describe('SLA clocks when laptops disagree on the time', () => {
  it('a lowering stamped after a raise but recorded before it (clock an hour behind) invents no P1 breach', () => {
    // A (correct clock) raises P3 → P1 at 10:30; B, synced with A and an hour behind, lowers it back at real 10:40 (its
    // clock: 09:40). The merge keeps B's levels: P3. Replayed by recorded time, P1 would seem to hold from creation.
    const timeline: SlaTimeline = {
      createdAtMs: at(0),
      changes: [
        change(90, 90, { levels: { impact: [3, 1], urgency: [3, 1] } }),
        change(40, 100, { levels: { impact: [1, 3], urgency: [1, 3] } }),
      ],
    };
    const clocks = computeIncidentSla(timeline, { priority: 4, impact: 3, urgency: 3 }, gold, at(115));
    expect(clocks.response.breach).toBeUndefined();
    expect(clocks.response.threshold).not.toBe('breached');
    expect(clocks.resolve.breach).toBeUndefined();
  });

  it('still finds a breach both readings agree on: raised to P1 and left unowned', () => {
    const timeline: SlaTimeline = {
      createdAtMs: at(0),
      changes: [change(10, 10, { levels: { impact: [3, 1], urgency: [3, 1] } })],
    };
    const clocks = computeIncidentSla(timeline, { priority: 1, impact: 1, urgency: 1 }, gold, at(40));
    expect(clocks.response.threshold).toBe('breached');
    expect(clocks.response.breach?.priority).toBe(1);
  });

  it('judges leniently where the clocks cannot say how long a raise held', () => {
    // Raised to P1 at 0:10 on A; B, 2 h behind, lowers it at real 1:10 but records 23:10 the day before. B saw A's raise
    // (its stamp is later), but when it acted only its wrong clock says: P1 may have held for a moment or for an hour.
    // Lenient, like every reading of disagreeing clocks here: no P1 breach is claimed; P4's own target still applies.
    const timeline: SlaTimeline = {
      createdAtMs: at(0),
      changes: [
        change(10, 10, { levels: { impact: [3, 1], urgency: [3, 1] } }),
        change(-50, 70, { levels: { impact: [1, 3], urgency: [1, 3] } }),
      ],
    };
    expect(computeIncidentSla(timeline, { priority: 4, impact: 3, urgency: 3 }, gold, at(80)).response.threshold).not.toBe('breached');
    expect(computeIncidentSla(timeline, { priority: 4, impact: 3, urgency: 3 }, gold, at(130)).response.threshold).toBe('breached');
  });

  it('an owner set by a laptop 2 h fast and a resolve by a correct one keep their recorded times (no invented response breach)', () => {
    // P4 (own in 2 h). A's clock is 2 h fast: it sets an owner at real 0:05 (recorded 2:05); B resolves at 0:30.
    const timeline: SlaTimeline = {
      createdAtMs: at(0),
      changes: [change(125, 125, { to: 'assigned' }), change(30, 126, { to: 'resolved' })],
    };
    const clocks = computeIncidentSla(timeline, { priority: 4, impact: 3, urgency: 3 }, gold, at(24 * 60));
    expect(clocks.response.state).toBe('stopped');
    expect(clocks.response.threshold).not.toBe('breached');
    expect(clocks.response.elapsedMs).toBe(30 * MIN);
  });
});
