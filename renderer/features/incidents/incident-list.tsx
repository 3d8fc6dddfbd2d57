// The incident list: newest first, one page read through an index; rows open with click or Enter.
import { useIncidentsPage } from '../../db';
import { formatLocal, formatPathOrDash } from '../format';
import { PriorityBadge } from './priority-badge';
import { StatusBadge } from './status-badge';

export function IncidentList({ selectedId, onOpen }: { selectedId: string | null; onOpen: (id: string) => void }) {
  const page = useIncidentsPage({ limit: 50 });

  if (page === undefined) return <p className="muted pad">Loading incidents…</p>;
  if (page.length === 0) {
    return (
      <div className="empty-state">
        <p>No incidents on this device yet.</p>
        <p className="muted">
          Press <kbd>N</kbd> or choose <strong>New incident</strong> to record one. It is saved on this computer at once, with or without a network.
        </p>
      </div>
    );
  }
  return (
    <table className="incident-table" aria-label="Incidents">
      <thead>
        <tr>
          <th scope="col">Number</th>
          <th scope="col">Pri</th>
          <th scope="col">Title</th>
          <th scope="col">Status</th>
          <th scope="col">Site</th>
          <th scope="col">Updated</th>
        </tr>
      </thead>
      <tbody>
        {page.map((incident) => (
          <tr
            key={incident.id}
            aria-selected={incident.id === selectedId}
            className={incident.major ? 'major' : undefined}
            onClick={() => onOpen(incident.id)}
          >
            <td className="mono">{incident.number}</td>
            <td><PriorityBadge priority={incident.priority} /></td>
            <td className="title-cell">
              {/* A real button gives every row a keyboard stop and an accessible name. */}
              <button type="button" className="row-link" onClick={(e) => { e.stopPropagation(); onOpen(incident.id); }}>
                {incident.title}
              </button>
            </td>
            <td><StatusBadge status={incident.status} /></td>
            <td className="muted site-cell" title={formatPathOrDash(incident.site)}>{formatPathOrDash(incident.site)}</td>
            <td className="muted nowrap">{formatLocal(incident.updatedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
