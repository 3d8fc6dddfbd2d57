// Incident detail: header, the recorded fields and the timeline.
import { LEVEL_LABELS, PRIORITY_LABELS, formatPath } from '../../../shared/domain';
import { useIncident } from '../../db';
import { formatLocal, formatPathOrDash, formatZoned } from '../format';
import { NoteForm } from './note-form';
import { PriorityBadge } from './priority-badge';
import { StatusBadge } from './status-badge';
import { Timeline } from './timeline';

export function IncidentDetail({ id, onClose }: { id: string; onClose: () => void }) {
  const incident = useIncident(id);
  if (incident === undefined) return <p className="muted pad">Loading…</p>;
  if (incident === null) {
    return (
      <div className="pad">
        <p role="alert">This incident is not on this device.</p>
        <button type="button" onClick={onClose}>Back to list</button>
      </div>
    );
  }
  return (
    <article className="detail" aria-labelledby="detail-title">
      <header className={`pane-header detail-header${incident.major ? ' major' : ''}`}>
        <div className="detail-heading">
          <span className="mono muted">{incident.number}</span>
          <h2 id="detail-title">{incident.title}</h2>
        </div>
        <div className="detail-badges">
          <PriorityBadge priority={incident.priority} />
          <StatusBadge status={incident.status} />
          {incident.major && <span className="badge major-badge">Major incident</span>}
          <button type="button" className="ghost" onClick={onClose} aria-label="Close incident">✕</button>
        </div>
      </header>
      <dl className="fields">
        <Field label="Priority" value={`${PRIORITY_LABELS[incident.priority]} (impact ${LEVEL_LABELS[incident.impact]}, urgency ${LEVEL_LABELS[incident.urgency]})`} />
        <Field label="Category" value={formatPathOrDash(incident.category)} />
        <Field label="Site" value={incident.site.length ? formatPath(incident.site) : '—'} />
        <Field label="Assigned" value={[incident.team, incident.assignee].filter(Boolean).join(' · ') || 'Nobody yet'} />
        <Field label="Occurred" value={formatZoned(incident.occurredAt)} />
        <Field label="Recorded" value={`${formatLocal(incident.createdAt)} by ${incident.createdBy.name}`} />
      </dl>
      {incident.description && (
        <section aria-label="Description" className="description">
          {incident.description}
        </section>
      )}
      <section className="timeline-section" aria-labelledby="timeline-heading">
        <h3 id="timeline-heading">Timeline</h3>
        <Timeline incidentId={incident.id} />
        <NoteForm incidentId={incident.id} />
      </section>
    </article>
  );
}

function Field({ label, value }: { label: string; value: string }) {
  return (
    <div className="field-view">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
