// Facility system status writes: one HICS 251 snapshot is one transaction (timeline entry + outbox operation) via commitChange.
import type { TimelineEvent } from '../../shared/domain';
import { recordSystemStatus, type SystemStatusInput } from '../../shared/domain/system-status';
import { systemClock, type Clock } from './clock';
import { commitChange } from './commit-change';
import type { LanternDb } from './database';
import { onExistingIncident } from './on-incident';
import type { RepoResult } from './repo-result';

export interface SystemStatusRepository {
  /** Records the state of the listed systems now; a refusal names the line's field (`systems.3.reason`) and writes nothing. */
  record(incidentId: string, lines: readonly SystemStatusInput[]): Promise<RepoResult<TimelineEvent>>;
}

export function createSystemStatusRepository(db: LanternDb, clock: Clock = systemClock): SystemStatusRepository {
  return {
    async record(incidentId, lines) {
      // The incident is read inside the write transaction: a close that lands first makes the snapshot read-only.
      const result = await commitChange(db, clock, onExistingIncident(incidentId, (incident, { ctx }) => recordSystemStatus(incident, lines, ctx)));
      return result.ok ? { ok: true, value: result.value.event } : result;
    },
  };
}
