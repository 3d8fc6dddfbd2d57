// Incident writes for the UI: record, edit, change status, add a note — each one transaction via commitChange.
import {
  addNote as addNoteCommand,
  changeStatus as changeStatusCommand,
  correctEntry,
  DEFAULT_TRANSITIONS,
  editIncident,
  escalateIncident,
  logCommunication,
  type CommunicationInput,
  type EscalationInput,
  recordIncident,
  type EditableFields,
  type Incident,
  type NewIncidentInput,
  type Status,
  type SyncedField,
  type TimelineEvent,
  type TransitionInput,
  type LinkRelation,
} from '../../shared/domain';
import { systemClock, type Clock } from './clock';
import { commitChange, type PlannedCommand } from './commit-change';
import type { LanternDb } from './database';
import { fromIncidentRow } from './incident-row';
import { planLink, planUnlink } from './links';
import { readReferenceLists } from './reference';
import type { RepoResult } from './repo-result';
import { incidentNotFound, onExistingIncident } from './on-incident';

export interface IncidentRepository {
  record(input: NewIncidentInput): Promise<RepoResult<Incident>>;
  /** `options.base`: stamps held when the editor opened, for a change saved over one made meanwhile (see editIncident). */
  edit(id: string, edits: Partial<EditableFields>, options?: { base?: Partial<Record<SyncedField, string | null>> }): Promise<RepoResult<Incident>>;
  changeStatus(id: string, to: Status, input?: TransitionInput): Promise<RepoResult<Incident>>;
  /** Returns the note as stored on the timeline. `corrects` names an earlier entry this note corrects. */
  addNote(id: string, text: string, options?: { corrects?: string }): Promise<RepoResult<TimelineEvent>>;
  /** Functional (to a team from the reference list) or hierarchical (to a manager level) escalation with a reason. */
  escalate(id: string, input: EscalationInput): Promise<RepoResult<Incident>>;
  /** Logs a communication (to/from, channel, message) on the timeline. */
  logCommunication(id: string, input: CommunicationInput): Promise<RepoResult<TimelineEvent>>;
  /** Adds a correction entry referring to an earlier entry of the same incident (the old entry is kept). */
  correct(id: string, entryId: string, text: string): Promise<RepoResult<TimelineEvent>>;
  /** Links `id` to the incident numbered `targetNumber` (one `linked` entry on `id`, shown on both). */
  link(id: string, targetNumber: string, relation: LinkRelation): Promise<RepoResult<TimelineEvent>>;
  /** Removes the link between `id` and `targetId`, wherever it was written. */
  unlink(id: string, targetId: string): Promise<RepoResult<TimelineEvent>>;
}

export function createIncidentRepository(db: LanternDb, clock: Clock = systemClock): IncidentRepository {
  const onExisting = onExistingIncident;

  const incidentOf = async (command: PlannedCommand): Promise<RepoResult<Incident>> => {
    const result = await commitChange(db, clock, command);
    return result.ok ? { ok: true, value: result.value.incident } : result;
  };

  const eventOf = async (command: PlannedCommand): Promise<RepoResult<TimelineEvent>> => {
    const result = await commitChange(db, clock, command);
    return result.ok ? { ok: true, value: result.value.event } : result;
  };

  return {
    record: (input) =>
      incidentOf(async ({ ctx, device, claimIncidentCounter }) => recordIncident(input, await claimIncidentCounter(), device.devicePrefix, ctx)),
    edit: (id, edits, options = {}) => incidentOf(onExisting(id, (incident, { ctx }) => editIncident(incident, edits, ctx, options.base))),
    changeStatus: async (id, to, input = {}) => {
      // Reference lists are read just before the write: they change rarely, and commitChange may run inside a caller's transaction.
      const lists = await readReferenceLists(db);
      const ref = { transitions: DEFAULT_TRANSITIONS, holdReasons: lists.holdReason, resolutionCodes: lists.resolutionCode };
      return incidentOf(onExisting(id, (incident, { ctx }) => changeStatusCommand(incident, to, input, ctx, ref)));
    },
    addNote: (id, text, options = {}) => eventOf(onExisting(id, (incident, { ctx }) => addNoteCommand(incident, text, ctx, options.corrects))),
    escalate: async (id, input) => {
      const lists = await readReferenceLists(db);
      return incidentOf(onExisting(id, (incident, { ctx }) => escalateIncident(incident, input, ctx, { teams: lists.team, managerLevels: lists.managerLevel })));
    },
    logCommunication: (id, input) => eventOf(onExisting(id, (incident, { ctx }) => logCommunication(incident, input, ctx))),
    correct: (id, entryId, text) =>
      eventOf(async (scope) => {
        const [row, entry] = await Promise.all([scope.readIncidentRow(id), db.timeline.get(entryId)]);
        if (!row) return { ok: false, error: incidentNotFound(id) };
        if (!entry) return { ok: false, error: { code: 'not-found', field: 'corrects', message: 'The entry to correct is not on this computer.' } };
        return correctEntry(fromIncidentRow(row), entry, text, scope.ctx);
      }),
    link: (id, targetNumber, relation) => eventOf(planLink(db, id, targetNumber, relation)),
    unlink: (id, targetId) => eventOf(planUnlink(db, id, targetId)),
  };
}
