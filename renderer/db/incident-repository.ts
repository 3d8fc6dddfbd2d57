// Incident writes for the UI: record, edit, change status, add a note — each one transaction via commitChange.
import {
  addNote as addNoteCommand,
  changeStatus as changeStatusCommand,
  editIncident,
  recordIncident,
  type CommandResult,
  type EditableFields,
  type Incident,
  type NewIncidentInput,
  type Status,
  type TimelineEvent,
  type TransitionInput,
} from '../../shared/domain';
import { systemClock, type Clock } from './clock';
import { commitChange, type CommandScope, type PlannedCommand } from './commit-change';
import type { LanternDb } from './database';
import { fromIncidentRow } from './incident-row';
import type { RepoError, RepoResult } from './repo-result';

export interface IncidentRepository {
  record(input: NewIncidentInput): Promise<RepoResult<Incident>>;
  edit(id: string, edits: Partial<EditableFields>): Promise<RepoResult<Incident>>;
  changeStatus(id: string, to: Status, input?: TransitionInput): Promise<RepoResult<Incident>>;
  /** Returns the note as stored on the timeline. `corrects` names an earlier entry this note corrects. */
  addNote(id: string, text: string, options?: { corrects?: string }): Promise<RepoResult<TimelineEvent>>;
}

export function createIncidentRepository(db: LanternDb, clock: Clock = systemClock): IncidentRepository {
  /** Loads the incident inside the write transaction, so the command sees the state it will replace. */
  const onExisting =
    (id: string, run: (incident: Incident, scope: CommandScope) => CommandResult): PlannedCommand =>
    async (scope) => {
      const row = await db.incidents.get(id);
      return row ? run(fromIncidentRow(row), scope) : { ok: false, error: notFound(id) };
    };

  const incidentOf = async (command: PlannedCommand): Promise<RepoResult<Incident>> => {
    const result = await commitChange(db, clock, command);
    return result.ok ? { ok: true, value: result.value.incident } : result;
  };

  return {
    record: (input) =>
      incidentOf(async ({ ctx, device, claimIncidentCounter }) => recordIncident(input, await claimIncidentCounter(), device.devicePrefix, ctx)),
    edit: (id, edits) => incidentOf(onExisting(id, (incident, { ctx }) => editIncident(incident, edits, ctx))),
    changeStatus: (id, to, input = {}) => incidentOf(onExisting(id, (incident, { ctx }) => changeStatusCommand(incident, to, input, ctx))),
    addNote: async (id, text, options = {}) => {
      const result = await commitChange(db, clock, onExisting(id, (incident, { ctx }) => addNoteCommand(incident, text, ctx, options.corrects)));
      return result.ok ? { ok: true, value: result.value.event } : result;
    },
  };
}

function notFound(id: string): RepoError {
  return {
    code: 'not-found',
    message: `Incident ${id.slice(0, 40)} is not on this computer. It may have been recorded on another device and not synced here yet.`,
  };
}
