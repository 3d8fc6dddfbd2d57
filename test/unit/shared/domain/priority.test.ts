// Tests for priority.ts: impact × urgency lookup (DOMAIN.md's 3×3 default), custom matrices and labels.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PRIORITY_MATRIX,
  derivePriority,
  type Impact,
  LEVEL_LABELS,
  LEVELS,
  PRIORITY_LABELS,
  priorityMatrixSchema,
  type PriorityMatrix,
  prioritySchema,
  type Urgency,
} from '../../../../shared/domain/priority';

describe('derivePriority with the default matrix', () => {
  // DOMAIN.md, "Priority = impact × urgency" (ServiceNow default), written out cell by cell.
  it.each([
    [1, 1, 1],
    [1, 2, 2],
    [1, 3, 3],
    [2, 1, 2],
    [2, 2, 3],
    [2, 3, 4],
    [3, 1, 3],
    [3, 2, 4],
    [3, 3, 4],
  ] as const)('impact %i × urgency %i → P%i', (impact, urgency, priority) => {
    expect(derivePriority(impact, urgency)).toBe(priority);
    expect(derivePriority(impact, urgency, DEFAULT_PRIORITY_MATRIX)).toBe(priority);
  });

  it('never produces P5 by default, and higher impact or urgency never lowers priority', () => {
    for (const i of LEVELS) {
      for (const u of LEVELS) {
        const p = derivePriority(i, u);
        expect(p).toBeLessThan(5);
        if (i > 1) expect(derivePriority((i - 1) as Impact, u)).toBeLessThanOrEqual(p);
        if (u > 1) expect(derivePriority(i, (u - 1) as Urgency)).toBeLessThanOrEqual(p);
      }
    }
  });
});

describe('derivePriority with a custom matrix', () => {
  const withPlanning: PriorityMatrix = [
    [1, 1, 2],
    [2, 3, 4],
    [3, 4, 5],
  ];

  it('reads the given matrix (rows = impact, columns = urgency)', () => {
    expect(derivePriority(1, 2, withPlanning)).toBe(1);
    expect(derivePriority(3, 3, withPlanning)).toBe(5);
    expect(derivePriority(2, 1, withPlanning)).toBe(2);
    expect(derivePriority(1, 3, withPlanning)).toBe(2);
  });

  it('is valid per the matrix schema; a 2×2 or a P6 is not', () => {
    expect(priorityMatrixSchema.safeParse(withPlanning).success).toBe(true);
    expect(priorityMatrixSchema.safeParse([[1, 2], [3, 4]]).success).toBe(false);
    expect(priorityMatrixSchema.safeParse([[1, 2, 6], [2, 3, 4], [3, 4, 4]]).success).toBe(false);
  });

  it('refuses out-of-range levels and damaged matrices with a RangeError instead of returning undefined', () => {
    expect(() => derivePriority(0 as Impact, 1)).toThrow(RangeError);
    expect(() => derivePriority(1, 4 as Urgency)).toThrow(/impact 1 × urgency 4/);
    expect(() => derivePriority(2, 2, [[1, 2, 3]] as unknown as PriorityMatrix)).toThrow(RangeError);
    expect(() => derivePriority(1, 1, [[9, 2, 3], [2, 3, 4], [3, 4, 4]] as unknown as PriorityMatrix)).toThrow(RangeError);
  });
});

describe('labels', () => {
  it('names the levels', () => {
    expect(LEVEL_LABELS).toEqual({ 1: 'High', 2: 'Medium', 3: 'Low' });
  });

  it('names every priority the schema allows, P1 Critical to P5 Planning', () => {
    expect(PRIORITY_LABELS).toEqual({ 1: 'P1 Critical', 2: 'P2 High', 3: 'P3 Moderate', 4: 'P4 Low', 5: 'P5 Planning' });
    for (const key of Object.keys(PRIORITY_LABELS)) expect(prioritySchema.safeParse(Number(key)).success).toBe(true);
    expect(prioritySchema.safeParse(0).success).toBe(false);
    expect(prioritySchema.safeParse(6).success).toBe(false);
    expect(prioritySchema.safeParse('1').success).toBe(false);
  });
});
