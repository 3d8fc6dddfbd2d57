// Assertions shared by the engine and property tests: every replica equals HQ, every operation is at HQ exactly once.
import { expect } from 'vitest';
import type { TimelineEvent } from '../../../../../shared/domain';
import type { IncidentState } from '../../../../../shared/sync/merge';
import type { Operation } from '../../../../../shared/sync/operation';
import type { FakeHq } from './fake-hq';
import type { SimDevice } from './sim-device';

/** The synced part of an incident: identity, field values, their stamps and the newest recorded time. */
export function syncedView(states: ReadonlyMap<string, IncidentState>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const id of [...states.keys()].sort()) {
    const s = states.get(id)!;
    out[id] = { init: s.init, fields: s.fields, stamps: s.stamps, updatedAt: s.updatedAt };
  }
  return out;
}

export function timelineView(events: Iterable<TimelineEvent>): TimelineEvent[] {
  return [...events].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** HQ and every device hold the same incidents and timelines; no timeline entry twice. */
export function expectConverged(hq: FakeHq, devices: readonly SimDevice[]): void {
  const hqIncidents = syncedView(hq.incidents);
  const hqTimeline = timelineView(hq.timeline.values());
  for (const device of devices) {
    expect(syncedView(device.replica.incidentStates()), `incidents on ${device.id}`).toEqual(hqIncidents);
    const events = device.replica.timelineEvents();
    expect(new Set(events.map((e) => e.id)).size, `unique timeline ids on ${device.id}`).toBe(events.length);
    expect(timelineView(events), `timeline on ${device.id}`).toEqual(hqTimeline);
  }
}

/** Every operation ever created is at HQ exactly once (by opId and by (deviceId, deviceSeq)). */
export function expectEveryOpOnceAtHq(hq: FakeHq, created: readonly Operation[]): void {
  const held = hq.operations();
  const opIds = held.map((entry) => entry.op.opId);
  expect(new Set(opIds).size, 'no operation twice at HQ').toBe(opIds.length);
  const pairs = held.map((entry) => `${entry.op.deviceId}#${entry.op.deviceSeq}`);
  expect(new Set(pairs).size, 'no (deviceId, deviceSeq) twice at HQ').toBe(pairs.length);
  expect([...opIds].sort(), 'every created operation at HQ').toEqual(created.map((op) => op.opId).sort());
}

/**
 * The LWW oracle: each field of each incident at HQ holds the value of the operation with the highest stamp
 * among those that set it (computed from HQ's log, independently of merge.ts).
 */
export function expectLastWriterWins(hq: FakeHq): void {
  const best = new Map<string, Operation>();
  for (const { op } of hq.operations()) {
    for (const field of Object.keys(op.set)) {
      const key = `${op.incidentId}/${field}`;
      const current = best.get(key);
      if (!current || op.hlc > current.hlc) best.set(key, op);
    }
  }
  for (const [key, op] of best) {
    const [incidentId, field] = key.split('/') as [string, string];
    const state = hq.incidents.get(incidentId)!;
    expect((state.fields as Record<string, unknown>)[field], `${field} of ${incidentId}`).toEqual((op.set as Record<string, unknown>)[field]);
    expect(state.stamps[field], `stamp of ${field}`).toBe(op.hlc);
  }
}
