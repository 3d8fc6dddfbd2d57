// A planned command on a stored incident: the incident is read inside the write transaction, so the command sees the state it replaces.
import type { CommandResult, Incident } from '../../shared/domain';
import type { CommandScope, PlannedCommand } from './commit-change';
import { fromIncidentRow } from './incident-row';
import type { RepoError } from './repo-result';

export function incidentNotFound(id: string): RepoError {
  return {
    code: 'not-found',
    message: `Incident ${id.slice(0, 40)} is not on this computer. It may have been recorded on another device and not synced here yet.`,
  };
}

export function onExistingIncident(id: string, run: (incident: Incident, scope: CommandScope) => CommandResult): PlannedCommand {
  return async (scope) => {
    const row = await scope.readIncidentRow(id);
    return row ? run(fromIncidentRow(row), scope) : { ok: false, error: incidentNotFound(id) };
  };
}
