// After-action review writes: one `review` entry, its outbox operation and the writer's review draft delete in one transaction.
import type { TimelineEvent } from '../../shared/domain';
import { currentReview, writeReview, type ReviewInput } from '../../shared/domain/review';
import { systemClock, type Clock } from './clock';
import type { PlannedCommand } from './commit-change';
import { compoundWrite } from './compound-write';
import type { LanternDb } from './database';
import { entryDraftId } from './entry-drafts';
import { onExistingIncident } from './on-incident';
import { getTimeline } from './queries';
import type { RepoResult } from './repo-result';

export interface ReviewRepository {
  /**
   * Writes the review, or a revision that supersedes the current one (both stay on the timeline), and deletes the
   * writer's review draft with it: saved and draft gone together, or neither (a refusal keeps the draft).
   */
  write(incidentId: string, input: ReviewInput): Promise<RepoResult<TimelineEvent>>;
}

export function createReviewRepository(db: LanternDb, clock: Clock = systemClock): ReviewRepository {
  return {
    write: (incidentId, input) =>
      compoundWrite(db, clock, async (commit) => {
        const { event } = await commit(planReview(db, incidentId, input));
        // The draft is the author's own (use-entry-draft.ts keys it by the name entries are stamped with).
        await db.drafts.delete(entryDraftId({ kind: 'review', incidentId, owner: event.author.name }));
        return event;
      }),
  };
}

/** Read inside the write transaction: the review is decided on the status and the review it replaces as they are now. */
function planReview(db: LanternDb, incidentId: string, input: ReviewInput): PlannedCommand {
  return async (scope) => {
    const events = await getTimeline(db, incidentId);
    return onExistingIncident(incidentId, (incident, { ctx }) => writeReview(incident, currentReview(events), input, ctx))(scope);
  };
}
