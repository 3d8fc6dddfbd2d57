// The headline figures of a period: counts, SLA compliance and median times, as a description list.
import type { IncidentStats } from '../../../shared/domain';
import { complianceDetail, formatCompliance, formatCount, formatMedian } from './stats-format';

interface Tile {
  readonly label: string;
  readonly value: string;
  readonly detail?: string;
  readonly tone?: 'warn';
}

function tilesOf(stats: IncidentStats): Tile[] {
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

export function StatsTiles({ stats }: { stats: IncidentStats }) {
  return (
    <dl className="stats-tiles">
      {tilesOf(stats).map((tile) => (
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
