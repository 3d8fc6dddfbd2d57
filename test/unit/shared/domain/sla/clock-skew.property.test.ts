// Property tests: with random per-laptop clock skews (±6 h), the SLA clocks follow the merge (HLC) order, whatever order changes arrive in.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedTransitions,
  computeIncidentSla,
  DEFAULT_PRIORITY_MATRIX,
  orderedEntries,
  SEED_SLA_POLICIES,
  targetFor,
  type Impact,
  type Priority,
  type SlaTimeline,
  type Status,
} from '../../../../../shared/domain';
import { Desk, MIN, T0 } from './skew-laptops';

const gold = SEED_SLA_POLICIES.find((p) => p.id === 'gold')!;
const level = fc.constantFrom<Impact>(1, 2, 3);
const priorityOf = (impact: Impact, urgency: Impact): Priority => DEFAULT_PRIORITY_MATRIX[impact - 1]![urgency - 1]!;

interface Story {
  timeline: SlaTimeline;
  initial: readonly [Impact, Impact];
  /** The levels the merge ends on: the last change in real (and so HLC) order. */
  merged: readonly [Impact, Impact];
  nowMs: number;
}

/**
 * Three laptops, each with its own skew, take turns changing levels and status in real time; each synced before acting,
 * so its HLC follows every earlier change (the merge's order is the real order) while its recorded time is skewed.
 */
const story: fc.Arbitrary<Story> = fc
  .record({
    initial: fc.tuple(level, level),
    skews: fc.tuple(fc.integer({ min: -360, max: 360 }), fc.integer({ min: -360, max: 360 }), fc.integer({ min: -360, max: 360 })),
    steps: fc.array(
      fc.record({ laptop: fc.nat(2), gap: fc.integer({ min: 0, max: 120 }), kind: fc.constantFrom('levels', 'status', 'owner'), impact: level, urgency: level, choice: fc.nat() }),
      { maxLength: 10 },
    ),
    tail: fc.integer({ min: 0, max: 600 }),
  })
  .map(({ initial, skews, steps, tail }) => {
    const desk = new Desk();
    let minute = 0;
    let levels = initial;
    let status: Status = 'new';
    for (const step of steps) {
      minute += step.gap;
      const node = `laptop-${step.laptop}`;
      const skew = skews[step.laptop]!;
      if (step.kind === 'owner') desk.status(node, skew, minute, null);
      else if (step.kind === 'status') {
        const options = allowedTransitions(status);
        if (options.length === 0) continue;
        status = options[step.choice % options.length]!.to;
        desk.status(node, skew, minute, status);
      } else if (step.impact !== levels[0] || step.urgency !== levels[1]) {
        desk.levels(node, skew, minute, levels, [step.impact, step.urgency]);
        levels = [step.impact, step.urgency];
      }
    }
    return { timeline: { createdAtMs: T0, changes: desk.changes }, initial, merged: levels, nowMs: T0 + (minute + tail) * MIN };
  });

const nowOf = (s: Story) => ({ priority: priorityOf(s.merged[0], s.merged[1]), impact: s.merged[0], urgency: s.merged[1] });

describe('SLA clocks under per-laptop clock skew', () => {
  it('replay the levels in the merge order, so the clocks end on the merged priority', () => {
    fc.assert(
      fc.property(story, (s) => {
        let [impact, urgency] = s.initial;
        for (const change of orderedEntries(s.timeline)) {
          impact = change.levels?.impact?.[1] ?? impact;
          urgency = change.levels?.urgency?.[1] ?? urgency;
        }
        expect([impact, urgency]).toEqual(s.merged);
        // A clock still going and not breached is judged by the merged priority's target, read once every change is in
        // the past (a change stamped ahead of "now" is a view tick's matter, not the merge's).
        const settled = Math.max(s.nowMs, ...s.timeline.changes.map((change) => change.atMs));
        const clocks = computeIncidentSla(s.timeline, nowOf(s), gold, settled);
        const target = targetFor(gold, nowOf(s).priority);
        if (clocks.response.state === 'running' && !clocks.response.breach) expect(clocks.response.targetMs).toBe(target.responseMinutes * MIN);
        if (clocks.resolve.state !== 'stopped' && !clocks.resolve.breach) expect(clocks.resolve.targetMs).toBe(target.resolveMinutes * MIN);
      }),
      { numRuns: 300 },
    );
  });

  it('give the same clocks whatever order the changes arrive in', () => {
    fc.assert(
      fc.property(
        story.chain((s) => fc.shuffledSubarray([...s.timeline.changes], { minLength: s.timeline.changes.length, maxLength: s.timeline.changes.length }).map((shuffled) => ({ s, shuffled }))),
        ({ s, shuffled }) => {
          const arrived = computeIncidentSla({ createdAtMs: T0, changes: shuffled }, nowOf(s), gold, s.nowMs);
          expect(arrived).toEqual(computeIncidentSla(s.timeline, nowOf(s), gold, s.nowMs));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never count negative time, more than wall time, or run backwards', () => {
    fc.assert(
      fc.property(story, fc.integer({ min: 1, max: 600 }), (s, laterMinutes) => {
        const now = computeIncidentSla(s.timeline, nowOf(s), gold, s.nowMs);
        const later = computeIncidentSla(s.timeline, nowOf(s), gold, s.nowMs + laterMinutes * MIN);
        const settled = s.timeline.changes.every((change) => change.atMs <= s.nowMs);
        for (const clock of ['response', 'resolve'] as const) {
          expect(now[clock].elapsedMs).toBeGreaterThanOrEqual(0);
          expect(now[clock].elapsedMs).toBeLessThanOrEqual(s.nowMs - T0);
          expect(later[clock].elapsedMs).toBeGreaterThanOrEqual(now[clock].elapsedMs);
          // A breach stays breached as time goes on (once no change lies ahead of now: a change stamped ahead counts at
          // now for a view's tick, by design, and can move the verdict when its time comes).
          if (now[clock].breach && settled) expect(later[clock].threshold).toBe('breached');
        }
      }),
      { numRuns: 300 },
    );
  });
});
