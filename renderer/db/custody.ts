// Evidence chain-of-custody writes (collect an item, record a link of its chain): each one transaction via commitChange.
import type { CommandResult, Incident, TimelineEvent } from '../../shared/domain';
import { collectEvidence, evidenceItems, recordCustody, type CollectEvidenceInput, type CustodyInput, type EvidenceItem } from '../../shared/domain/custody';
import { listAttachments } from './attachments';
import { systemClock, type Clock } from './clock';
import type { CommandScope, PlannedCommand } from './commit-change';
import { compoundWrite } from './compound-write';
import type { LanternDb } from './database';
import { onExistingIncident } from './on-incident';
import { getTimeline } from './queries';
import type { RepoResult } from './repo-result';

export interface CustodyRepository {
  /** Starts an item's chain (action collected); the entry's id becomes the item's id. */
  collect(incidentId: string, input: CollectEvidenceInput): Promise<RepoResult<TimelineEvent>>;
  /** Adds a link (handed over, stored, examined, returned, disposed of) to an item of the incident. */
  record(incidentId: string, input: CustodyInput): Promise<RepoResult<TimelineEvent>>;
}

export function createCustodyRepository(db: LanternDb, clock: Clock = systemClock): CustodyRepository {
  // A compound write (every table) rather than commitChange alone: its transaction also covers the attachments
  // table, so the file a link names is checked against the incident's files as they are when the entry is written.
  const commit = (command: PlannedCommand) => compoundWrite(db, clock, async (inside) => (await inside(command)).event);
  return {
    collect: (incidentId, input) => commit(withEvidence(db, incidentId, (incident, _items, hashes, { ctx }) => collectEvidence(incident, input, ctx, hashes))),
    record: (incidentId, input) => commit(withEvidence(db, incidentId, (incident, items, hashes, { ctx }) => recordCustody(incident, items, input, ctx, hashes))),
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
