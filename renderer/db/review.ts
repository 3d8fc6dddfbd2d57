// After-action review writes: one `review` entry and its outbox operation in one transaction via commitChange.
import type { TimelineEvent } from '../../shared/domain';
import { currentReview, writeReview, type ReviewInput } from '../../shared/domain/review';
import { systemClock, type Clock } from './clock';
import { commitChange } from './commit-change';
import type { LanternDb } from './database';
import { fromIncidentRow } from './incident-row';
import { getTimeline } from './queries';
import type { RepoResult } from './repo-result';

export interface ReviewRepository {
  /** Writes the review, or a revision that supersedes the current one (both stay on the timeline). */
  write(incidentId: string, input: ReviewInput): Promise<RepoResult<TimelineEvent>>;
}

export function createReviewRepository(db: LanternDb, clock: Clock = systemClock): ReviewRepository {
  return {
    async write(incidentId, input) {
      const result = await commitChange(db, clock, async ({ ctx }) => {
        // Read inside the write transaction: the review is decided on the status and the review it replaces as they are now.
        const [row, events] = await Promise.all([db.incidents.get(incidentId), getTimeline(db, incidentId)]);
        if (!row) return { ok: false, error: { code: 'not-found', message: 'This incident is not on this computer.' } };
        return writeReview(fromIncidentRow(row), currentReview(events), input, ctx);
      });
      return result.ok ? { ok: true, value: result.value.event } : result;
    },
  };
}
