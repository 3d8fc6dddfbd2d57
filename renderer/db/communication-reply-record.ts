// Records the reply to a logged communication: the entry, its outbox operation and the writer's reply draft delete in one transaction, the message untouched.
import type { TimelineEvent } from '../../shared/domain';
import { recordCommunicationReply, type CommunicationReplyInput } from '../../shared/domain/communication-reply';
import { systemClock, type Clock } from './clock';
import { compoundWrite } from './compound-write';
import type { LanternDb } from './database';
import { entryDraftId, type EntryDraftKey } from './entry-drafts';
import { fromIncidentRow } from './incident-row';
import { incidentNotFound } from './on-incident';
import type { RepoResult } from './repo-result';

/**
 * Where the reply form's draft is kept: `communication_reply:<incidentId>:<communicationId>:<owner>`, the message riding
 * in the key's incident part (as custody links ride with their item). A reply's text belongs to its message: reopening
 * "Record reply" on A brings back what was typed for A, and a reply typed for B meanwhile leaves it be.
 */
export function replyDraftPlace(incidentId: string, communicationId: string): Omit<EntryDraftKey, 'owner'> {
  return { kind: 'communication_reply', incidentId: `${incidentId}:${communicationId}` };
}

/**
 * What was replied to is read in the write transaction, so the check and the write see the same timeline. A compound
 * write (every table), so the entry is saved and its draft gone together, or neither (a refusal keeps the draft).
 */
export function recordReply(db: LanternDb, incidentId: string, communicationId: string, input: CommunicationReplyInput, clock: Clock = systemClock): Promise<RepoResult<TimelineEvent>> {
  return compoundWrite(db, clock, async (inside) => {
    const { event } = await inside(async (scope) => {
      const [row, communication] = await Promise.all([scope.readIncidentRow(incidentId), db.timeline.get(communicationId)]);
      if (!row) return { ok: false, error: incidentNotFound(incidentId) };
      if (!communication) {
        return { ok: false, error: { code: 'not-found', field: 'communicationId', message: 'The communication to reply to is not on this computer. Sync, then record the reply again.' } };
      }
      return recordCommunicationReply(fromIncidentRow(row), communication, input, scope.ctx);
    });
    // The draft is the author's own (use-entry-draft.ts keys it by the name entries are stamped with).
    await db.drafts.delete(entryDraftId({ ...replyDraftPlace(incidentId, communicationId), owner: event.author.name }));
    return event;
  });
}
