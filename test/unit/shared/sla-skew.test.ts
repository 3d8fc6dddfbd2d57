// SLA clocks of entries recorded on a skewed laptop: counted from the best known true time, the same on every laptop.
import { describe, expect, it } from 'vitest';
import {
  changeStatus,
  computeIncidentSla,
  dueEscalations,
  lastStakeholderUpdateAt,
  logCommunication,
  recordIncident,
  SEED_ESCALATION_RULES,
  SEED_SLA_POLICIES,
  slaStartOf,
  slaTimelineFromEvents,
  slaWatchFromIncident,
  type ClockMark,
  type CommandContext,
  type Incident,
  type TimelineEvent,
} from '../../../shared/domain';
import { bestKnownTimeMs } from '../../../shared/domain/sla/best-known-time';
import { makeCtx, stamp } from './domain/fixtures';

const MIN = 60_000;
const HOUR = 60 * MIN;
const GOLD = SEED_SLA_POLICIES[0]!; // P1: own within 15 min, resolve within 1 h
const REAL = Date.parse('2026-11-26T14:00:00Z');

/** A context on a laptop whose clock reads `clockMs` (true time REAL + whatever), HLC wall `hlcMs`, and this clock mark. */
function laptop(clockMs: number, hlcMs: number, clock: ClockMark | undefined, node = 'laptop-b'): CommandContext {
  return makeCtx({ deviceId: node, now: { utc: new Date(clockMs).toISOString(), offsetMinutes: 60 }, hlc: stamp(hlcMs, 0, node), ...(clock ? { clock } : {}) });
}

function recordP1(ctx: CommandContext): { incident: Incident; events: TimelineEvent[] } {
  const result = recordIncident({ title: 'Ward 3 oxygen alarm', impact: 1, urgency: 1 }, 7, 'K7QM', ctx);
  if (!result.ok) throw new Error(result.error.message);
  return { incident: result.value.incident, events: [result.value.event] };
}

function clocksAt(incident: Incident, events: readonly TimelineEvent[], nowMs: number) {
  return computeIncidentSla(slaTimelineFromEvents(incident.createdAt, events), incident.priority, GOLD, nowMs);
}

describe('SLA clocks of entries from a skewed laptop', () => {
  it('a P1 recorded 1 min ago on a synced laptop 6 h behind is not breached and escalates nothing', () => {
    const { incident, events } = recordP1(laptop(REAL - 6 * HOUR, REAL, { state: 'off', hqMinusDeviceMs: 6 * HOUR }));
    const nowOnA = REAL + MIN;
    const clocks = clocksAt(incident, events, nowOnA);
    expect(clocks.response.threshold).toBe('none');
    expect(Math.round(clocks.response.percent)).toBe(7); // 1 of 15 min
    expect(clocks.resolve.threshold).toBe('none');
    expect(dueEscalations(incident, events, GOLD, SEED_ESCALATION_RULES, nowOnA, clocks)).toEqual([]);
  });

  it('a P1 recorded 3 h ago on a synced laptop 6 h ahead shows its breach', () => {
    const { incident, events } = recordP1(laptop(REAL + 6 * HOUR, REAL + 6 * HOUR, { state: 'off', hqMinusDeviceMs: -6 * HOUR }));
    const clocks = clocksAt(incident, events, REAL + 3 * HOUR);
    expect(clocks.response.threshold).toBe('breached');
    expect(clocks.response.percent).toBe(1200);
    expect(clocks.response.dueAt).toBe(REAL + 15 * MIN);
    expect(clocks.resolve.threshold).toBe('breached');
  });

  it('a change recorded on a laptop 6 h behind stops the clock when it really happened, not at creation', () => {
    const { incident, events } = recordP1(laptop(REAL, REAL, undefined, 'laptop-a'));
    // Owned 10 min later on laptop B, whose clock reads 5 h 50 min before then (it synced: its mark says so).
    const ctxB = laptop(REAL + 10 * MIN - 6 * HOUR, REAL + 10 * MIN, { state: 'off', hqMinusDeviceMs: 6 * HOUR });
    const owned = changeStatus(incident, 'in_progress', { assignee: 'Kim Ortiz' }, ctxB);
    if (!owned.ok) throw new Error(owned.error.message);
    const all = [...events, owned.value.event];
    const clocks = clocksAt(owned.value.incident, all, REAL + 20 * MIN);
    expect(clocks.response.state).toBe('stopped');
    expect(clocks.response.elapsedMs).toBe(10 * MIN);
    expect(clocks.resolve.elapsedMs).toBe(20 * MIN);
  });

  it('an unchecked entry keeps its recorded time even when its stamp runs ahead (a clock set back, or a stamp HQ capped to its push time)', () => {
    const { incident, events } = recordP1(laptop(REAL, REAL + 6 * HOUR, { state: 'unchecked' }));
    expect(slaStartOf(events)).toBe(REAL);
    expect(clocksAt(incident, events, REAL + 20 * MIN).response.threshold).toBe('breached');
  });

  it('a never-synced laptop 6 h behind: nothing synced says otherwise, so its recorded time stands', () => {
    const { incident, events } = recordP1(laptop(REAL - 6 * HOUR, REAL - 6 * HOUR, { state: 'unchecked' }));
    const clocks = clocksAt(incident, events, REAL + MIN);
    expect(slaStartOf(events)).toBe(REAL - 6 * HOUR);
    expect(clocks.response.threshold).toBe('breached');
  });

  it('a never-synced laptop 6 h ahead: its recorded time stands too (the breach shows once its clock is passed)', () => {
    const { incident, events } = recordP1(laptop(REAL + 6 * HOUR, REAL + 6 * HOUR, { state: 'unchecked' }));
    expect(slaStartOf(events)).toBe(REAL + 6 * HOUR);
    expect(clocksAt(incident, events, REAL + 3 * HOUR).response.percent).toBe(0);
  });

  it('a checked clock keeps its recorded time even when its stamp ran ahead (a stamp HQ capped an hour ahead, adopted by a pull)', () => {
    const { incident, events } = recordP1(laptop(REAL, REAL + HOUR, undefined, 'laptop-a'));
    expect(slaStartOf(events)).toBe(REAL);
    expect(clocksAt(incident, events, REAL + 20 * MIN).response.threshold).toBe('breached');
  });

  it('gives every laptop the same times from the same entries, whatever the reading laptop clock says', () => {
    const { incident, events } = recordP1(laptop(REAL - 6 * HOUR, REAL, { state: 'off', hqMinusDeviceMs: 6 * HOUR }));
    const a = slaTimelineFromEvents(incident.createdAt, events);
    const b = slaTimelineFromEvents(incident.createdAt, structuredClone(events));
    expect(a).toEqual(b);
    expect(a.createdAtMs).toBe(REAL);
  });
});

describe('what else counts from these times', () => {
  it('the notification watch and stakeholder updates use the corrected start and update times', () => {
    const behind = (atMs: number) => laptop(atMs - 6 * HOUR, atMs, { state: 'off', hqMinusDeviceMs: 6 * HOUR });
    const { incident, events } = recordP1(behind(REAL));
    expect(slaWatchFromIncident(incident, events, 'gold').createdAtMs).toBe(REAL);
    const update = logCommunication(incident, { direction: 'outgoing', from: 'Ana Field', to: 'Ward manager', channel: 'Phone', message: 'Oxygen back' }, behind(REAL + 30 * MIN));
    if (!update.ok) throw new Error(update.error.message);
    expect(lastStakeholderUpdateAt([...events, update.value.event])).toBe(REAL + 30 * MIN);
  });
});

describe('bestKnownTimeMs', () => {
  const at = (ms: number) => ({ utc: new Date(ms).toISOString(), offsetMinutes: 0 });
  it('corrects an off clock by the measured offset, and leaves a checked one as recorded', () => {
    expect(bestKnownTimeMs({ at: at(REAL), hlc: stamp(REAL), clock: { state: 'off', hqMinusDeviceMs: -HOUR } })).toBe(REAL - HOUR);
    expect(bestKnownTimeMs({ at: at(REAL), hlc: stamp(REAL + HOUR) })).toBe(REAL);
  });
  it('leaves an unchecked entry as recorded, whatever its stamp', () => {
    expect(bestKnownTimeMs({ at: at(REAL), hlc: stamp(REAL - HOUR), clock: { state: 'unchecked' } })).toBe(REAL);
    expect(bestKnownTimeMs({ at: at(REAL), hlc: stamp(REAL + HOUR), clock: { state: 'unchecked' } })).toBe(REAL);
  });
  it('gives NaN for an unusable recorded time (the clocks count such a change from creation)', () => {
    expect(bestKnownTimeMs({ at: { utc: 'not a time', offsetMinutes: 0 }, hlc: stamp(REAL), clock: { state: 'unchecked' } })).toBeNaN();
  });
  it('falls back to the row creation time when no creation entry is known', () => {
    expect(slaTimelineFromEvents('2026-11-26T13:00:00.000Z', []).createdAtMs).toBe(REAL - HOUR);
    expect(slaStartOf([])).toBeUndefined();
  });
});
