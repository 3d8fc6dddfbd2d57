// Autosaved form drafts (capture, and per-incident entries): local UI state only, so no timeline event and no outbox operation.
import type { LanternDb } from './database';
import type { JsonObject } from './json';
import { fail, succeed, type RepoResult } from './repo-result';
import type { DraftRow } from './rows';
import { describeStorageError, isStorageError } from './storage';

export type Draft = DraftRow;

/**
 * Capture drafts have bare ids (a uuid); drafts of other forms are named `<kind>:<key>` (e.g. `note:<incidentId>`),
 * so one table holds both and the capture form never mistakes a half-typed work note for an incident draft.
 */
const DRAFT_KIND_SEPARATOR = ':';

export function kindedDraftId(kind: string, key: string): string {
  return `${kind}${DRAFT_KIND_SEPARATOR}${key}`;
}

export function isCaptureDraftId(id: string): boolean {
  return !id.includes(DRAFT_KIND_SEPARATOR);
}

/** Creates or replaces the draft `id` (the form picks the id, e.g. newId() when it opens). */
export async function saveDraft(db: LanternDb, id: string, values: JsonObject, nowMs: number = Date.now()): Promise<RepoResult<Draft>> {
  const draft: Draft = { id, updatedAt: new Date(nowMs).toISOString(), values };
  try {
    await db.drafts.put(draft);
    return succeed(draft);
  } catch (error) {
    if (isStorageError(error)) return fail(describeStorageError(error));
    throw error;
  }
}

export async function getDraft(db: LanternDb, id: string): Promise<Draft | null> {
  return (await db.drafts.get(id)) ?? null;
}

/** Capture drafts, most recently saved first (entry drafts belong to their incident's forms, not to this list). */
export function listDrafts(db: LanternDb): Promise<Draft[]> {
  return db.drafts
    .orderBy('updatedAt')
    .reverse()
    .filter((draft) => isCaptureDraftId(draft.id))
    .toArray();
}

/**
 * The person left the capture form with this draft in it: it is offered in the Drafts list, and no longer restored into
 * the next form opened, where new typing would run on from its title. `setAside` false puts it back in play (resumed).
 * A draft that is gone stays gone.
 */
export async function setDraftAside(db: LanternDb, id: string, setAside: boolean, nowMs: number = Date.now()): Promise<void> {
  await db.drafts.update(id, { setAsideAt: setAside ? new Date(nowMs).toISOString() : undefined });
}

/** Removes the draft; discarding one that is already gone is not an error (the form may save and discard twice). */
export async function discardDraft(db: LanternDb, id: string): Promise<RepoResult<void>> {
  try {
    await db.drafts.delete(id);
    return succeed(undefined);
  } catch (error) {
    if (isStorageError(error)) return fail(describeStorageError(error));
    throw error;
  }
}
