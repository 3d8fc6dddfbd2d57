// Sorting the loaded rows by SLA due time (resolve clock); rows whose timeline is not read yet keep their place last.
import type { Incident } from '../../../shared/domain';
import type { SortDirection } from '../../db';
import { slaClocksOf, type SlaInputs } from '../../db/sla';
import { slaSortKey } from './sla-format';

export function sortBySla(
  rows: readonly Incident[],
  timelineOf: (incident: Incident) => SlaInputs | undefined,
  nowMs: number,
  dir: SortDirection,
): Incident[] {
  const keyed = rows.map((incident, index) => {
    const timeline = timelineOf(incident);
    const key = timeline ? slaSortKey(slaClocksOf(timeline, incident.priority, nowMs).resolve, nowMs) : Number.POSITIVE_INFINITY;
    return { incident, index, key };
  });
  const sign = dir === 'asc' ? 1 : -1;
  keyed.sort((a, b) => {
    if (a.key === b.key) return a.index - b.index;
    if (a.key === Number.POSITIVE_INFINITY) return 1;
    if (b.key === Number.POSITIVE_INFINITY) return -1;
    return sign * (a.key - b.key);
  });
  return keyed.map((entry) => entry.incident);
}
