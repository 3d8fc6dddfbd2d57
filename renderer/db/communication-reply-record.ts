// Records the reply to a logged communication: the entry and its outbox operation in one transaction, the message untouched.
import type { TimelineEvent } from '../../shared/domain';
import { recordCommunicationReply, type CommunicationReplyInput } from '../../shared/domain/communication-reply';
import { systemClock, type Clock } from './clock';
import { commitChange } from './commit-change';
import type { LanternDb } from './database';
import { fromIncidentRow } from './incident-row';
import { incidentNotFound } from './on-incident';
import type { RepoResult } from './repo-result';

/** What was replied to is read in the write transaction, so the check and the write see the same timeline. */
export async function recordReply(db: LanternDb, incidentId: string, communicationId: string, input: CommunicationReplyInput, clock: Clock = systemClock): Promise<RepoResult<TimelineEvent>> {
  const result = await commitChange(db, clock, async (scope) => {
    const [row, communication] = await Promise.all([scope.readIncidentRow(incidentId), db.timeline.get(communicationId)]);
    if (!row) return { ok: false, error: incidentNotFound(incidentId) };
    if (!communication) {
      return { ok: false, error: { code: 'not-found', field: 'communicationId', message: 'The communication to reply to is not on this computer. Sync, then record the reply again.' } };
    }
    return recordCommunicationReply(fromIncidentRow(row), communication, input, scope.ctx);
  });
  return result.ok ? { ok: true, value: result.value.event } : result;
}
