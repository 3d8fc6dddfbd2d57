// The list's SLA column: resolve-clock time left / overdue with a mark and words per threshold; sortable by due time.
import type { SlaClocks } from '../../../shared/domain';
import { DEFAULT_SORT, type FindQuery } from '../../db';
import { useFindStore } from '../../store/find-store';
import { slaCellText, THRESHOLD_LABELS, THRESHOLD_MARKS, elapsedOfTarget } from './sla-format';

export function SlaCell({ clocks }: { clocks: SlaClocks | undefined }) {
  if (!clocks) return <td role="cell" className="sla-cell muted" aria-busy="true">…</td>;
  const clock = clocks.resolve;
  const mark = clock.state === 'running' ? THRESHOLD_MARKS[clock.threshold] : '';
  const words = clock.state === 'stopped' ? '' : `, ${THRESHOLD_LABELS[clock.threshold]}`;
  return (
    <td role="cell" className={`sla-cell nowrap sla-${clock.threshold} sla-${clock.state}`} title={`Time to resolve: ${elapsedOfTarget(clock)}${words}`}>
      {mark && <span aria-hidden="true">{mark} </span>}
      {slaCellText(clock)}
      {clock.threshold !== 'none' && clock.state !== 'stopped' && <span className="visually-hidden">{words}</span>}
    </td>
  );
}

export const SLA_SORT_TOOLTIP = 'Sort by time left to resolve, over every incident: running clocks first, by when they breach; then paused ones, by the time they have left; resolved and closed incidents last';

export function SlaSortHeader({ query }: { query: FindQuery }) {
  const patchQuery = useFindStore((s) => s.patchQuery);
  const sort = query.sort ?? DEFAULT_SORT;
  const active = sort.key === 'slaDue';
  const ariaSort = active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none';
  return (
    <th scope="col" role="columnheader" aria-sort={ariaSort}>
      <button type="button" className="sort-button" title={SLA_SORT_TOOLTIP}
        onClick={() => patchQuery({ sort: { key: 'slaDue', dir: active && sort.dir === 'asc' ? 'desc' : 'asc' } })}>
        SLA
        <span aria-hidden="true">{active ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  );
}
