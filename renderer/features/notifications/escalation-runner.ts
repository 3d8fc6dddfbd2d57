// Once a minute: finds automatic escalations due on open incidents and writes each once (timeline + outbox op).
import { fromIncidentRow, systemClock, type Clock, type IncidentRow, type LanternDb } from '../../db';
import { applyDueEscalation } from '../../db/system-changes';
import {
  computeIncidentSla,
  dueEscalations,
  nextEscalationCheckAt,
  SEED_ESCALATION_RULES,
  slaTimelineFromEvents,
  targetFor,
  thresholdPercent,
  type EscalationRule,
  type Incident,
  type SlaClocks,
  type SlaPolicy,
  type TimelineEvent,
} from '../../../shared/domain';
import { createEscalationMemo } from './escalation-memo';
import { yieldToInput } from './idle-slices';
import { startPeriodicPass, type PeriodicPass } from './periodic-pass';
import { DEFAULT_POLICY, forEachOpenIncidentPage, WALK_SLICE_SIZE, withEvents, type Pause } from './incident-batches';

export const ESCALATION_INTERVAL_MS = 60_000;
/** Refused incidents remembered (oldest forgotten first), so a pass does not retry them every minute. */
const REFUSED_LIMIT = 20_000;

export interface EscalationRunnerOptions {
  readonly db: LanternDb;
  readonly clock?: Clock;
  readonly rules?: readonly EscalationRule[];
  readonly policyOf?: (incident: Incident) => SlaPolicy;
  readonly intervalMs?: number;
  readonly batchSize?: number;
  /** Awaited between pages of a pass; defaults to yielding to input and rendering. */
  readonly pause?: Pause;
  readonly onError?: (error: unknown) => void;
}

/** runOnce() resolves to how many escalations were written. */
export type EscalationRunner = PeriodicPass;

/**
 * Wall-clock age is an upper bound of any SLA clock's elapsed time (pauses and calendars only subtract), so an
 * incident younger than the earliest rule threshold cannot be due; its timeline is then not read at all.
 */
export function mayBeDue(row: IncidentRow, policy: SlaPolicy, rules: readonly EscalationRule[], nowMs: number): boolean {
  const age = nowMs - Date.parse(row.createdAt);
  if (!Number.isFinite(age)) return true;
  // A priority that changed may have breached under a stricter target than today's (the breach stays): not judged by age.
  if (row.slaChanges?.some((change) => change.levels !== undefined)) return true;
  const target = targetFor(policy, row.priority);
  for (const rule of rules) {
    const minutes = rule.clock === 'response' ? target.responseMinutes : target.resolveMinutes;
    if (age * 100 >= minutes * 60_000 * thresholdPercent(rule.at, policy)) return true;
  }
  return false;
}

export function startEscalationRunner(options: EscalationRunnerOptions): EscalationRunner {
  const { db } = options;
  const clock = options.clock ?? systemClock;
  const rules = options.rules ?? SEED_ESCALATION_RULES;
  const policyOf = options.policyOf ?? (() => DEFAULT_POLICY);
  const onError = options.onError ?? ((error: unknown) => console.warn('Lantern: automatic escalation failed', error));
  // A refusal (e.g. a stored row the domain rejects) repeats until the incident changes, and each attempt is a
  // failed transaction: with thousands of such rows every pass kept the main thread busy. Keyed by updatedAt,
  // since every change of an incident bumps it.
  const refused = new Map<string, string>();
  const refuse = (row: IncidentRow) => {
    refused.delete(row.id);
    refused.set(row.id, row.updatedAt);
    for (const id of refused.keys()) {
      if (refused.size <= REFUSED_LIMIT) break;
      refused.delete(id);
    }
  };

  // Per open incident, when its next escalation can be due (for the row version it was computed from): an unchanged
  // incident with nothing due is skipped without reading its timeline, so a pass after all escalations are written
  // reads only the rows, and an idle desk's background work no longer grows with the timelines.
  const memo = createEscalationMemo();

  /** Checks clocks from the timeline as read, and from the row's own SLA changes (which a concurrent sync may have extended). */
  const checkAt = (row: IncidentRow, events: readonly TimelineEvent[], nowMs: number, clocks?: SlaClocks): number => {
    const incident = fromIncidentRow(row);
    const policy = policyOf(incident);
    const fromEvents = nextEscalationCheckAt(incident, events, policy, rules, nowMs, clocks);
    if (row.slaChanges === undefined) return fromEvents;
    const fromRow = computeIncidentSla({ createdAtMs: Date.parse(incident.createdAt), changes: row.slaChanges }, incident, policy, nowMs);
    return Math.min(fromEvents, nextEscalationCheckAt(incident, events, policy, rules, nowMs, fromRow));
  };

  /** The incident as it is after a write (its row, then its timeline, so the timeline holds what the row reflects). */
  const reread = async (id: string) => {
    const [row] = await db.incidents.bulkGet([id]);
    return row === undefined ? undefined : { row, events: (await withEvents(db, [row]))[0]!.events };
  };

  const pass = async (): Promise<number> => {
    let written = 0;
    let refusals = 0;
    let firstRefusal = '';
    memo.beginPass();
    await forEachOpenIncidentPage(db, options.batchSize ?? WALK_SLICE_SIZE, async (rows) => {
      const nowMs = clock.nowMs();
      const candidates = rows.filter(
        (row) => refused.get(row.id) !== row.updatedAt && mayBeDue(row, policyOf(row), rules, nowMs) && !memo.skips(row, policyOf(row), nowMs),
      );
      const byId = new Map(candidates.map((row) => [row.id, row]));
      for (const first of await withEvents(db, candidates)) {
        let row: IncidentRow | undefined = byId.get(first.incident.id)!;
        let events = first.events;
        // A write can make more due at once (a raised priority has shorter targets): the incident is checked again
        // after its writes, as the offset walk did when it met the moved row again at the end of the pass.
        for (let round = 0; row !== undefined && round <= rules.length; round++) {
          const incident = fromIncidentRow(row);
          const policy = policyOf(incident);
          const clocks = computeIncidentSla(slaTimelineFromEvents(incident.createdAt, events), incident, policy, nowMs);
          const dues = dueEscalations(incident, events, policy, rules, nowMs, clocks);
          if (dues.length === 0) {
            memo.remember(row, policy, checkAt(row, events, nowMs, clocks));
            break;
          }
          for (const due of dues) {
            if (periodic.stopped) return;
            const result = await applyDueEscalation(db, clock, due);
            if (!result.ok) {
              refuse(row);
              memo.forget(row.id);
              if (refusals++ === 0) firstRefusal = result.error.message;
              row = undefined;
              break;
            } else if (result.value.applied) written++;
          }
          if (row === undefined) break;
          const after = await reread(row.id);
          if (after === undefined) memo.forget(row.id);
          row = after?.row;
          events = after?.events ?? [];
        }
      }
    }, options.pause ?? yieldToInput);
    if (!periodic.stopped) memo.endPass();
    // One report per pass, not one per incident (a warning each was itself costly with thousands).
    if (refusals > 0) onError(new Error(refusals === 1 ? firstRefusal : `${refusals} escalations were refused, e.g.: ${firstRefusal}`));
    return written;
  };

  // Declared after `pass`, which reads it only when it runs (never before this returns).
  const periodic = startPeriodicPass(pass, options.intervalMs ?? ESCALATION_INTERVAL_MS, onError);
  return periodic;
}
