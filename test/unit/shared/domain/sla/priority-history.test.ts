// The SLA clocks follow the priority history: each instant is judged by the target of the priority then, and a breach stays.
import { describe, expect, it } from 'vitest';
import {
  changeStatus,
  computeIncidentSla,
  dueEscalations,
  editIncident,
  priorityChangesOf,
  SEED_ESCALATION_RULES,
  SEED_SLA_POLICIES,
  slaOrderKey,
  slaTimelineFromEvents,
  slaWatchFromIncident,
  slaWatchSchema,
  summarizeIncidents,
  type CommandResult,
  type Impact,
  type Incident,
  type SlaChange,
  type SlaPriorityNow,
  type Status,
  type TimelineEvent,
} from '../../../../../shared/domain';
import { makeCtx, recorded, stamp } from '../fixtures';

const MIN = 60_000;
const T0 = Date.parse('2026-11-23T09:00:00Z');
const gold = SEED_SLA_POLICIES.find((p) => p.id === 'gold')!;
const ctxAt = (minutes: number) => makeCtx({ now: { utc: new Date(T0 + minutes * MIN).toISOString(), offsetMinutes: 0 }, hlc: stamp(T0 + minutes * MIN) });

/** An incident and its timeline, built with the real commands, one step at a time. */
class Story {
  incident: Incident;
  readonly events: TimelineEvent[] = [];
  constructor(impact: Impact, urgency: Impact) {
    this.incident = recorded({ impact, urgency }, ctxAt(0));
  }
  private apply(result: CommandResult): this {
    if (!result.ok) throw new Error(result.error.message);
    this.incident = result.value.incident;
    this.events.push(result.value.event);
    return this;
  }
  levels(minutes: number, impact: Impact, urgency: Impact): this {
    return this.apply(editIncident(this.incident, { impact, urgency }, ctxAt(minutes)));
  }
  impact(minutes: number, impact: Impact): this {
    return this.apply(editIncident(this.incident, { impact }, ctxAt(minutes)));
  }
  status(minutes: number, to: Status, input: Record<string, string> = {}): this {
    return this.apply(changeStatus(this.incident, to, input, ctxAt(minutes)));
  }
  clocks(minutes: number, priority: SlaPriorityNow = this.incident) {
    return computeIncidentSla(slaTimelineFromEvents(this.incident.createdAt, this.events), priority, gold, T0 + minutes * MIN);
  }
}

// Gold targets: P1 15 min to own / 1 h to resolve, P2 30 min / 2 h, P3 1 h / 4 h, P4 2 h / 8 h.
describe('SLA clocks across priority changes', () => {
  it('upgrading late breaches at the upgrade, under the new priority', () => {
    const story = new Story(3, 3).levels(44, 1, 1);
    expect(story.incident.priority).toBe(1);
    const { response, resolve } = story.clocks(45);
    expect(response).toMatchObject({ threshold: 'breached', targetMs: 15 * MIN, breach: { atMs: T0 + 44 * MIN, priority: 1 }, dueAt: T0 + 44 * MIN });
    expect(resolve).toMatchObject({ threshold: 'warn75', targetMs: 60 * MIN });
  });

  it('a downgrade after a breach does not lift it', () => {
    const story = new Story(3, 3).levels(44, 1, 1).levels(59, 3, 3);
    expect(story.incident.priority).toBe(4);
    const { response, resolve } = story.clocks(60);
    // Judged by the target it breached under: 60 of 15 minutes.
    expect(response).toMatchObject({ state: 'running', threshold: 'breached', targetMs: 15 * MIN, percent: 400, breach: { atMs: T0 + 44 * MIN, priority: 1 } });
    // The resolve clock (1 h as P1) had 59 minutes when the priority went back to P4: never breached, now 8 h.
    expect(resolve).toMatchObject({ threshold: 'none', targetMs: 8 * 60 * MIN });
    expect(resolve.breach).toBeUndefined();
    // Owned later, it was owned late.
    story.status(70, 'assigned', { team: 'Service desk' });
    expect(story.clocks(80).response).toMatchObject({ state: 'stopped', threshold: 'breached', breach: { priority: 1 } });
  });

  it('a downgrade before a breach judges the rest by the looser target', () => {
    const story = new Story(1, 1).levels(10, 2, 2);
    expect(story.incident.priority).toBe(3);
    const { response } = story.clocks(20);
    expect(response).toMatchObject({ threshold: 'none', targetMs: 60 * MIN, dueAt: T0 + 60 * MIN });
    expect(response.breach).toBeUndefined();
    // A downgrade just after the P1 target passed: breached at 15 minutes, as P1.
    expect(new Story(1, 1).levels(16, 2, 2).clocks(20).response).toMatchObject({ threshold: 'breached', breach: { atMs: T0 + 15 * MIN, priority: 1 } });
  });

  it('a change on hold moves the target the paused clock is judged by', () => {
    const held = new Story(3, 3).status(5, 'assigned', { team: 'Service desk' }).status(30, 'on_hold', { holdReason: 'Awaiting vendor' }).levels(60, 1, 1);
    // 30 running minutes of P1's hour: not breached, paused.
    expect(held.clocks(70).resolve).toMatchObject({ state: 'paused', threshold: 'warn50', targetMs: 60 * MIN });
    held.status(90, 'in_progress');
    expect(held.clocks(125).resolve).toMatchObject({ state: 'running', threshold: 'breached', breach: { atMs: T0 + 120 * MIN, priority: 1 } });
    // Already past the new target when upgraded on hold: breached at the upgrade, still paused.
    const late = new Story(3, 3).status(5, 'assigned', { team: 'Service desk' }).status(70, 'on_hold', { holdReason: 'Awaiting vendor' }).levels(80, 1, 1);
    expect(late.clocks(90).resolve).toMatchObject({ state: 'paused', threshold: 'breached', breach: { atMs: T0 + 80 * MIN, priority: 1 } });
  });

  it('several changes: the first moment the elapsed time reaches the target then in force', () => {
    // P4 → P2 at 20 min (30 min to own) → P3 at 25 (1 h) → P1 at 40 (15 min: already past) → P4 at 50.
    const story = new Story(3, 3).levels(20, 2, 1).levels(25, 2, 2).levels(40, 1, 1).levels(50, 3, 3);
    expect(story.clocks(55).response).toMatchObject({ threshold: 'breached', breach: { atMs: T0 + 40 * MIN, priority: 1 } });
    // P4 → P2 at 20 min, kept: breaches where 30 minutes are reached, as P2.
    expect(new Story(3, 3).levels(20, 2, 1).clocks(35).response).toMatchObject({ breach: { atMs: T0 + 30 * MIN, priority: 2 } });
  });

  it('a clock that stopped keeps the verdict of its target then', () => {
    const owned = new Story(3, 3).status(10, 'assigned', { team: 'Service desk' }).levels(20, 1, 1);
    expect(owned.clocks(30).response).toMatchObject({ state: 'stopped', threshold: 'none', targetMs: 120 * MIN });
    // Resolved as P3 in 50 minutes, upgraded while resolved: still met; reopened, the P1 hour applies from then on.
    const resolved = new Story(2, 2).status(5, 'assigned', { team: 'Service desk' }).status(50, 'resolved', { resolutionCode: 'Fixed', resolutionNotes: 'Reset' }).levels(60, 1, 1);
    expect(resolved.clocks(65).resolve).toMatchObject({ state: 'stopped', threshold: 'none', targetMs: 4 * 60 * MIN });
    resolved.status(70, 'in_progress', { reopenReason: 'Came back' });
    expect(resolved.clocks(85).resolve).toMatchObject({ state: 'running', breach: { atMs: T0 + 80 * MIN, priority: 1 } });
  });

  it('a view whose minute tick is older than the upgrade shows the new priority at once', () => {
    // Upgraded at 44.5 minutes; the view still holds the tick of minute 44.
    const story = new Story(3, 3).levels(44.5, 1, 1);
    expect(story.clocks(44).response).toMatchObject({ threshold: 'breached', targetMs: 15 * MIN, breach: { atMs: T0 + 44 * MIN, priority: 1 } });
    // A minute later the breach sits at the upgrade itself.
    expect(story.clocks(45).response.breach).toEqual({ atMs: T0 + 44.5 * MIN, priority: 1 });
  });

  it('knows a level that never changed from the incident, and guesses leniently without it', () => {
    // Impact 1 × urgency 2 is P2 (30 min to own); impact lowered to 3 at 40 minutes makes it P4.
    const story = new Story(1, 2).impact(40, 3);
    expect(story.clocks(45).response).toMatchObject({ breach: { atMs: T0 + 30 * MIN, priority: 2 } });
    // From "P4" alone the urgency could be 2 or 3: the looser (3, so P3 before) is taken, which finds no breach.
    expect(story.clocks(45, { priority: 4 }).response.threshold).not.toBe('breached');
  });
});

describe('where the clocks are read', () => {
  it('names the entries that moved the priority, with before and after, also for one level at a time', () => {
    const story = new Story(3, 3).impact(10, 1).levels(20, 2, 2).levels(30, 3, 3);
    const [first, second, third] = story.events.map((event) => event.id);
    const changes = priorityChangesOf(story.incident.createdAt, story.events, story.incident);
    // Impact 1 × urgency 3 is P3, and so is 2 × 2: the second entry did not move the priority; the third went back to P4.
    expect([...changes]).toEqual([[first, [4, 3]], [third, [3, 4]]]);
    expect(changes.has(second!)).toBe(false);
  });

  it('the SLA order key stays on the breach after a downgrade', () => {
    const story = new Story(3, 3).levels(44, 1, 1).levels(59, 3, 3);
    const timeline = slaTimelineFromEvents(story.incident.createdAt, story.events);
    expect(slaOrderKey(timeline, story.incident, gold)).toEqual([0, T0 + 44 * MIN]);
  });

  it('statistics count a breach hidden by a downgrade as breached', () => {
    const story = new Story(3, 3).levels(44, 1, 1).levels(59, 3, 3).status(70, 'assigned', { team: 'Service desk' });
    const subject = {
      priority: story.incident.priority, impact: story.incident.impact, urgency: story.incident.urgency, status: story.incident.status, major: false, exercise: false, category: null, site: null, team: 'Service desk',
      updatedAtMs: T0 + 70 * MIN, timeline: slaTimelineFromEvents(story.incident.createdAt, story.events), policy: gold,
    };
    const stats = summarizeIncidents([subject], { fromMs: T0 - MIN, toMs: T0 + 100 * MIN, bucketStarts: [] }, T0 + 80 * MIN);
    expect(stats.response).toEqual({ met: 0, breached: 1 });
  });

  it('automatic escalation still sees the breach after a downgrade', () => {
    const story = new Story(3, 3).levels(44, 1, 1).levels(59, 3, 3);
    const due = dueEscalations(story.incident, story.events, gold, SEED_ESCALATION_RULES, T0 + 60 * MIN);
    expect(due.map((d) => d.rule.id)).toContain('response-breach-team-lead');
  });

  it('the notification watch names both levels on every level change, so the service needs no incident', () => {
    const story = new Story(1, 2).impact(40, 3);
    const watch = slaWatchFromIncident(story.incident, story.events, 'gold');
    expect(slaWatchSchema.safeParse(watch).success).toBe(true);
    expect(watch.changes).toEqual([expect.objectContaining({ levels: { impact: [1, 3], urgency: [2, 2] } })]);
    expect(watch.changes[0]).not.toHaveProperty('to');
    const clocks = computeIncidentSla({ createdAtMs: watch.createdAtMs, changes: watch.changes }, { priority: watch.priority }, gold, T0 + 45 * MIN);
    expect(clocks.response.breach).toEqual({ atMs: T0 + 30 * MIN, priority: 2 });
  });

  it('level-only changes neither own the incident nor change its status', () => {
    const changes: SlaChange[] = [{ atMs: T0 + 5 * MIN, hlc: stamp(T0 + 5 * MIN), levels: { impact: [3, 2] } }];
    const clocks = computeIncidentSla({ createdAtMs: T0, changes }, { priority: 4, impact: 2, urgency: 3 }, gold, T0 + 10 * MIN);
    expect(clocks.response.state).toBe('running');
    expect(clocks.resolve.state).toBe('running');
  });
});
