// Changes Lantern makes by itself (automatic escalations), written through commitChange: one transaction with its outbox op.
import { applyEscalation, type CommandResult, type DueEscalation, type Incident } from '../../shared/domain';
import type { Clock } from './clock';
import { commitChange, type CommandScope } from './commit-change';
import type { LanternDb } from './database';
import { fromIncidentRow } from './incident-row';
import type { RepoResult } from './repo-result';

/** Decides a system change from the incident as stored inside the transaction; null: nothing to do any more. */
export type SystemChange = (incident: Incident, scope: CommandScope) => CommandResult | null | Promise<CommandResult | null>;

export type SystemChangeResult = RepoResult<{ readonly applied: boolean; readonly incident: Incident | null }>;

/**
 * Applies one system change to an incident: the incident, its timeline event and its outbox operation commit
 * together (commitChange), with this transaction's HLC stamp. A change that is no longer needed writes nothing.
 */
export async function applySystemChange(db: LanternDb, clock: Clock, incidentId: string, decide: SystemChange): Promise<SystemChangeResult> {
  let skipped = false;
  const result = await commitChange(db, clock, async (scope) => {
    const row = await db.incidents.get(incidentId);
    if (!row) return { ok: false, error: { code: 'not-found', message: 'This incident is no longer on this device.' } };
    const outcome = await decide(fromIncidentRow(row), scope);
    if (outcome === null) {
      skipped = true;
      return { ok: false, error: { code: 'no-change', message: 'Nothing to change.' } };
    }
    return outcome;
  });
  if (result.ok) return { ok: true, value: { applied: true, incident: result.value.incident } };
  if (skipped) return { ok: true, value: { applied: false, incident: null } };
  return result;
}

/**
 * Writes a due automatic escalation exactly once on this device: inside the transaction it checks that the
 * deterministic event id is not on the timeline yet (another tab, or a sync from a device that escalated first).
 */
export async function applyDueEscalation(db: LanternDb, clock: Clock, due: DueEscalation): Promise<SystemChangeResult> {
  return applySystemChange(db, clock, due.incidentId, async (incident, { ctx }) => {
    // Same transaction as the write: two tabs (or a sync that brought another device's escalation) cannot both add it.
    if (await db.timeline.get(due.id)) return null;
    return applyEscalation(incident, due, { deviceId: ctx.deviceId, now: ctx.now, hlc: ctx.hlc });
  });
}
