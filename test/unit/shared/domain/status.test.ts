// Tests for status.ts: the status list, labels, open statuses and the default reference lists from DOMAIN.md.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HOLD_REASONS,
  DEFAULT_RESOLUTION_CODES,
  OPEN_STATUSES,
  STATUS_LABELS,
  statusSchema,
  STATUSES,
} from '../../../../shared/domain/status';

describe('statuses', () => {
  it('are the seven DOMAIN.md statuses in lifecycle order, each with a label', () => {
    expect(STATUSES).toEqual(['new', 'assigned', 'in_progress', 'on_hold', 'resolved', 'closed', 'cancelled']);
    expect(Object.keys(STATUS_LABELS)).toEqual([...STATUSES]);
    expect(STATUS_LABELS.in_progress).toBe('In progress');
  });

  it('counts only unfinished work as open', () => {
    expect([...OPEN_STATUSES].sort()).toEqual(['assigned', 'in_progress', 'new', 'on_hold']);
  });

  it('schema refuses anything else', () => {
    expect(statusSchema.safeParse('In progress').success).toBe(false);
    expect(statusSchema.safeParse('deleted').success).toBe(false);
    expect(statusSchema.safeParse('new').success).toBe(true);
  });
});

describe('default reference lists', () => {
  it('hold reasons cover DOMAIN.md: caller, vendor, change, problem, parts, power restoration', () => {
    expect(DEFAULT_HOLD_REASONS.map((r) => r.replace('Awaiting ', ''))).toEqual(['caller', 'vendor', 'change', 'problem', 'parts', 'power restoration']);
  });

  it('resolution codes cover DOMAIN.md and are unique and trimmed', () => {
    expect(DEFAULT_RESOLUTION_CODES).toHaveLength(11);
    expect(DEFAULT_RESOLUTION_CODES).toContain('Service restored by provider');
    for (const list of [DEFAULT_RESOLUTION_CODES, DEFAULT_HOLD_REASONS]) {
      expect(new Set(list).size).toBe(list.length);
      for (const item of list) expect(item).toBe(item.trim());
    }
  });
});
