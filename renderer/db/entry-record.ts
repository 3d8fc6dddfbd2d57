// Saves a work note (with its files) or a communication and deletes that entry's draft, each in one transaction.
import {
  addNote,
  logCommunication,
  MAX_ATTACHMENTS_PER_SAVE,
  type CommunicationInput,
  type TimelineEvent,
} from '../../shared/domain';
import { LIMITS } from '../../shared/domain/limits';
import { attachToChange, type PreparedAttachment } from './attachments';
import { systemClock, type Clock } from './clock';
import type { PlannedCommand } from './commit-change';
import { compoundWrite } from './compound-write';
import type { LanternDb } from './database';
import { entryDraftId, type EntryDraftKind } from './entry-drafts';
import { fail, type RepoResult } from './repo-result';
import { onExistingIncident } from './on-incident';

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
      const command = onExistingIncident(incidentId, (incident, { ctx }) => addNote(incident, noteTextWithFiles(text, unique), ctx));
      return commitEntry(db, clock, 'note', incidentId, command, unique);
    },
    logCommunication: (incidentId, input) =>
      commitEntry(db, clock, 'communication', incidentId, onExistingIncident(incidentId, (incident, { ctx }) => logCommunication(incident, input, ctx)), []),
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
 * One compound write, so the note event, its outbox operation (with the
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
  return compoundWrite(db, clock, async (commit) => {
    const { event: saved, operation } = await commit(command);
    await Promise.all([db.drafts.delete(entryDraftId({ kind, incidentId, owner: saved.author.name })), attachToChange(db, incidentId, operation.deviceSeq, files, saved.at.utc)]);
    return saved;
  });
}
