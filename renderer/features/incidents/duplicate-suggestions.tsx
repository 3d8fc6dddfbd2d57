// "Possible duplicates" on the capture form: open incidents on the same site + category within the time window.
import { useId } from 'react';
import { ExerciseBadge } from '../drill/exercise-badge';
import { formatPath, parsePath } from '../../../shared/domain';
import { usePossibleDuplicates } from '../../db/duplicates-live';
import { useUiStore } from '../../store/ui-store';
import { formatZoned } from '../format';
import './links.css';

interface DuplicateSuggestionsProps {
  site: string;
  /** Category path as shown in the form (' › ' joined). */
  category: string;
  /** The form's datetime-local value. */
  occurredAt: string;
}

export function DuplicateSuggestions({ site, category, occurredAt }: DuplicateSuggestionsProps) {
  const headingId = useId();
  const openIncident = useUiStore((s) => s.openIncident);
  const duplicates = usePossibleDuplicates({ siteKey: formatPath(parsePath(site)), categoryKey: category, occurredMs: new Date(occurredAt).getTime() });
  if (!duplicates || duplicates.length === 0) return null;
  return (
    <section className="duplicate-suggestions" aria-labelledby={headingId}>
      <h3 id={headingId}>Possible duplicates</h3>
      <p className="hint">Open incidents on this site in this category around the same time. Check them before saving a new one.</p>
      <ul>
        {duplicates.map((incident) => (
          <li key={incident.id}>
            <span className="mono">{incident.number}</span> <span>{incident.title}</span>{' '}
            {incident.exercise === true && <><ExerciseBadge compact />{' '}</>}
            <span className="muted">{formatZoned(incident.occurredAt)}</span>{' '}
            <button type="button" aria-label={`Open ${incident.number}`} onClick={() => openIncident(incident.id)}>Open</button>
          </li>
        ))}
      </ul>
    </section>
  );
}
