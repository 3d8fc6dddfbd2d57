// The period's figures per priority: counts, SLA compliance and median times in one dense table.
import { PRIORITY_LABELS, type PriorityStats } from '../../../shared/domain';
import { complianceFraction, formatCompliance, formatCount, formatMedian } from './stats-format';

export function PriorityTable({ rows }: { rows: readonly PriorityStats[] }) {
  return (
    <table className="stats-table">
      <caption>By priority</caption>
      <thead>
        <tr>
          <th scope="col">Priority</th>
          <th scope="col">Recorded</th>
          <th scope="col">Resolved</th>
          <th scope="col">Still open</th>
          <th scope="col">Owned in time</th>
          <th scope="col">Resolved in time</th>
          <th scope="col">Median to own</th>
          <th scope="col">Median to resolve</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.priority}>
            <th scope="row">
              <span className={`stats-priority p${row.priority}`}>{PRIORITY_LABELS[row.priority]}</span>
            </th>
            <td>{formatCount(row.recorded)}</td>
            <td>{formatCount(row.resolved)}</td>
            <td>{formatCount(row.stillOpen)}</td>
            <td>
              {formatCompliance(row.response)} <span className="stats-detail">{complianceFraction(row.response)}</span>
            </td>
            <td>
              {formatCompliance(row.resolve)} <span className="stats-detail">{complianceFraction(row.resolve)}</span>
            </td>
            <td>{formatMedian(row.medianTimeToOwnMs)}</td>
            <td>{formatMedian(row.medianTimeToResolveMs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
