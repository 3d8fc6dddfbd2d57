// Records a captured incident with its files, its template's checklist, and clears its draft: all in one transaction.
import { MAX_ATTACHMENTS_PER_SAVE, recordIncident, type Incident, type NewIncidentInput } from '../../shared/domain';
import { attachToChange, type PreparedAttachment } from './attachments';
import { systemClock, type Clock } from './clock';
import { planAttachTemplate } from './checklist';
import { compoundWrite } from './compound-write';
import type { LanternDb } from './database';
import { fail, type RepoResult } from './repo-result';

export interface CaptureExtras {
  attachments?: readonly PreparedAttachment[];
  /** The autosaved draft this capture came from; deleted in the same transaction. */
  draftId?: string;
  /** The template whose checklist goes on the incident (its own timeline entry and operation, same transaction). */
  checklistTemplateId?: string;
}

export type RecordCapture = (input: NewIncidentInput, extras?: CaptureExtras) => Promise<RepoResult<Incident>>;

export function createCaptureRecorder(db: LanternDb, clock: Clock = systemClock): RecordCapture {
  return (input, extras = {}) => recordCapture(db, clock, input, extras);
}

/**
 * One compound write (compound-write.ts): the creation, its checklist and our writes (attachment rows,
 * the hashes on the outbox op, the draft delete) commit together or not at all.
 */
export async function recordCapture(db: LanternDb, clock: Clock, input: NewIncidentInput, extras: CaptureExtras = {}): Promise<RepoResult<Incident>> {
  const files = [...new Map((extras.attachments ?? []).map((file) => [file.sha256, file])).values()];
  if (files.length > MAX_ATTACHMENTS_PER_SAVE) {
    return fail({ code: 'invalid-input', field: 'attachments', message: `Attach at most ${MAX_ATTACHMENTS_PER_SAVE} files at a time; add the others afterwards.` });
  }
  return compoundWrite(db, clock, async (commit) => {
    const { incident: created, operation } = await commit(async ({ ctx, device, claimIncidentCounter }) =>
      recordIncident(input, await claimIncidentCounter(), device.devicePrefix, ctx),
    );
    // After the creation, so its HLC stamp (and HQ's order) puts the checklist after the incident it is on.
    if (extras.checklistTemplateId) await commit(planAttachTemplate(db, created.id, extras.checklistTemplateId));
    const writes: Promise<unknown>[] = [attachToChange(db, created.id, operation.deviceSeq, files, created.createdAt)];
    if (extras.draftId) writes.push(db.drafts.delete(extras.draftId));
    await Promise.all(writes);
    return created;
  });
}
