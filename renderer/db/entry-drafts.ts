// Per-incident drafts of the detail view's entry forms (work note, communication), kept in the drafts table.
import type { LanternDb } from './database';
import { discardDraft, getDraft, kindedDraftId, saveDraft, type Draft } from './drafts';
import { saveDraftOnUnload } from './draft-unload';
import type { JsonObject } from './json';
import type { RepoResult } from './repo-result';

export type EntryDraftKind = 'note' | 'communication';

/** `note:<incidentId>`: one draft per form and incident, so switching incidents never mixes texts. */
export function entryDraftId(kind: EntryDraftKind, incidentId: string): string {
  return kindedDraftId(kind, incidentId);
}

export function getEntryDraft(db: LanternDb, kind: EntryDraftKind, incidentId: string): Promise<Draft | null> {
  return getDraft(db, entryDraftId(kind, incidentId));
}

export function saveEntryDraft(db: LanternDb, kind: EntryDraftKind, incidentId: string, values: JsonObject): Promise<RepoResult<Draft>> {
  return saveDraft(db, entryDraftId(kind, incidentId), values);
}

/** The page is going away: written synchronously; false when that was not possible (then use saveEntryDraft). */
export function saveEntryDraftOnUnload(db: LanternDb, kind: EntryDraftKind, incidentId: string, values: JsonObject): boolean {
  return saveDraftOnUnload(db, entryDraftId(kind, incidentId), values);
}

export function discardEntryDraft(db: LanternDb, kind: EntryDraftKind, incidentId: string): Promise<RepoResult<void>> {
  return discardDraft(db, entryDraftId(kind, incidentId));
}
