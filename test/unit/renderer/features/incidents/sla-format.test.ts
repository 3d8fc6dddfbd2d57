// SLA words: elapsed of target reads sensibly in the first minute; time left rounds up, overdue rounds down.
import { describe, expect, it } from 'vitest';
import type { SlaClock } from '../../../../../shared/domain';
import { elapsedOfTarget, slaCellText } from '../../../../../renderer/features/incidents/sla-format';

const clock = (elapsedMs: number, targetMs = 15 * 60_000): SlaClock => ({
  elapsedMs,
  targetMs,
  percent: (elapsedMs / targetMs) * 100,
  state: 'running',
  threshold: 'none',
  dueAt: null,
  nextThresholdAt: null,
});

describe('SLA words', () => {
  it('says "<1m" in the first minute instead of "0m" beside a percentage above zero', () => {
    expect(elapsedOfTarget(clock(30_000))).toBe('<1m of 15m (3 %)');
    expect(elapsedOfTarget(clock(0))).toBe('0m of 15m (0 %)');
    expect(elapsedOfTarget(clock(60_000))).toBe('1m of 15m (6 %)');
  });

  it('rounds time left up and overdue down, so "0m left" never shows while time remains', () => {
    expect(slaCellText(clock(14 * 60_000 + 59_000))).toBe('1m left');
    expect(slaCellText(clock(16 * 60_000 + 59_000))).toBe('Overdue 1m');
  });
});
