// Property tests: SLA clocks vs a minute-by-minute reference over random valid lifecycles, skewed and shuffled times, calendars, holidays and DST.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedTransitions,
  compileCalendar,
  computeSlaClocks,
  weekdayCalendar,
  type BusinessCalendar,
  type SlaChange,
  type SlaClock,
  type SlaThreshold,
  type Status,
} from '../../../../../shared/domain';
import { referenceResolve, referenceResponse, type ReferenceClock } from './reference-model';

const MINUTE = 60_000;
const HORIZON = 25 * 24 * 60 * MINUTE;

const CALENDARS: readonly (BusinessCalendar | null)[] = [
  null,
  weekdayCalendar('Europe/Berlin'),
  // Windows over the small hours, so DST gaps and repeated hours fall inside them.
  { timeZone: 'Europe/Berlin', windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], from: '01:00', to: '04:00' }] },
  { timeZone: 'America/New_York', windows: [{ days: ['sat', 'sun'], from: '00:30', to: '03:30' }, { days: ['mon', 'fri'], from: '09:00', to: '17:00' }] },
  { timeZone: '+05:30', windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '20:00' }] },
  // Holidays: Easter and other weekdays near the bases, a holiday on a day off, and the DST change days themselves.
  { ...weekdayCalendar('Europe/Berlin'), holidays: ['2026-03-09', '2026-03-30', '2026-04-03', '2026-04-04', '2026-04-06', '2026-10-26', '2026-12-01', '2026-12-02', '2026-12-25'] },
  { timeZone: 'Europe/Berlin', windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], from: '01:00', to: '04:00' }], holidays: ['2026-03-29', '2026-03-31', '2026-10-25', '2026-12-03'] },
  { timeZone: 'America/New_York', windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], from: '00:00', to: '24:00' }], holidays: ['2026-03-08', '2026-03-10', '2026-03-29', '2026-10-26', '2026-12-01'] },
];

/** Starts near DST changes (Berlin spring/autumn 2026, New York spring 2026) and a quiet week. */
const BASES = ['2026-03-28T10:00:00Z', '2026-10-24T10:00:00Z', '2026-03-07T10:00:00Z', '2026-11-30T10:00:00Z'].map(Date.parse);

interface Scenario {
  createdAtMs: number;
  changes: SlaChange[];
  calendar: BusinessCalendar | null;
  responseMs: number;
  resolveMs: number;
  nowMs: number;
}

/** A valid lifecycle walk (the transition table), each change at a random time from 6 h before creation to ~2 days after. */
const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    base: fc.constantFrom(...BASES),
    createdMinute: fc.integer({ min: 0, max: 3 * 24 * 60 }),
    picks: fc.array(fc.record({ choice: fc.nat(), minute: fc.integer({ min: -360, max: 3000 }), ownership: fc.boolean(), counter: fc.nat(9999) }), { maxLength: 8 }),
    calendarIndex: fc.nat(CALENDARS.length - 1),
    responseMinutes: fc.integer({ min: 1, max: 600 }),
    resolveMinutes: fc.integer({ min: 1, max: 2000 }),
    nowMinute: fc.integer({ min: 0, max: 5000 }),
  })
  .map(({ base, createdMinute, picks, calendarIndex, responseMinutes, resolveMinutes, nowMinute }) => {
    const createdAtMs = base + createdMinute * MINUTE;
    const changes: SlaChange[] = [];
    let status: Status = 'new';
    picks.forEach((pick, index) => {
      const hlc = `${String(pick.counter).padStart(4, '0')}-${index}`;
      const atMs = createdAtMs + pick.minute * MINUTE;
      if (pick.ownership) {
        changes.push({ atMs, hlc, to: null });
        return;
      }
      const options = allowedTransitions(status);
      if (options.length === 0) return;
      status = options[pick.choice % options.length]!.to;
      changes.push({ atMs, hlc, to: status });
    });
    return { createdAtMs, changes, calendar: CALENDARS[calendarIndex]!, responseMs: responseMinutes * MINUTE, resolveMs: resolveMinutes * MINUTE, nowMs: createdAtMs + nowMinute * MINUTE };
  });

function compute(s: Scenario, changes: readonly SlaChange[] = s.changes) {
  return computeSlaClocks(
    { createdAtMs: s.createdAtMs, changes },
    { responseMs: s.responseMs, resolveMs: s.resolveMs, calendar: s.calendar === null ? null : compileCalendar(s.calendar), warnPercents: [50, 75] },
    s.nowMs,
  );
}

function expectedThreshold(elapsed: number, target: number): SlaThreshold {
  if (elapsed >= target) return 'breached';
  if (elapsed * 100 >= target * 75) return 'warn75';
  if (elapsed * 100 >= target * 50) return 'warn50';
  return 'none';
}

function nextNeed(threshold: SlaThreshold, target: number): number | null {
  return threshold === 'none' ? Math.ceil(target / 2) : threshold === 'warn50' ? Math.ceil((target * 3) / 4) : threshold === 'warn75' ? target : null;
}

function expectMatches(actual: SlaClock, reference: ReferenceClock, target: number, running: boolean): void {
  expect(actual.elapsedMs).toBe(reference.elapsedMs);
  expect(actual.threshold).toBe(expectedThreshold(reference.elapsedMs, target));
  expect(actual.percent).toBeCloseTo((reference.elapsedMs / target) * 100, 9);
  if (!running) {
    expect(actual.dueAt).toBeNull();
    expect(actual.nextThresholdAt).toBeNull();
    return;
  }
  expect(actual.dueAt).toBe(reference.crossing(target));
  const need = nextNeed(actual.threshold, target);
  expect(actual.nextThresholdAt).toBe(need === null ? null : reference.crossing(need));
}

function finalResolveStatus(s: Scenario): Status {
  const sorted = [...s.changes]
    .filter((c) => c.to !== null)
    .map((c) => ({ ...c, at: Math.max(c.atMs, s.createdAtMs) }))
    .sort((a, b) => a.at - b.at || (a.hlc < b.hlc ? -1 : 1));
  return sorted.at(-1)?.to ?? 'new';
}

// The minute-by-minute reference walks weeks of minutes per run: 2–4 s here, more on a loaded machine.
describe('SLA clocks match the minute-by-minute reference', { timeout: 20_000 }, () => {
  it('resolve clock: elapsed, state, threshold, due and next-threshold times', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { resolve } = compute(s);
        const final = finalResolveStatus(s);
        const running = final === 'new' || final === 'assigned' || final === 'in_progress';
        expect(resolve.state).toBe(running ? 'running' : final === 'on_hold' ? 'paused' : 'stopped');
        expectMatches(resolve, referenceResolve(s.createdAtMs, s.changes, s.calendar, s.nowMs, HORIZON), s.resolveMs, running);
      }),
      { numRuns: 150 },
    );
  });

  it('response clock: runs until the first move out of new or the first assignment', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { response } = compute(s);
        const running = s.changes.every((c) => c.to === 'new');
        expect(response.state).toBe(running ? 'running' : 'stopped');
        expectMatches(response, referenceResponse(s.createdAtMs, s.changes, s.calendar, s.nowMs, HORIZON), s.responseMs, running);
      }),
      { numRuns: 150 },
    );
  });

  it('gives the same answer whatever order the events arrived in (sync delivers them shuffled)', () => {
    fc.assert(
      fc.property(
        scenario.chain((s) => fc.shuffledSubarray(s.changes, { minLength: s.changes.length, maxLength: s.changes.length }).map((shuffled) => ({ s, shuffled }))),
        ({ s, shuffled }) => {
          expect(compute(s, shuffled)).toEqual(compute(s));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('with ±6 h skew in event times never crashes, never counts more than wall time, and never runs backwards', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 600 }), (s, laterMinutes) => {
        const now = compute(s);
        const later = compute({ ...s, nowMs: s.nowMs + laterMinutes * MINUTE });
        for (const clock of ['response', 'resolve'] as const) {
          expect(now[clock].elapsedMs).toBeGreaterThanOrEqual(0);
          expect(now[clock].elapsedMs).toBeLessThanOrEqual(Math.max(0, s.nowMs - s.createdAtMs));
          expect(later[clock].elapsedMs).toBeGreaterThanOrEqual(now[clock].elapsedMs);
        }
      }),
      { numRuns: 200 },
    );
  });
});
