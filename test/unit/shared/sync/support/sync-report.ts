// A sync run's report for scheduler tests: a run that pushed and pulled nothing, with anything given laid over it.
import type { SyncReport } from '../../../../../shared/sync/engine';

export function okReport(overrides: Partial<SyncReport> = {}): SyncReport {
  return {
    startedAt: 0,
    finishedAt: 0,
    pushed: { applied: 0, duplicate: 0, rejected: 0, retryLater: 0, capped: 0 },
    rejected: [],
    pulled: { ops: 0, pages: 1, complete: true },
    epochResets: 0,
    renumbered: 0,
    epoch: 'e1',
    clockSkew: null,
    pendingAfter: 0,
    waitingReason: null,
    ...overrides,
  };
}
