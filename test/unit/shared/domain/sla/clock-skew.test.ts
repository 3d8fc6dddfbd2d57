// SLA clocks follow the merge's order when laptops' clocks disagree: no invented breach, real breaches still found, sane elapsed times.
import { describe, expect, it } from 'vitest';
import { computeIncidentSla, orderedEntries, SEED_SLA_POLICIES, type SlaClocks, type SlaPriorityNow, type SlaTimeline } from '../../../../../shared/domain';
import { Desk, H, MIN, T0 } from './skew-laptops';

// Gold: P1 15 min to own / 1 h to resolve; P3 1 h / 4 h. Impact × urgency 1 × 1 is P1, 2 × 2 is P3.
const gold = SEED_SLA_POLICIES.find((p) => p.id === 'gold')!;
const P3_NOW: SlaPriorityNow = { priority: 3, impact: 2, urgency: 2 };
const timelineOf = (desk: Desk): SlaTimeline => ({ createdAtMs: T0, changes: desk.changes });
const clocksAt = (desk: Desk, minute: number, now: SlaPriorityNow = P3_NOW): SlaClocks => computeIncidentSla(timelineOf(desk), now, gold, T0 + minute * MIN);

describe('a laptop an hour behind lowers a priority another laptop raised (the reviewer example)', () => {
  // A (correct clock) created a P3 at 10:00 and raised it to P1 at 10:30; B, an hour behind, lowered it back at real
  // 10:40, recorded as 09:40. The merge (HLC) keeps B's levels: the incident is P3.
  const desk = () => new Desk().levels('laptop-a', 0, 30, [2, 2], [1, 1]).levels('laptop-b', -60, 40, [1, 1], [2, 2]);

  it('invents no breach: the span the recorded times leave uncertain is judged as P3, the looser', () => {
    const { response, resolve } = clocksAt(desk(), 45);
    expect(response.breach).toBeUndefined();
    expect(response).toMatchObject({ state: 'running', threshold: 'warn75', targetMs: 60 * MIN, elapsedMs: 45 * MIN, dueAt: T0 + H });
    expect(resolve.breach).toBeUndefined();
    expect(resolve).toMatchObject({ state: 'running', threshold: 'none', targetMs: 4 * H });
  });

  it('walks the changes in the merge order, so the replay ends on the merged P3', () => {
    const entries = orderedEntries(timelineOf(desk())).filter((change) => change.until === undefined);
    expect(entries.map((change) => change.levels?.impact?.[1])).toEqual([1, 2]);
    // B's change counts no earlier than the raise before it: time never runs backwards along the merge.
    expect(entries.map((change) => change.atMs)).toEqual([T0 + 30 * MIN, T0 + 30 * MIN]);
  });

  it('still breaches as P3 once the P3 target passes', () => {
    expect(clocksAt(desk(), 90).response.breach).toEqual({ atMs: T0 + H, priority: 3 });
  });

  it('gives the same verdict whatever order the changes arrive in', () => {
    const changes = desk().changes;
    const reversed = computeIncidentSla({ createdAtMs: T0, changes: [...changes].reverse() }, P3_NOW, gold, T0 + 45 * MIN);
    expect(reversed).toEqual(clocksAt(desk(), 45));
  });

  it('created at 09:00, so the recorded 09:40 falls after creation: still no P1 breach, only the real P3 one', () => {
    // Created at 09:00: walked by recorded time, B's 09:40 would come first and make the incident P1 from 09:00 to 09:40
    // (B's change says it left P1), a P1 breach at 09:15 the incident never had. In the merge's order it was P3 then.
    const timeline = { createdAtMs: T0 - H, changes: desk().changes };
    const { response } = computeIncidentSla(timeline, P3_NOW, gold, T0 + 45 * MIN);
    expect(response.breach).toEqual({ atMs: T0, priority: 3 });
  });

  it('with both clocks right, the same story held P1 past its target at the raise, and breaches there', () => {
    // Not a change of policy: an upgrade whose target the elapsed time already passed breaches at the upgrade.
    const agreed = new Desk().levels('laptop-a', 0, 30, [2, 2], [1, 1]).levels('laptop-b', 0, 40, [1, 1], [2, 2]);
    expect(clocksAt(agreed, 45).response.breach).toEqual({ atMs: T0 + 30 * MIN, priority: 1 });
  });
});

describe('a real breach under a raised priority is still found', () => {
  it('when every clock is right', () => {
    const desk = new Desk().levels('laptop-a', 0, 5, [2, 2], [1, 1]);
    const { response, resolve } = clocksAt(desk, 25, { priority: 1, impact: 1, urgency: 1 });
    expect(response.breach).toEqual({ atMs: T0 + 15 * MIN, priority: 1 });
    expect(resolve).toMatchObject({ targetMs: H, threshold: 'none' });
  });

  it('when a laptop six hours behind acts later: its skew leaves the P1 span before it certain', () => {
    // A raised to P1 at 10:05 and took it at 10:30 (15 minutes to own as P1: breached at 10:15); B put it on hold at
    // real 11:00, its clock reading 05:00.
    const desk = new Desk().levels('laptop-a', 0, 5, [2, 2], [1, 1]).status('laptop-a', 0, 30, 'in_progress').status('laptop-b', -360, 60, 'on_hold');
    const { response, resolve } = clocksAt(desk, 90, { priority: 1, impact: 1, urgency: 1 });
    expect(response).toMatchObject({ state: 'stopped', elapsedMs: 30 * MIN, breach: { atMs: T0 + 15 * MIN, priority: 1 } });
    // The hold counts from the earliest instant its place allows (10:30): 30 minutes of P1's hour, paused.
    expect(resolve).toMatchObject({ state: 'paused', elapsedMs: 30 * MIN, threshold: 'warn50', targetMs: H });
  });

  it('when a laptop behind lowers the priority after the breach, by a margin its recorded time cannot undo', () => {
    // B, 20 minutes behind, lowered at real 10:45 (recorded 10:25), after A took the incident at 10:30.
    const desk = new Desk().levels('laptop-a', 0, 5, [2, 2], [1, 1]).status('laptop-a', 0, 30, 'in_progress').levels('laptop-b', -20, 45, [1, 1], [2, 2]);
    const { response, resolve } = clocksAt(desk, 50);
    expect(response.breach).toEqual({ atMs: T0 + 15 * MIN, priority: 1 });
    // Its resolve hour was not reached by 10:25, where the lowering may already have happened: judged as P3 from there.
    expect(resolve).toMatchObject({ state: 'running', targetMs: 4 * H });
    expect(resolve.breach).toBeUndefined();
  });
});

/** Elapsed times the clocks can stand behind: never negative, never above wall time, never running backwards. */
function expectSane(desk: Desk, minute: number): SlaClocks {
  const clocks = clocksAt(desk, minute, { priority: 3 });
  const later = clocksAt(desk, minute + 600, { priority: 3 });
  for (const clock of ['response', 'resolve'] as const) {
    expect(clocks[clock].elapsedMs).toBeGreaterThanOrEqual(0);
    expect(clocks[clock].elapsedMs).toBeLessThanOrEqual(minute * MIN);
    expect(later[clock].elapsedMs).toBeGreaterThanOrEqual(clocks[clock].elapsedMs);
  }
  return clocks;
}

describe('status changes from laptops six hours off', () => {
  it('owned on a laptop six hours behind: the time to own counts from creation, not negative', () => {
    const desk = new Desk().status('laptop-b', -360, 20, 'assigned').status('laptop-a', 0, 30, 'in_progress');
    const { response, resolve } = expectSane(desk, 60);
    expect(response).toMatchObject({ state: 'stopped', elapsedMs: 0 });
    expect(resolve).toMatchObject({ state: 'running', elapsedMs: 60 * MIN });
  });

  it('owned on a laptop six hours ahead: counted up to its recorded time at most, never past wall time', () => {
    // B took it at real 10:20, recorded 16:20; A moved it on at 10:30 after syncing, and the merge places that at 16:20
    // too. Nothing tells a clock ahead from one behind, so B's time stands (see merge-order.ts).
    const desk = new Desk().status('laptop-b', 360, 20, 'assigned').status('laptop-a', 0, 30, 'in_progress');
    const { response, resolve } = expectSane(desk, 60);
    expect(response).toMatchObject({ state: 'stopped', elapsedMs: 60 * MIN });
    expect(clocksAt(desk, 600, { priority: 3 }).response.elapsedMs).toBe(380 * MIN);
    expect(resolve).toMatchObject({ state: 'running', elapsedMs: 60 * MIN, dueAt: T0 + 4 * H });
  });

  it('on hold from a laptop six hours behind: the hold counts from the change before it, the resume on the right clock', () => {
    const held = new Desk().status('laptop-a', 0, 5, 'assigned').status('laptop-b', -360, 30, 'on_hold');
    expect(expectSane(held, 60).resolve).toMatchObject({ state: 'paused', elapsedMs: 5 * MIN });
    // Running 10:00–10:05 (the hold cannot be placed before the change before it), paused, running again 11:30–12:00.
    expect(expectSane(held.status('laptop-a', 0, 90, 'in_progress'), 120).resolve).toMatchObject({ state: 'running', elapsedMs: 35 * MIN });
  });

  it('on hold from a laptop six hours ahead: held from its recorded time, resumed no earlier, not counted twice', () => {
    // B held it at real 10:30 (recorded 16:30); A resumed at 11:30 after syncing, which the merge places at 16:30.
    const held = new Desk().status('laptop-a', 0, 5, 'assigned').status('laptop-b', 360, 30, 'on_hold');
    expect(expectSane(held, 60).resolve).toMatchObject({ state: 'paused', elapsedMs: 60 * MIN });
    const resumed = held.status('laptop-a', 0, 90, 'in_progress');
    expect(expectSane(resumed, 120).resolve).toMatchObject({ state: 'running', elapsedMs: 120 * MIN });
    expect(expectSane(resumed, 7 * 60).resolve).toMatchObject({ state: 'running', elapsedMs: 7 * H });
  });

  it('resolved on a laptop six hours behind after a reopen: the incident the merge resolved has a stopped clock', () => {
    const desk = new Desk()
      .status('laptop-a', 0, 5, 'assigned')
      .status('laptop-a', 0, 30, 'resolved')
      .status('laptop-a', 0, 60, 'in_progress')
      .status('laptop-b', -360, 80, 'resolved');
    // 10:00–10:30, then from the reopen to the second resolution, which cannot be placed before the reopen.
    expect(expectSane(desk, 120).resolve).toMatchObject({ state: 'stopped', elapsedMs: 30 * MIN, dueAt: null });
  });

  it('resolved on a laptop six hours ahead: stopped at its recorded time at the latest, the close after it too', () => {
    const desk = new Desk().status('laptop-a', 0, 5, 'assigned').status('laptop-b', 360, 30, 'resolved').status('laptop-a', 0, 45, 'closed');
    expect(expectSane(desk, 60).resolve).toMatchObject({ state: 'stopped', elapsedMs: 60 * MIN });
    expect(clocksAt(desk, 600, { priority: 3 }).resolve.elapsedMs).toBe(390 * MIN);
  });

  it('an automatic close still yields to a reopen stamped after it, recorded earlier by a clock behind', () => {
    const desk = new Desk()
      .status('laptop-a', 0, 5, 'assigned')
      .status('laptop-a', 0, 30, 'resolved')
      .status('laptop-a', 0, 90, 'closed', true)
      .status('laptop-b', -360, 100, 'in_progress');
    const { resolve } = expectSane(desk, 120);
    // Running 10:00–10:30, stopped; the overruled close still dates the reopen after 11:30: 30 + 30 minutes at 12:00.
    expect(resolve).toMatchObject({ state: 'running', elapsedMs: 60 * MIN });
  });
});
