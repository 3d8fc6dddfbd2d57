// Saves a work note (with its files) or a communication and deletes that entry's draft, each in one transaction.
import { Dexie, type Transaction } from 'dexie';
import {
  addNote,
  logCommunication,
  MAX_ATTACHMENTS_PER_SAVE,
  type CommandResult,
  type CommunicationInput,
  type Incident,
  type TimelineEvent,
} from '../../shared/domain';
import { LIMITS } from '../../shared/domain/limits';
import { attachToChange, type PreparedAttachment } from './attachments';
import { systemClock, type Clock } from './clock';
import { commitChange, type CommandScope, type CommittedChange, type PlannedCommand } from './commit-change';
import type { LanternDb } from './database';
import { entryDraftId, type EntryDraftKind } from './entry-drafts';
import { fromIncidentRow } from './incident-row';
import { fail, succeed, type RepoError, type RepoResult } from './repo-result';
import { describeWriteFailure } from './storage';

export interface EntryRecorder {
  /** A note with no text but files gets "Attached photo.jpg"; the files are linked to the incident with the note. */
  addNote(incidentId: string, text: string, files?: readonly PreparedAttachment[]): Promise<RepoResult<TimelineEvent>>;
  logCommunication(incidentId: string, input: CommunicationInput): Promise<RepoResult<TimelineEvent>>;
}

export function createEntryRecorder(db: LanternDb, clock: Clock = systemClock): EntryRecorder {
  return {
    addNote: (incidentId, text, files = []) => {
      const unique = [...new Map(files.map((file) => [file.sha256, file])).values()];
      if (unique.length > MAX_ATTACHMENTS_PER_SAVE) {
        return Promise.resolve(fail({ code: 'invalid-input', field: 'attachments', message: `Attach at most ${MAX_ATTACHMENTS_PER_SAVE} files at a time; add the others in another note.` }));
      }
      const command = onExisting(incidentId, (incident, { ctx }) => addNote(incident, noteTextWithFiles(text, unique), ctx));
      return commitEntry(db, clock, 'note', incidentId, command, unique);
    },
    logCommunication: (incidentId, input) =>
      commitEntry(db, clock, 'communication', incidentId, onExisting(incidentId, (incident, { ctx }) => logCommunication(incident, input, ctx)), []),
  };
}

/** The note's text says which files came with it, so the timeline alone tells who added what evidence, and when. */
export function noteTextWithFiles(text: string, files: readonly { name: string }[]): string {
  const trimmed = text.trim();
  if (files.length === 0) return trimmed;
  const list = `Attached ${files.map((file) => file.name).join(', ')}`;
  if (trimmed === '') return list.slice(0, LIMITS.note);
  const combined = `${trimmed}\n\n${list}`;
  // A note already at the limit keeps its words; the files still show in Attachments.
  return combined.length <= LIMITS.note ? combined : trimmed;
}

/**
 * commitChange joins this transaction as a sub-transaction, so the note event, its outbox operation (with the
 * files' refs), the attachment rows and the draft delete commit together or not at all, as recordCapture does.
 */
async function commitEntry(
  db: LanternDb,
  clock: Clock,
  kind: EntryDraftKind,
  incidentId: string,
  command: PlannedCommand,
  files: readonly PreparedAttachment[],
): Promise<RepoResult<TimelineEvent>> {
  let refusal: RepoError | undefined;
  let transaction: Transaction | undefined;
  try {
    // Every table: commitChange may only touch tables in this scope, whatever it writes now or later.
    const event = await db.transaction('rw', db.tables, async () => {
      transaction = Dexie.currentTransaction;
      const result: RepoResult<CommittedChange> = await commitChange(db, clock, command);
      if (!result.ok) {
        refusal = result.error;
        throw new Error(result.error.message);
      }
      const { event: saved, operation } = result.value;
      await Promise.all([db.drafts.delete(entryDraftId({ kind, incidentId, owner: saved.author.name })), attachToChange(db, incidentId, operation.deviceSeq, files, saved.at.utc)]);
      return saved;
    });
    return succeed(event);
  } catch (error) {
    if (refusal) return fail(refusal);
    const storage = describeWriteFailure(error, transaction);
    if (storage) return fail(storage);
    throw error;
  }
}

/** Loads the incident inside the write transaction, so the command sees the state it will replace. */
function onExisting(id: string, run: (incident: Incident, scope: CommandScope) => CommandResult): PlannedCommand {
  return async (scope) => {
    const row = await scope.readIncidentRow(id);
    if (row) return run(fromIncidentRow(row), scope);
    return { ok: false, error: { code: 'not-found', message: `Incident ${id.slice(0, 40)} is not on this computer. It may have been recorded on another device and not synced here yet.` } };
  };
}
