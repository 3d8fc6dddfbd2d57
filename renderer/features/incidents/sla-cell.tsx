// The list's SLA column: the clock that matters now (time to own while nobody owns it, else time to resolve); sortable.
import type { SlaClock, SlaClocks } from '../../../shared/domain';
import { DEFAULT_SORT, type FindQuery } from '../../db';
import { useFindStore } from '../../store/find-store';
import { breachText, elapsedOfTarget, formatSlaDuration, NOT_JUDGED, shownThreshold, slaCellText, THRESHOLD_LABELS, THRESHOLD_MARKS } from './sla-format';

/** `cancelled`: the incident was cancelled, so its clocks are not judged (as in Statistics). */
export function SlaCell({ clocks, cancelled = false, nowMs }: { clocks: SlaClocks | undefined; cancelled?: boolean; nowMs: number }) {
  if (!clocks) return <td role="cell" className="sla-cell muted" aria-busy="true">…</td>;
  if (cancelled) return <td role="cell" className="sla-cell nowrap sla-none sla-stopped" title="Cancelled: SLA clocks are not judged">{NOT_JUDGED}</td>;
  const { clock, owning } = clockShown(clocks);
  // A clock that stopped in time shows no warning: its warnings are past.
  const threshold = shownThreshold(clock);
  const mark = clock.state === 'running' ? THRESHOLD_MARKS[threshold] : '';
  const level = (c: SlaClock) => levelWords(c, nowMs);
  const words = clock.state === 'stopped' && threshold !== 'breached' ? '' : `, ${level(clock)}`;
  const resolveLine = owning ? `\nTime to resolve: ${elapsedOfTarget(clocks.resolve)}, ${level(clocks.resolve)}` : '';
  return (
    <td role="cell" className={`sla-cell nowrap sla-${threshold} sla-${clock.state}`} title={`Time to ${owning ? 'own' : 'resolve'}: ${elapsedOfTarget(clock)}${words}${resolveLine}`}>
      {mark && <span aria-hidden="true">{mark} </span>}
      {owning ? ownCellText(clock) : slaCellText(clock)}
      {threshold !== 'none' && clock.state !== 'stopped' && <span className="visually-hidden">{`, ${THRESHOLD_LABELS[threshold]}`}</span>}
    </td>
  );
}

/** The words of a clock's threshold for the tooltip: "50 % warning", "breached at 14:32 as P1"; "on track" once stopped in time. */
function levelWords(clock: SlaClock, nowMs: number): string {
  const shown = shownThreshold(clock);
  return shown === 'breached' ? breachText(clock, nowMs) : THRESHOLD_LABELS[shown];
}

/**
 * While nobody owns the incident its time-to-own clock runs, with the shorter target (gold P1: 15 min against 1 h):
 * that is the deadline someone must act on, so the cell shows it ("Own: 7m left"); afterwards, time to resolve.
 */
export function clockShown(clocks: SlaClocks): { clock: SlaClock; owning: boolean } {
  return clocks.response.state === 'running' ? { clock: clocks.response, owning: true } : { clock: clocks.resolve, owning: false };
}

/** The time to own, short enough for the column with its mark: "Own: 3m left", "Own: 26m late". */
function ownCellText(clock: SlaClock): string {
  const left = clock.targetMs - clock.elapsedMs;
  return clock.state === 'running' && left <= 0 ? `Own: ${formatSlaDuration(-left)} late` : `Own: ${slaCellText(clock)}`;
}

export const SLA_SORT_TOOLTIP = 'Sort by the time left on the clock each cell shows (time to own while nobody owns an incident, then time to resolve), over every incident: running clocks first, by when they breach; then paused ones, by the time they have left; resolved and closed incidents last';

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
