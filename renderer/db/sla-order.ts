// The SLA fields of an incident row: its clock-relevant changes, and the shown clock's order key for the SLA order index.
import {
  resolveSlaPolicy,
  SLA_PAUSED,
  SLA_RUNNING,
  slaOrderKey,
  slaTimelineFromEvents,
  type Incident,
  type SlaChange,
  type SlaPolicySet,
  type TimelineEvent,
} from '../../shared/domain';

/** What a row needs to place its resolve clock: the changes (timeline-derived) and the policies in force. */
export interface RowSlaInputs {
  changes: readonly SlaChange[];
  policies: SlaPolicySet;
}

/** A change's identity: the same event arriving twice (sync, a repeated page) is kept once. */
function changeKey(change: SlaChange): string {
  return `${change.hlc}\u0000${change.atMs}\u0000${change.to ?? ''}`;
}

/** `held` plus the clock-relevant changes of `events` not held yet (status changes and first owners). */
export function withSlaChanges(held: readonly SlaChange[] | undefined, createdAt: string, events: readonly TimelineEvent[]): SlaChange[] {
  const out = held ? [...held] : [];
  if (events.length === 0) return out;
  const seen = new Set(out.map(changeKey));
  for (const change of slaTimelineFromEvents(createdAt, events).changes) {
    const key = changeKey(change);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(change);
  }
  return out;
}

/** Stopped clocks (and unusable times) sort after every running and paused one, newest update first. */
export const SLA_STOPPED = 2;

/**
 * A row's place in the list's SLA order, as the [slaGroup+slaKey] index holds it: group 0 (running) by due instant,
 * group 1 (paused) by ms left, group 2 (stopped) by updatedAt. Two fields, not one array, so the list's walks treat
 * the index like its other [prefix+field] indexes.
 */
export type RowSlaOrder =
  | { slaGroup: typeof SLA_RUNNING | typeof SLA_PAUSED; slaKey: number }
  | { slaGroup: typeof SLA_STOPPED; slaKey: string };

/** The row's index fields under `sla.policies`; `updatedAt` in the row's canonical form (it orders the stopped ones). */
export function slaOrderOf(incident: Incident, sla: RowSlaInputs, updatedAt: string): RowSlaOrder {
  const timeline = { createdAtMs: Date.parse(incident.createdAt), changes: sla.changes };
  const key = slaOrderKey(timeline, incident, resolveSlaPolicy(incident, sla.policies));
  return key && Number.isFinite(key[1]) ? { slaGroup: key[0], slaKey: key[1] } : { slaGroup: SLA_STOPPED, slaKey: updatedAt };
}

/** Changes stamped `from` now carry `to` (HQ capped a future-dated stamp; the event was rewritten likewise). */
export function restampSlaChanges(changes: readonly SlaChange[] | undefined, from: string, to: string): SlaChange[] | undefined {
  if (!changes?.some((change) => change.hlc === from)) return undefined;
  return changes.map((change) => (change.hlc === from ? { ...change, hlc: to } : change));
}
