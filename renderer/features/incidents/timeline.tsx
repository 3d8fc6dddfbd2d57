// The incident timeline: every recorded step in order, filterable by kind; corrections are new entries pointing at old ones.
import { useId, useState, type FormEvent } from 'react';
import { TIMELINE_KIND_LABELS, type TimelineEvent, type TimelineEventKind } from '../../../shared/domain';
import { useServices } from '../../app/services';
import { useTimeline } from '../../db';
import { formatZoned } from '../format';
import { describeEvent, summarizeEvent } from './timeline-text';

const FILTER_KINDS = Object.keys(TIMELINE_KIND_LABELS) as TimelineEventKind[];
const CORRECTABLE = new Set<TimelineEventKind>(['note', 'communication', 'escalated', 'correction', 'status_changed', 'fields_changed']);

export function Timeline({ incidentId }: { incidentId: string }) {
  const events = useTimeline(incidentId);
  const [kind, setKind] = useState<TimelineEventKind | 'all'>('all');
  const [correcting, setCorrecting] = useState<string | null>(null);
  const filterId = useId();
  if (events === undefined) return <p className="muted">Loading timeline…</p>;
  const byId = new Map(events.map((event) => [event.id, event]));
  const corrected = new Set(events.flatMap((event) => (event.kind === 'correction' || (event.kind === 'note' && event.corrects) ? [event.corrects!] : [])));
  const shown = kind === 'all' ? events : events.filter((event) => event.kind === kind);
  return (
    <>
      <div className="timeline-tools">
        <label htmlFor={filterId}>Filter timeline</label>
        <select id={filterId} value={kind} onChange={(e) => setKind(e.target.value as TimelineEventKind | 'all')}>
          <option value="all">All entries ({events.length})</option>
          {FILTER_KINDS.map((k) => {
            const count = events.filter((event) => event.kind === k).length;
            return <option key={k} value={k}>{`${TIMELINE_KIND_LABELS[k]} (${count})`}</option>;
          })}
        </select>
      </div>
      <ol className="timeline" aria-label="Timeline">
        {shown.map((event) => (
          <li key={event.id} className={`timeline-entry kind-${event.kind}${corrected.has(event.id) ? ' corrected' : ''}`}>
            <div className="timeline-meta">
              <span className="timeline-kind">{TIMELINE_KIND_LABELS[event.kind]}</span>
              <time dateTime={event.at.utc}>{formatZoned(event.at)}</time>
              <span className="muted">
                {event.author.name}
                {event.author.position ? ` · ${event.author.position}` : ''}
              </span>
              {corrected.has(event.id) && <span className="badge corrected-badge">Corrected</span>}
              {CORRECTABLE.has(event.kind) && correcting !== event.id && (
                <button type="button" className="ghost small" aria-label={`Correct entry: ${summarizeEvent(event)}`} onClick={() => setCorrecting(event.id)}>
                  Correct
                </button>
              )}
            </div>
            {(event.kind === 'correction' || (event.kind === 'note' && event.corrects)) && (
              <div className="muted corrects">Corrects: {referenced(byId, event.kind === 'correction' ? event.corrects : event.corrects!)}</div>
            )}
            <div className="timeline-body">{describeEvent(event)}</div>
            {correcting === event.id && <CorrectionForm incidentId={incidentId} entry={event} onDone={() => setCorrecting(null)} />}
          </li>
        ))}
      </ol>
    </>
  );
}

function referenced(byId: Map<string, TimelineEvent>, id: string): string {
  const original = byId.get(id);
  return original ? `${TIMELINE_KIND_LABELS[original.kind]} of ${formatZoned(original.at)} — ${summarizeEvent(original)}` : 'an entry not on this computer';
}

function CorrectionForm({ incidentId, entry, onDone }: { incidentId: string; entry: TimelineEvent; onDone: () => void }) {
  const { incidents } = useServices();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await incidents.correct(incidentId, entry.id, text);
    if (result.ok) onDone();
    else setError(result.error.message);
  }
  return (
    <form className="correction-form" onSubmit={submit} noValidate
      onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); onDone(); } }}>
      <label htmlFor={id}>Correction</label>
      <textarea id={id} rows={2} value={text} autoFocus onChange={(e) => { setText(e.target.value); setError(null); }}
        aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      {error && <p id={`${id}-error`} role="alert" className="field-error">{error}</p>}
      <div className="actions">
        <button type="submit" className="primary">Save correction</button>
        <button type="button" onClick={onDone}>Back</button>
      </div>
    </form>
  );
}
