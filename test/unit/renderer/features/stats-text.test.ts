// The statistics as plain text: every headline figure in words, priorities, the busiest categories, exercises named.
import { describe, expect, it } from 'vitest';
import { statsAsText } from '../../../../renderer/features/stats/stats-text';
import { periodOf } from '../../../../renderer/features/stats/stats-period';
import type { IncidentStats } from '../../../../shared/domain';

const stats: IncidentStats = {
  backlog: { open: 12, overdue: 3, unowned: 2 },
  recorded: 34,
  resolved: 28,
  stillOpen: 6,
  cancelled: 2,
  major: 1,
  exercisesLeftOut: 1,
  response: { met: 23, breached: 2 },
  resolve: { met: 20, breached: 5 },
  medianTimeToOwnMs: 12 * 60_000,
  medianTimeToResolveMs: 185 * 60_000,
  byPriority: [
    { priority: 1, recorded: 2, resolved: 2, stillOpen: 0, response: { met: 2, breached: 0 }, resolve: { met: 1, breached: 1 }, medianTimeToOwnMs: 60_000, medianTimeToResolveMs: 3_600_000 },
  ],
  byCategory: ['Facility › HVAC', 'IT › Network', 'Facility › Power & utility failure', 'Security › Phishing', 'Safety › Hazard', null].map((category, i) => ({ category, recorded: 10 - i, stillOpen: 1 })),
  buckets: [],
};

describe('statsAsText', () => {
  it('says every headline figure in words, with the period, scope and time, in lines short enough to read out', () => {
    const period = periodOf('7d', new Date(2026, 10, 27, 16, 42));
    const text = statsAsText(stats, { period, asOf: new Date(2026, 10, 27, 16, 42).getTime(), scope: 'team Electrical' });
    expect(text.split('\n')).toEqual([
      'Lantern statistics: last 7 days (Sat 21 Nov – Fri 27 Nov 2026), team Electrical, as of 27 Nov 2026 16:42',
      'Now: 12 open, 3 overdue, 2 unowned',
      'Recorded 34 (2 cancelled), resolved 28, still open 6, major 1',
      'Owned in time 92 % (23 of 25 in time); resolved in time 80 % (20 of 25 in time)',
      'Median time to own 12m; to resolve 3h 5m (SLA time)',
      'P1 Critical: 2 recorded, 2 resolved, 0 still open, resolved in time 50 %',
      'Most recorded: Facility › HVAC 10, IT › Network 9, Facility › Power & utility failure 8, Security › Phishing 7, Safety › Hazard 6, and 1 more category',
      '1 exercise incident left out',
    ]);
  });
});
