// Example-based tests for the SLA clocks: response stop, hold pause, reopen, thresholds, skew and timeline extraction.
import { describe, expect, it } from 'vitest';
import { computeIncidentSla, SEED_SLA_POLICIES, slaTimelineFromEvents, type SlaChange, type SlaPolicy, type TimelineEvent } from '../../../../../shared/domain';
import { stamp } from '../fixtures';

const MIN = 60_000;
const T0 = Date.parse('2026-11-23T09:00:00Z');
const gold = SEED_SLA_POLICIES.find((p) => p.id === 'gold')!;
const at = (minutes: number, to: SlaChange['to'], counter = 0): SlaChange => ({ atMs: T0 + minutes * MIN, hlc: stamp(T0 + minutes * MIN, counter), to });
const sla = (changes: SlaChange[], nowMinutes: number, policy: SlaPolicy = gold) => computeIncidentSla({ createdAtMs: T0, changes }, { priority: 1 }, policy, T0 + nowMinutes * MIN);

describe('response clock (gold P1: 15 min to own)', () => {
  it('runs from creation and reports the 50 %, 75 % and 100 % times', () => {
    const { response } = sla([], 5);
    expect(response).toMatchObject({ elapsedMs: 5 * MIN, state: 'running', threshold: 'none', dueAt: T0 + 15 * MIN, nextThresholdAt: T0 + 7.5 * MIN });
    expect(sla([], 8).response).toMatchObject({ threshold: 'warn50', nextThresholdAt: T0 + 11.25 * MIN });
    expect(sla([], 12).response).toMatchObject({ threshold: 'warn75', nextThresholdAt: T0 + 15 * MIN });
    expect(sla([], 20).response).toMatchObject({ threshold: 'breached', nextThresholdAt: null, dueAt: T0 + 15 * MIN });
  });

  it('stops at the first assignment, even one without a status change', () => {
    expect(sla([at(10, 'assigned')], 60).response).toMatchObject({ elapsedMs: 10 * MIN, state: 'stopped', dueAt: null, threshold: 'warn50' });
    expect(sla([at(4, null), at(30, 'in_progress')], 60).response).toMatchObject({ elapsedMs: 4 * MIN, state: 'stopped' });
  });
});

describe('resolve clock (gold P1: 1 h to resolve)', () => {
  it('pauses on hold and moves the due time by the time on hold', () => {
    const changes = [at(5, 'assigned'), at(10, 'on_hold'), at(40, 'in_progress')];
    const paused = sla(changes.slice(0, 2), 30).resolve;
    expect(paused).toMatchObject({ elapsedMs: 10 * MIN, state: 'paused', dueAt: null, nextThresholdAt: null });
    const resumed = sla(changes, 50).resolve;
    expect(resumed).toMatchObject({ elapsedMs: 20 * MIN, state: 'running', dueAt: T0 + 90 * MIN, nextThresholdAt: T0 + 60 * MIN });
  });

  it('stops when resolved and continues on reopen', () => {
    const resolved = [at(5, 'assigned'), at(20, 'resolved')];
    expect(sla(resolved, 100).resolve).toMatchObject({ elapsedMs: 20 * MIN, state: 'stopped', dueAt: null });
    const reopened = [...resolved, at(100, 'in_progress')];
    expect(sla(reopened, 110).resolve).toMatchObject({ elapsedMs: 30 * MIN, state: 'running', dueAt: T0 + 140 * MIN, threshold: 'warn50' });
  });

  it('dates a breach in the past when the clock already ran over', () => {
    expect(sla([at(5, 'assigned')], 200).resolve).toMatchObject({ threshold: 'breached', dueAt: T0 + 60 * MIN, percent: 200 / 60 * 100 });
  });

  it('orders same-time changes by HLC, and counts changes dated before creation from creation', () => {
    const sameTime = [at(10, 'on_hold', 2), at(10, 'assigned', 1)];
    expect(sla(sameTime, 30).resolve.state).toBe('paused');
    expect(sla([at(-300, 'assigned'), at(-200, 'on_hold')], 30)).toMatchObject({ response: { elapsedMs: 0 }, resolve: { elapsedMs: 0, state: 'paused' } });
  });

  it('counts only business hours with a calendar (Friday evening to Monday morning, Berlin)', () => {
    const policy: SlaPolicy = { ...gold, calendar: { timeZone: 'Europe/Berlin', windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '20:00' }] } };
    const friday = Date.parse('2026-11-27T18:30:00Z'); // 19:30 CET: 30 min left today
    const clocks = computeIncidentSla({ createdAtMs: friday, changes: [] }, { priority: 1 }, policy, Date.parse('2026-11-30T07:10:00Z'));
    expect(clocks.resolve.elapsedMs).toBe(30 * MIN + 10 * MIN);
    expect(clocks.resolve.dueAt).toBe(Date.parse('2026-11-30T07:30:00Z'));
  });
});

describe('slaTimelineFromEvents', () => {
  const base = { incidentId: '019a0000-0000-7000-8000-000000000000', deviceId: 'd', author: { name: 'A' } };
  const event = (minutes: number, rest: Record<string, unknown>): TimelineEvent =>
    ({ ...base, id: '019a0000-0000-7000-8000-000000000001', at: { utc: new Date(T0 + minutes * MIN).toISOString(), offsetMinutes: 0 }, hlc: stamp(T0 + minutes * MIN), ...rest }) as TimelineEvent;

  it('keeps status changes and first assignments, ignores notes', () => {
    const timeline = slaTimelineFromEvents(new Date(T0).toISOString(), [
      event(1, { kind: 'note', text: 'hello' }),
      event(2, { kind: 'fields_changed', changes: [{ field: 'assignee', from: null, to: 'Ana' }] }),
      event(3, { kind: 'fields_changed', changes: [{ field: 'title', from: 'a', to: 'b' }] }),
      event(4, { kind: 'status_changed', from: 'new', to: 'on_hold', details: {} }),
    ]);
    expect(timeline.createdAtMs).toBe(T0);
    expect(timeline.changes.map((c) => c.to)).toEqual([null, 'on_hold']);
    expect(timeline.changes[0]!.atMs).toBe(T0 + 2 * MIN);
  });
});
