// Automatic close N days after an incident was resolved (DOMAIN.md, ServiceNow: 7), made once across devices.
import { z } from 'zod';
import { SYSTEM_AUTHOR } from './author';
import { changeStatus, type CommandContext, type CommandResult } from './commands';
import type { Incident } from './incident';
import { deterministicUuidV7 } from './sla/deterministic-id';
import { formatHlc, HLC_COUNTER_MAX, parseHlc } from './hlc';
import { causalOrder, type TimelineEvent } from './timeline';
import type { ZonedTime } from './zoned-time';

/** ServiceNow's default. */
export const DEFAULT_AUTO_CLOSE_DAYS = 7;
export const AUTO_CLOSE_DAYS_MAX = 365;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Days after resolving; 0 turns automatic closing off. */
export const autoCloseDaysSchema = z
  .number({ message: 'Enter a number of days (0 turns automatic closing off).' })
  .int('Enter whole days.')
  .min(0, 'Enter 0 or more days (0 turns automatic closing off).')
  .max(AUTO_CLOSE_DAYS_MAX, `Enter at most ${AUTO_CLOSE_DAYS_MAX} days.`);

/** The detail key of the closing status change that says why Lantern closed it. */
export const AUTO_CLOSE_DETAIL = 'closedAutomatically';

/** The resolution that automatic closing counts from: the latest change to Resolved in causal (HLC) order. */
export function currentResolution(events: readonly TimelineEvent[]): Extract<TimelineEvent, { kind: 'status_changed' }> | null {
  let latest: Extract<TimelineEvent, { kind: 'status_changed' }> | null = null;
  for (const event of events) {
    if (event.kind === 'status_changed' && event.to === 'resolved' && (latest === null || causalOrder(event, latest) > 0)) latest = event;
  }
  return latest;
}

/** The plan of an automatic close; `dueAtMs` is when it becomes due. */
export interface AutoClosePlan {
  readonly id: string;
  readonly incidentId: string;
  readonly resolvedEventId: string;
  readonly resolvedAtMs: number;
  readonly dueAtMs: number;
  readonly days: number;
}

/**
 * When this resolved incident closes by itself, or null (not resolved, closing off, no resolution on the timeline,
 * or already closed by this plan). The id depends only on the incident and its resolution, so every device that
 * closes the same resolution writes the same entry and sync keeps one; a reopen and a new resolution start again.
 */
export function autoClosePlan(incident: Pick<Incident, 'id' | 'status'>, events: readonly TimelineEvent[], days: number): AutoClosePlan | null {
  if (incident.status !== 'resolved' || !Number.isInteger(days) || days <= 0) return null;
  const resolution = currentResolution(events);
  if (resolution === null) return null;
  const recordedMs = Date.parse(resolution.at.utc);
  if (!Number.isFinite(recordedMs)) return null;
  const id = deterministicUuidV7(recordedMs, ['lantern-auto-close', incident.id, resolution.id]);
  if (events.some((event) => event.id === id)) return null;
  // The later of the resolver's clock and its ordering stamp: a resolver whose clock ran days behind but had synced
  // carries a stamp near real time (a stamp is never below any it received), so its resolution does not look old.
  const resolvedAtMs = Math.max(recordedMs, parseHlc(resolution.hlc).wallMs);
  return { id, incidentId: incident.id, resolvedEventId: resolution.id, resolvedAtMs, dueAtMs: resolvedAtMs + days * DAY_MS, days };
}

/**
 * What this device knows of HQ: not connected (it decides alone by its clock), or connected with when its last
 * complete pull started (everything HQ held then is here) and its clock's offset from HQ (HQ time − device time).
 * A connected device closes only once it caught up after the due time, so a reopen another laptop already sent to
 * HQ is seen first; and it judges "due" by HQ's time, so a laptop whose clock runs ahead does not close early.
 */
export type AutoCloseSyncState =
  | { readonly connected: false }
  | { readonly connected: true; readonly caughtUpFrom: number | null; readonly clockOffsetMs: number };

export type AutoCloseReadiness = 'due' | 'not-yet' | 'waiting-for-sync';

export function autoCloseReadiness(plan: AutoClosePlan, nowMs: number, sync: AutoCloseSyncState): AutoCloseReadiness {
  if (!sync.connected) return nowMs < plan.dueAtMs ? 'not-yet' : 'due';
  if (nowMs + sync.clockOffsetMs < plan.dueAtMs) return 'not-yet';
  if (sync.caughtUpFrom === null || sync.caughtUpFrom + sync.clockOffsetMs < plan.dueAtMs) return 'waiting-for-sync';
  return 'due';
}

/**
 * The stamp of an automatic close: just after the newest entry this device holds for the incident, with this
 * device's node. Not the device's current time: a reopen made offline on another laptop after those entries carries
 * a later stamp and wins the merge everywhere, instead of being overruled by a close nobody chose; and the entry
 * still sorts after everything the device had seen when it closed.
 */
export function autoCloseStamp(events: readonly TimelineEvent[], deviceId: string): string {
  let newest: string | null = null;
  for (const event of events) if (newest === null || event.hlc > newest) newest = event.hlc;
  const floor = newest === null ? { wallMs: 0, counter: 0 } : parseHlc(newest);
  const overflow = floor.counter >= HLC_COUNTER_MAX;
  return formatHlc({ wallMs: overflow ? floor.wallMs + 1 : floor.wallMs, counter: overflow ? 0 : floor.counter + 1, node: deviceId });
}

/** What the caller supplies to write the close: this device, its clock and a fresh HLC stamp. */
export interface AutoCloseContext {
  readonly deviceId: string;
  readonly now: ZonedTime;
  readonly hlc: string;
}

/** The closing change (incident, timeline entry with the plan's id, sync change), authored by Lantern (automatic). */
export function applyAutoClose(incident: Incident, plan: AutoClosePlan, context: AutoCloseContext): CommandResult {
  if (incident.status !== 'resolved') {
    return { ok: false, error: { code: 'not-allowed', message: 'Only a resolved incident closes automatically; this one is no longer resolved.' } };
  }
  const ctx: CommandContext = { deviceId: context.deviceId, now: context.now, hlc: context.hlc, author: SYSTEM_AUTHOR, newId: () => plan.id };
  const result = changeStatus(incident, 'closed', {}, ctx);
  if (!result.ok) return result;
  const event = result.value.event;
  if (event.kind !== 'status_changed') return result;
  const why = `${plan.days} ${plan.days === 1 ? 'day' : 'days'} after it was resolved, with no reopen`;
  const closing = { ...event, details: { ...event.details, [AUTO_CLOSE_DETAIL]: why } };
  return { ok: true, value: { ...result.value, event: closing, change: { ...result.value.change, event: closing } } };
}
