// Once a minute: finds automatic escalations due on open incidents and writes each once (timeline + outbox op).
import { systemClock, type Clock, type IncidentRow, type LanternDb } from '../../db';
import { applyDueEscalation } from '../../db/system-changes';
import { dueEscalations, SEED_ESCALATION_RULES, targetFor, type EscalationRule, type Incident, type SlaPolicy } from '../../../shared/domain';
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

function percentAt(at: EscalationRule['at'], policy: SlaPolicy): number {
  return at === 'breached' ? 100 : at === 'warn75' ? policy.warnPercents[1] : policy.warnPercents[0];
}

/**
 * Wall-clock age is an upper bound of any SLA clock's elapsed time (pauses and calendars only subtract), so an
 * incident younger than the earliest rule threshold cannot be due; its timeline is then not read at all.
 */
export function mayBeDue(row: IncidentRow, policy: SlaPolicy, rules: readonly EscalationRule[], nowMs: number): boolean {
  const age = nowMs - Date.parse(row.createdAt);
  if (!Number.isFinite(age)) return true;
  const target = targetFor(policy, row.priority);
  for (const rule of rules) {
    const minutes = rule.clock === 'response' ? target.responseMinutes : target.resolveMinutes;
    if (age * 100 >= minutes * 60_000 * percentAt(rule.at, policy)) return true;
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

  const pass = async (): Promise<number> => {
    let written = 0;
    let refusals = 0;
    let firstRefusal = '';
    await forEachOpenIncidentPage(db, options.batchSize ?? WALK_SLICE_SIZE, async (rows) => {
      const nowMs = clock.nowMs();
      const candidates = rows.filter((row) => refused.get(row.id) !== row.updatedAt && mayBeDue(row, policyOf(row), rules, nowMs));
      const byId = new Map(candidates.map((row) => [row.id, row]));
      for (const { incident, events } of await withEvents(db, candidates)) {
        for (const due of dueEscalations(incident, events, policyOf(incident), rules, nowMs)) {
          if (periodic.stopped) return;
          const result = await applyDueEscalation(db, clock, due);
          if (!result.ok) {
            refuse(byId.get(incident.id)!);
            if (refusals++ === 0) firstRefusal = result.error.message;
            break;
          } else if (result.value.applied) written++;
        }
      }
    }, options.pause ?? yieldToInput);
    // One report per pass, not one per incident (a warning each was itself costly with thousands).
    if (refusals > 0) onError(new Error(refusals === 1 ? firstRefusal : `${refusals} escalations were refused, e.g.: ${firstRefusal}`));
    return written;
  };

  // Declared after `pass`, which reads it only when it runs (never before this returns).
  const periodic = startPeriodicPass(pass, options.intervalMs ?? ESCALATION_INTERVAL_MS, onError);
  return periodic;
}
