// Per-incident, per-person drafts of the detail view's entry forms (work note, communication and its reply, review, systems snapshot, evidence, status change, escalation), kept in the drafts table.
import type { LanternDb } from './database';
import { discardDraft, getDraft, kindedDraftId, saveDraft, type Draft } from './drafts';
import { saveDraftOnUnload } from './draft-unload';
import type { JsonObject } from './json';
import type { RepoResult } from './repo-result';

/**
 * evidence: collecting a new item; custody: a link of one item's chain (keyed by the item too, see custody.ts);
 * status_change and escalation: the Change status and Escalate panels (resolution notes, reasons);
 * communication_reply: the reply to one logged message (keyed by the message too, see communication-reply-record.ts).
 */
export type EntryDraftKind = 'note' | 'communication' | 'review' | 'system_status' | 'evidence' | 'custody' | 'status_change' | 'escalation' | 'communication_reply';

/**
 * Whose draft of which form on which incident. Drafts are personal: after "Who is working?" changes, the next person
 * neither sees nor overwrites the previous one's half-written note, and cannot save it under their own name.
 */
export interface EntryDraftKey {
  readonly kind: EntryDraftKind;
  readonly incidentId: string;
  /** The author name entries are stamped with (the current user, or the default one). */
  readonly owner: string;
}

/** `note:<incidentId>:<owner>`: switching incidents or people never mixes texts. */
export function entryDraftId(key: EntryDraftKey): string {
  return kindedDraftId(key.kind, `${key.incidentId}:${key.owner}`);
}

export function getEntryDraft(db: LanternDb, key: EntryDraftKey): Promise<Draft | null> {
  return getDraft(db, entryDraftId(key));
}

export function saveEntryDraft(db: LanternDb, key: EntryDraftKey, values: JsonObject): Promise<RepoResult<Draft>> {
  return saveDraft(db, entryDraftId(key), values);
}

/** The page is going away: written synchronously; false when that was not possible (then use saveEntryDraft). */
export function saveEntryDraftOnUnload(db: LanternDb, key: EntryDraftKey, values: JsonObject): boolean {
  return saveDraftOnUnload(db, entryDraftId(key), values);
}

export function discardEntryDraft(db: LanternDb, key: EntryDraftKey): Promise<RepoResult<void>> {
  return discardDraft(db, entryDraftId(key));
}
