// The headline figures: the backlog now, then the period's counts, SLA compliance and median times, as description lists.
import type { IncidentStats } from '../../../shared/domain';
import { complianceDetail, formatCompliance, formatCount, formatMedian } from './stats-format';

interface Tile {
  readonly label: string;
  readonly value: string;
  readonly detail?: string;
  readonly tone?: 'warn';
}

function backlogTiles(stats: IncidentStats): Tile[] {
  const { open, overdue, unowned } = stats.backlog;
  return [
    { label: 'Open now', value: formatCount(open), detail: 'of any age' },
    { label: 'Overdue now', value: formatCount(overdue), detail: 'past an SLA target', ...(overdue > 0 ? { tone: 'warn' as const } : {}) },
    { label: 'Unowned now', value: formatCount(unowned), detail: 'not yet taken' },
  ];
}

function periodTiles(stats: IncidentStats): Tile[] {
  return [
    { label: 'Recorded', value: formatCount(stats.recorded), ...(stats.cancelled > 0 ? { detail: `${formatCount(stats.cancelled)} cancelled` } : {}) },
    { label: 'Resolved', value: formatCount(stats.resolved) },
    { label: 'Still open', value: formatCount(stats.stillOpen), detail: 'of those recorded' },
    { label: 'Major incidents', value: formatCount(stats.major) },
    {
      label: 'Owned in time',
      value: formatCompliance(stats.response),
      detail: complianceDetail(stats.response),
      ...(stats.response.breached > 0 ? { tone: 'warn' as const } : {}),
    },
    {
      label: 'Resolved in time',
      value: formatCompliance(stats.resolve),
      detail: complianceDetail(stats.resolve),
      ...(stats.resolve.breached > 0 ? { tone: 'warn' as const } : {}),
    },
    { label: 'Median time to own', value: formatMedian(stats.medianTimeToOwnMs) },
    { label: 'Median time to resolve', value: formatMedian(stats.medianTimeToResolveMs) },
  ];
}

function TileList({ tiles, label }: { tiles: readonly Tile[]; label: string }) {
  return (
    <dl className="stats-tiles" aria-label={label}>
      {tiles.map((tile) => (
        <div key={tile.label} className={tile.tone === 'warn' ? 'stats-tile warn' : 'stats-tile'}>
          <dt>{tile.label}</dt>
          <dd>
            <span className="stats-value">{tile.value}</span>
            {tile.detail !== undefined && <span className="stats-detail">{tile.detail}</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The backlog as it is now, whatever the period: what a person checks first. */
export function BacklogTiles({ stats }: { stats: IncidentStats }) {
  return <TileList tiles={backlogTiles(stats)} label="Now" />;
}

/** The period's figures; `periodName` ("Last 7 days") names the list for screen readers. */
export function PeriodTiles({ stats, periodName }: { stats: IncidentStats; periodName: string }) {
  return <TileList tiles={periodTiles(stats)} label={periodName} />;
}
