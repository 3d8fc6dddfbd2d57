// Automatic close: due N days after the current resolution, one deterministic entry per resolution, held for a sync.
import { describe, expect, it } from 'vitest';
import {
  applyAutoClose,
  AUTO_CLOSE_DETAIL,
  autoCloseDaysSchema,
  autoClosePlan,
  autoCloseReadiness,
  autoCloseStamp,
  changeStatus,
  computeIncidentSla,
  parseHlc,
  SEED_SLA_POLICIES,
  slaTimelineFromEvents,
  isUuidV7,
  SYSTEM_AUTHOR,
  timelineEventSchema,
  type Incident,
  type TimelineEvent,
} from '../../../../shared/domain';
import { makeCtx, NOW, recorded, stamp } from './fixtures';

const DAY = 24 * 60 * 60 * 1000;
const start = Date.parse(NOW.utc);

function ctxAt(ms: number, device = 'device-test-01') {
  return makeCtx({ deviceId: device, now: { utc: new Date(ms).toISOString(), offsetMinutes: 60 }, hlc: stamp(ms, 0, device) });
}

/** An incident walked through the lifecycle, with every event it produced. */
function walk(steps: ReadonlyArray<[to: Parameters<typeof changeStatus>[1], atMs: number, input?: Parameters<typeof changeStatus>[2]]>): { incident: Incident; events: TimelineEvent[] } {
  let incident = recorded();
  const events: TimelineEvent[] = [];
  for (const [to, atMs, input] of steps) {
    const result = changeStatus(incident, to, input ?? {}, ctxAt(atMs));
    if (!result.ok) throw new Error(result.error.message);
    incident = result.value.incident;
    events.push(result.value.event);
  }
  return { incident, events };
}

const resolveInput = { assignee: 'Ana Field', resolutionCode: 'Fixed', resolutionNotes: 'Replaced the starter battery.' };
const resolvedAt = start + 60 * 60_000;
const resolvedOnce = () => walk([['in_progress', start + 60_000, { assignee: 'Ana Field' }], ['resolved', resolvedAt, resolveInput]]);

describe('autoClosePlan', () => {
  it('is due exactly N days after the resolution, with a valid deterministic id', () => {
    const { incident, events } = resolvedOnce();
    const plan = autoClosePlan(incident, events, 7)!;
    expect(plan.dueAtMs).toBe(resolvedAt + 7 * DAY);
    expect(isUuidV7(plan.id)).toBe(true);
    expect(autoClosePlan(incident, [...events].reverse(), 7)!.id).toBe(plan.id);
    expect(autoClosePlan(incident, events, 3)!.id).toBe(plan.id);
  });

  it('is null for incidents that are not resolved, with closing off, or once the close is on the timeline', () => {
    const working = walk([['in_progress', start + 60_000, { assignee: 'Ana Field' }]]);
    expect(autoClosePlan(working.incident, working.events, 7)).toBeNull();
    const { incident, events } = resolvedOnce();
    expect(autoClosePlan(incident, events, 0)).toBeNull();
    expect(autoClosePlan(incident, [], 7)).toBeNull();
    const plan = autoClosePlan(incident, events, 7)!;
    const closed = applyAutoClose(incident, plan, { deviceId: 'device-b', now: ctxAt(plan.dueAtMs).now, hlc: stamp(plan.dueAtMs, 0, 'device-b') });
    if (!closed.ok) throw new Error(closed.error.message);
    expect(autoClosePlan(incident, [...events, closed.value.event], 7)).toBeNull();
  });

  it('counts from the latest resolution: reopened and resolved again gives a new due time and a new id', () => {
    const first = resolvedOnce();
    const again = walk([
      ['in_progress', start + 60_000, { assignee: 'Ana Field' }],
      ['resolved', resolvedAt, resolveInput],
      ['in_progress', resolvedAt + 2 * DAY, { reopenReason: 'Generator stalled again' }],
      ['resolved', resolvedAt + 3 * DAY, resolveInput],
    ]);
    const plan = autoClosePlan(again.incident, again.events, 7)!;
    expect(plan.dueAtMs).toBe(resolvedAt + 10 * DAY);
    expect(plan.id).not.toBe(autoClosePlan(first.incident, first.events, 7)!.id);
  });
});

describe('autoCloseReadiness', () => {
  const { incident, events } = resolvedOnce();
  const plan = autoClosePlan(incident, events, 7)!;
  it('a device never connected to HQ closes by its own clock', () => {
    expect(autoCloseReadiness(plan, plan.dueAtMs - 1, { connected: false })).toBe('not-yet');
    expect(autoCloseReadiness(plan, plan.dueAtMs, { connected: false })).toBe('due');
  });
  it('a connected device waits until it caught up with HQ after the due time', () => {
    const connected = (caughtUpFrom: number | null) => ({ connected: true as const, caughtUpFrom, clockOffsetMs: 0 });
    expect(autoCloseReadiness(plan, plan.dueAtMs + DAY, connected(null))).toBe('waiting-for-sync');
    expect(autoCloseReadiness(plan, plan.dueAtMs + DAY, connected(plan.dueAtMs - 1))).toBe('waiting-for-sync');
    expect(autoCloseReadiness(plan, plan.dueAtMs + DAY, connected(plan.dueAtMs + 5))).toBe('due');
  });
  it('a connected device judges by HQ time: a clock three days ahead does not close early', () => {
    const ahead = -3 * DAY;
    // The device clock says due + 1 day, HQ says 2 days before due; its sync mark is in device time too.
    const sync = { connected: true as const, caughtUpFrom: plan.dueAtMs + DAY, clockOffsetMs: ahead };
    expect(autoCloseReadiness(plan, plan.dueAtMs + DAY, sync)).toBe('not-yet');
    expect(autoCloseReadiness(plan, plan.dueAtMs + 3 * DAY + 10, { ...sync, caughtUpFrom: plan.dueAtMs + 3 * DAY })).toBe('due');
  });
});

describe('the resolver\'s clock', () => {
  it('a resolution recorded by a clock 10 days behind counts from its ordering stamp, not its recorded time', () => {
    let incident = recorded();
    const realNow = start + 30 * DAY;
    // The laptop's clock says 10 days ago, but it had synced: its stamp carries the time it received.
    const behind = makeCtx({ now: { utc: new Date(realNow - 10 * DAY).toISOString(), offsetMinutes: 60 }, hlc: stamp(realNow, 3) });
    const resolved = changeStatus(incident, 'resolved', resolveInput, behind);
    if (!resolved.ok) throw new Error(resolved.error.message);
    incident = resolved.value.incident;
    const plan = autoClosePlan(incident, [resolved.value.event], 7)!;
    expect(plan.dueAtMs).toBe(realNow + 7 * DAY);
    expect(autoCloseReadiness(plan, realNow + 5 * 60_000, { connected: false })).toBe('not-yet');
  });
});

describe('autoCloseStamp', () => {
  it('sorts right after the newest entry the device holds, with its own node', () => {
    const { events } = resolvedOnce();
    const newest = [...events].sort((a, b) => (a.hlc < b.hlc ? -1 : 1)).at(-1)!.hlc;
    const closing = autoCloseStamp(events, 'device-b');
    expect(closing > newest).toBe(true);
    expect(parseHlc(closing)).toMatchObject({ wallMs: parseHlc(newest).wallMs, counter: parseHlc(newest).counter + 1, node: 'device-b' });
    // A reopen made later on any laptop has a later wall time, so it sorts after the close.
    expect(stamp(parseHlc(newest).wallMs + 1, 0, 'device-a') > closing).toBe(true);
  });
});

describe('applyAutoClose', () => {
  it('closes as Lantern (automatic), keeps the resolution and says why on the entry', () => {
    const { incident, events } = resolvedOnce();
    const plan = autoClosePlan(incident, events, 7)!;
    const result = applyAutoClose(incident, plan, { deviceId: 'device-b', now: ctxAt(plan.dueAtMs).now, hlc: stamp(plan.dueAtMs, 0, 'device-b') });
    if (!result.ok) throw new Error(result.error.message);
    const { incident: closed, event, change } = result.value;
    expect(closed.status).toBe('closed');
    expect(closed.resolutionCode).toBe('Fixed');
    expect(closed.resolutionNotes).toBe('Replaced the starter battery.');
    expect(event).toMatchObject({ id: plan.id, kind: 'status_changed', from: 'resolved', to: 'closed', author: SYSTEM_AUTHOR });
    expect(event.kind === 'status_changed' && event.details[AUTO_CLOSE_DETAIL]).toBe('7 days after it was resolved, with no reopen');
    expect(change.event).toEqual(event);
    expect(timelineEventSchema.safeParse(event).success).toBe(true);
  });

  it('refuses an incident that is no longer resolved (reopened meanwhile)', () => {
    const { incident, events } = resolvedOnce();
    const plan = autoClosePlan(incident, events, 7)!;
    const reopened = changeStatus(incident, 'in_progress', { reopenReason: 'Not fixed' }, ctxAt(resolvedAt + DAY));
    if (!reopened.ok) throw new Error(reopened.error.message);
    const result = applyAutoClose(reopened.value.incident, plan, { deviceId: 'device-b', now: ctxAt(plan.dueAtMs).now, hlc: stamp(plan.dueAtMs, 0, 'device-b') });
    expect(result.ok).toBe(false);
  });
});

describe('autoCloseDaysSchema', () => {
  it('takes whole days from 0 to 365 and explains anything else', () => {
    expect(autoCloseDaysSchema.safeParse(0).success).toBe(true);
    expect(autoCloseDaysSchema.safeParse(7).success).toBe(true);
    for (const bad of [-1, 2.5, 366, Number.NaN, '7']) {
      const parsed = autoCloseDaysSchema.safeParse(bad);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toMatch(/days/);
    }
  });
});

describe('the SLA clocks and an overruled automatic close', () => {
  it('a reopen that wins the merge over the close keeps the resolve clock running', () => {
    const { incident, events } = resolvedOnce();
    const plan = autoClosePlan(incident, events, 7)!;
    // Closed on day 8.5 by one laptop, stamped just after what it knew (the resolution)…
    const closed = applyAutoClose(incident, plan, { deviceId: 'device-a', now: ctxAt(resolvedAt + 8.5 * DAY).now, hlc: autoCloseStamp(events, 'device-a') });
    if (!closed.ok) throw new Error(closed.error.message);
    // …while another reopened on day 7, offline: its stamp is later, so it wins the status everywhere.
    const reopened = changeStatus(incident, 'in_progress', { reopenReason: 'Stalled again' }, ctxAt(resolvedAt + 7 * DAY, 'device-b'));
    if (!reopened.ok) throw new Error(reopened.error.message);
    expect(reopened.value.event.hlc > closed.value.event.hlc).toBe(true);
    const all = [...events, closed.value.event, reopened.value.event];
    const clocks = computeIncidentSla(slaTimelineFromEvents(incident.createdAt, all), incident, SEED_SLA_POLICIES[0]!, resolvedAt + 9 * DAY);
    expect(clocks.resolve.state).toBe('running');

    // Not overruled (no later status change): the close stops the clock as any close does.
    const onlyClose = computeIncidentSla(slaTimelineFromEvents(incident.createdAt, [...events, closed.value.event]), incident, SEED_SLA_POLICIES[0]!, resolvedAt + 9 * DAY);
    expect(onlyClose.resolve.state).toBe('stopped');
  });
});
