// The incident timeline: every recorded step in order, rendered as text (never as HTML).
import { FIELD_LABELS, STATUS_LABELS, TIMELINE_KIND_LABELS, type SyncedField, type TimelineEvent } from '../../../shared/domain';
import { useTimeline } from '../../db';
import { formatZoned } from '../format';

export function Timeline({ incidentId }: { incidentId: string }) {
  const events = useTimeline(incidentId);
  if (events === undefined) return <p className="muted">Loading timeline…</p>;
  return (
    <ol className="timeline" aria-label="Timeline">
      {events.map((event) => (
        <li key={event.id} className={`timeline-entry kind-${event.kind}`}>
          <div className="timeline-meta">
            <span className="timeline-kind">{TIMELINE_KIND_LABELS[event.kind]}</span>
            <time dateTime={event.at.utc}>{formatZoned(event.at)}</time>
            <span className="muted">
              {event.author.name}
              {event.author.position ? ` · ${event.author.position}` : ''}
            </span>
          </div>
          <div className="timeline-body">{describe(event)}</div>
        </li>
      ))}
    </ol>
  );
}

function describe(event: TimelineEvent): string {
  switch (event.kind) {
    case 'created':
      return `Incident recorded: ${event.title}`;
    case 'note':
      return event.text;
    case 'status_changed': {
      const details = Object.entries(event.details).map(([key, value]) => `${labelFor(key)}: ${value}`);
      return [`${STATUS_LABELS[event.from]} → ${STATUS_LABELS[event.to]}`, ...details].join(' · ');
    }
    case 'fields_changed':
      return event.changes.map((c) => `${labelFor(c.field)}: ${show(c.from)} → ${show(c.to)}`).join(' · ');
  }
}

function labelFor(field: string): string {
  return FIELD_LABELS[field as SyncedField] ?? field;
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.join(' › ') : '—';
  if (typeof value === 'object' && 'utc' in value) return formatZoned(value as { utc: string; offsetMinutes: number });
  return String(value);
}
