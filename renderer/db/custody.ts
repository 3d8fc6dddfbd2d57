// Evidence chain-of-custody writes (collect an item, record a link of its chain): each entry, its outbox operation and the writer's form draft delete in one transaction.
import type { CommandResult, Incident, TimelineEvent } from '../../shared/domain';
import { collectEvidence, evidenceItems, recordCustody, type CollectEvidenceInput, type CustodyInput, type EvidenceItem } from '../../shared/domain/custody';
import { listAttachments } from './attachments';
import { systemClock, type Clock } from './clock';
import type { CommandScope, PlannedCommand } from './commit-change';
import { compoundWrite } from './compound-write';
import type { LanternDb } from './database';
import { entryDraftId, type EntryDraftKey } from './entry-drafts';
import { onExistingIncident } from './on-incident';
import { getTimeline } from './queries';
import type { RepoResult } from './repo-result';

export interface CustodyRepository {
  /** Starts an item's chain (action collected); the entry's id becomes the item's id. Deletes the writer's collect draft with it. */
  collect(incidentId: string, input: CollectEvidenceInput): Promise<RepoResult<TimelineEvent>>;
  /** Adds a link (handed over, stored, examined, returned, disposed of) to an item of the incident, deleting the writer's draft of a link of that item. */
  record(incidentId: string, input: CustodyInput): Promise<RepoResult<TimelineEvent>>;
}

/**
 * Where the evidence form's draft is kept: collecting a new item (`evidence:<incidentId>:<owner>`) or a link of item X
 * (`custody:<incidentId>:<itemId>:<owner>`, the item riding in the key's incident part). A link's text belongs to its
 * item: reopening "Record custody" on X brings back what was typed for X, and a link typed for Y meanwhile leaves it be.
 */
export function evidenceDraftPlace(incidentId: string, itemId: string | undefined): Omit<EntryDraftKey, 'owner'> {
  return itemId === undefined ? { kind: 'evidence', incidentId } : { kind: 'custody', incidentId: `${incidentId}:${itemId}` };
}

export function createCustodyRepository(db: LanternDb, clock: Clock = systemClock): CustodyRepository {
  // A compound write (every table) rather than commitChange alone: its transaction also covers the attachments
  // table, so the file a link names is checked against the incident's files as they are when the entry is written,
  // and the drafts table, so the entry is saved and its draft gone together, or neither (a refusal keeps the draft).
  const commit = (incidentId: string, itemId: string | undefined, command: PlannedCommand) =>
    compoundWrite(db, clock, async (inside) => {
      const { event } = await inside(command);
      // The draft is the author's own (use-entry-draft.ts keys it by the name entries are stamped with).
      await db.drafts.delete(entryDraftId({ ...evidenceDraftPlace(incidentId, itemId), owner: event.author.name }));
      return event;
    });
  return {
    collect: (incidentId, input) =>
      commit(incidentId, undefined, withEvidence(db, incidentId, (incident, _items, hashes, { ctx }) => collectEvidence(incident, input, ctx, hashes))),
    record: (incidentId, input) =>
      commit(incidentId, input.itemId, withEvidence(db, incidentId, (incident, items, hashes, { ctx }) => recordCustody(incident, items, input, ctx, hashes))),
  };
}

/**
 * Reads the incident, its timeline (for the items' chains) and its files' hashes inside the write transaction, so a
 * link is decided on the state it extends: an item another device ended a moment ago (synced meanwhile) is refused.
 */
function withEvidence(
  db: LanternDb,
  incidentId: string,
  run: (incident: Incident, items: EvidenceItem[], attachedHashes: string[], scope: CommandScope) => CommandResult,
): PlannedCommand {
  return async (scope) => {
    const [events, files] = await Promise.all([getTimeline(db, incidentId), listAttachments(db, incidentId)]);
    const hashes = files.map((file) => file.sha256);
    return onExistingIncident(incidentId, (incident, inner) => run(incident, evidenceItems(events), hashes, inner))(scope);
  };
}
