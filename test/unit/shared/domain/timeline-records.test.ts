// Tests for the review, system-status (HICS 251) and custody entries' schemas: valid shapes, refusals, bounds.
import { describe, expect, it } from 'vitest';
import { newId } from '../../../../shared/domain/ids';
import { DEFAULT_CRITICAL_SYSTEMS, SYSTEMS_PER_SNAPSHOT_MAX } from '../../../../shared/domain/system-status-schema';
import { timelineEventSchema } from '../../../../shared/domain/timeline';
import { stamp } from './fixtures';

function base(): Record<string, unknown> {
  return {
    id: newId(),
    incidentId: '0190f5c2-7a1b-7c3d-8e4f-a1b2c3d4e5f6',
    at: { utc: '2026-11-26T14:30:00.000Z', offsetMinutes: 60 },
    hlc: stamp(Date.UTC(2026, 10, 26, 14, 30)),
    deviceId: 'device-test-01',
    author: { name: 'Ana Field' },
  };
}

const review = (extra: Record<string, unknown> = {}) => ({
  ...base(),
  kind: 'review',
  whatHappened: 'Generator B did not start: the battery was flat.',
  whatWorked: 'Load shedding list',
  whatToChange: '',
  rootCause: 'Charger breaker tripped weeks before',
  problemRef: 'PRB0012345',
  ...extra,
});
const line = (system: string, state = 'functional', reason = '', repairEstimate = '') => ({ system, state, reason, repairEstimate });
const snapshot = (systems: unknown) => ({ ...base(), kind: 'system_status', systems });
const custody = (extra: Record<string, unknown> = {}) => ({
  ...base(),
  kind: 'custody',
  itemId: newId(),
  item: 'Laptop, serial 5CG1234',
  action: 'collected',
  from: '',
  to: 'Ana Field',
  location: 'Evidence locker 2',
  handledAt: { utc: '2026-11-26T14:10:00.000Z', offsetMinutes: 60 },
  notes: '',
  ...extra,
});

function firstMessage(value: unknown): string | undefined {
  const result = timelineEventSchema.safeParse(value);
  return result.success ? undefined : result.error.issues[0]?.message;
}

describe('review entries', () => {
  it('parse unchanged, with optional parts left empty', () => {
    const event = review();
    expect(timelineEventSchema.parse(event)).toEqual(event);
  });

  it('need what happened', () => {
    expect(firstMessage(review({ whatHappened: '   ' }))).toBe('Write what happened first');
  });

  it('bound the problem record reference', () => {
    expect(firstMessage(review({ problemRef: 'x'.repeat(121) }))).toMatch(/problem record is limited to 120/);
  });
});

describe('system status entries (HICS 251)', () => {
  it('parse a snapshot of every default system unchanged', () => {
    const event = snapshot(DEFAULT_CRITICAL_SYSTEMS.map((name) => line(name, 'partial', 'On generator', '4 h')));
    expect(timelineEventSchema.parse(event)).toEqual(event);
  });

  it('refuse an empty snapshot, an unknown state and too many systems', () => {
    expect(firstMessage(snapshot([]))).toBe('Give the state of at least one system');
    expect(firstMessage(snapshot([line('Water', 'broken')]))).toBeDefined();
    const many = Array.from({ length: SYSTEMS_PER_SNAPSHOT_MAX + 1 }, (_, i) => line(`System ${i}`));
    expect(firstMessage(snapshot(many))).toMatch(/at most 60 systems/);
  });

  it('refuse the same system twice, whatever its case or spacing', () => {
    expect(firstMessage(snapshot([line('Water'), line(' water ', 'non_functional', 'Main burst')]))).toBe('Each system may appear once in a snapshot');
  });
});

describe('custody entries', () => {
  it('parse unchanged, with an attachment hash', () => {
    const event = custody({ sha256: 'a'.repeat(64) });
    expect(timelineEventSchema.parse(event)).toEqual(event);
  });

  it('need the item described and a valid time with its offset', () => {
    expect(firstMessage(custody({ item: ' ' }))).toBe('Describe the item');
    expect(firstMessage(custody({ handledAt: { utc: 'yesterday', offsetMinutes: 60 } }))).toBeDefined();
    expect(firstMessage(custody({ handledAt: { utc: '2026-11-26T14:10:00.000Z', offsetMinutes: 900 } }))).toMatch(/UTC offsets go up to/);
  });

  it('refuse an unknown action and a malformed hash', () => {
    expect(firstMessage(custody({ action: 'lost' }))).toBeDefined();
    expect(firstMessage(custody({ sha256: 'ABC' }))).toBe('Expected a SHA-256 hex digest');
  });
});
