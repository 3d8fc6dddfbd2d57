// Records a captured incident with its files, its template's checklist, and clears its draft: all in one transaction.
import { Dexie, type Transaction } from 'dexie';
import { MAX_ATTACHMENTS_PER_SAVE, recordIncident, type Incident, type NewIncidentInput } from '../../shared/domain';
import { attachToChange, type PreparedAttachment } from './attachments';
import { systemClock, type Clock } from './clock';
import { planAttachTemplate } from './checklist';
import { commitChange } from './commit-change';
import type { LanternDb } from './database';
import { fail, succeed, type RepoError, type RepoResult } from './repo-result';
import { describeWriteFailure } from './storage';

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
 * commitChange runs as a Dexie sub-transaction of this one, so its writes and ours (attachment rows,
 * the hashes on the outbox op, the draft delete) commit together or not at all.
 */
export async function recordCapture(db: LanternDb, clock: Clock, input: NewIncidentInput, extras: CaptureExtras = {}): Promise<RepoResult<Incident>> {
  const files = [...new Map((extras.attachments ?? []).map((file) => [file.sha256, file])).values()];
  if (files.length > MAX_ATTACHMENTS_PER_SAVE) {
    return fail({ code: 'invalid-input', field: 'attachments', message: `Attach at most ${MAX_ATTACHMENTS_PER_SAVE} files at a time; add the others afterwards.` });
  }
  let refusal: RepoError | undefined;
  let transaction: Transaction | undefined;
  try {
    // Every table: commitChange joins as a sub-transaction and may only touch tables in this scope,
    // so whatever tables the write path uses now or later stay covered.
    const incident = await db.transaction('rw', db.tables, async () => {
      transaction = Dexie.currentTransaction;
      const result = await commitChange(db, clock, async ({ ctx, device, claimIncidentCounter }) =>
        recordIncident(input, await claimIncidentCounter(), device.devicePrefix, ctx),
      );
      if (!result.ok) {
        refusal = result.error;
        throw new Error(result.error.message);
      }
      const { incident: created, operation } = result.value;
      if (extras.checklistTemplateId) {
        // After the creation, so its HLC stamp (and HQ's order) puts the checklist after the incident it is on.
        const attached = await commitChange(db, clock, planAttachTemplate(db, created.id, extras.checklistTemplateId));
        if (!attached.ok) {
          refusal = attached.error;
          throw new Error(attached.error.message);
        }
      }
      const writes: Promise<unknown>[] = [attachToChange(db, created.id, operation.deviceSeq, files, created.createdAt)];
      if (extras.draftId) writes.push(db.drafts.delete(extras.draftId));
      await Promise.all(writes);
      return created;
    });
    return succeed(incident);
  } catch (error) {
    if (refusal) return fail(refusal);
    const storage = describeWriteFailure(error, transaction);
    if (storage) return fail(storage);
    throw error;
  }
}
