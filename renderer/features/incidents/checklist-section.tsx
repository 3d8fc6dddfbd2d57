// The incident's checklist, grouped by time phase: one checkbox per step; each tick or untick becomes a timeline entry.
import { memo, useCallback, useId, useMemo, useState } from 'react';
import { deriveChecklist, type ChecklistItem, type Incident, type TimelineEvent } from '../../../shared/domain';
import { useServices } from '../../app/services';
import { createChecklistRepository } from '../../db/checklist';
import { formatZoned } from '../format';
import { ChecklistPlaybookForm } from './checklist-playbook-form';
import { ChecklistStepForm } from './checklist-step-form';
import './checklist.css';

export function ChecklistSection({ incident, events }: { incident: Incident; events: readonly TimelineEvent[] }) {
  const { db } = useServices();
  const repo = useMemo(() => createChecklistRepository(db), [db]);
  const checklist = useMemo(() => deriveChecklist(events), [events]);
  // What a click asked for, keyed by step, with the entry the step showed then: it is shown until the live query
  // brings a newer entry for that step (the write's own, or someone else's), so the box does not flicker back meanwhile.
  const [pending, setPending] = useState<ReadonlyMap<string, { ticked: boolean; since: string | null }>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const headingId = useId();
  const editable = incident.status !== 'closed' && incident.status !== 'cancelled';

  const incidentId = incident.id;
  const tick = useCallback(
    async (stepId: string, ticked: boolean, since: string | null) => {
      setError(null);
      setPending((current) => new Map(current).set(stepId, { ticked, since }));
      const result = await repo.tick(incidentId, stepId, ticked);
      if (!result.ok) {
        setPending((current) => new Map([...current].filter(([id]) => id !== stepId)));
        // Someone else set the same state first: the box shows it now, nothing to report.
        if (result.error.code !== 'no-change') setError(result.error.message);
      }
    },
    [repo, incidentId],
  );

  return (
    <section className="checklist-section" aria-labelledby={headingId}>
      <h3 id={headingId}>
        Checklist{' '}
        {checklist.total > 0 && <span className="muted checklist-progress">{`${checklist.done} of ${checklist.total} done`}</span>}
      </h3>
      {checklist.total === 0 && <p className="muted">No checklist on this incident. Add a playbook's checklist or steps of your own below.</p>}
      {checklist.phases.map((phase) => (
        <fieldset key={phase.id} className="checklist-phase-group">
          <legend>{phase.label}</legend>
          <ul className="checklist-steps">
            {phase.items.map((item) => (
              <ChecklistRow key={item.id} item={item} checked={shownState(item, pending.get(item.id))} editable={editable} onTick={tick} />
            ))}
          </ul>
        </fieldset>
      ))}
      {error && <p role="alert" className="field-error">{error}</p>}
      {editable && <ChecklistPlaybookForm incident={incident} checklist={checklist} repo={repo} />}
      {editable && <ChecklistStepForm incidentId={incident.id} repo={repo} />}
    </section>
  );
}

function shownState(item: ChecklistItem, pending: { ticked: boolean; since: string | null } | undefined): boolean {
  return pending !== undefined && pending.since === (item.mark?.eventId ?? null) ? pending.ticked : item.ticked;
}

interface RowProps {
  item: ChecklistItem;
  checked: boolean;
  editable: boolean;
  onTick: (stepId: string, ticked: boolean, since: string | null) => Promise<void>;
}

const ChecklistRow = memo(function ChecklistRow({ item, checked, editable, onTick }: RowProps) {
  const id = useId();
  const { mark } = item;
  return (
    <li className={`checklist-step${item.ticked ? ' done' : ''}`}>
      <input id={id} type="checkbox" checked={checked} disabled={!editable} aria-describedby={mark ? `${id}-mark` : undefined}
        onChange={(e) => void onTick(item.id, e.target.checked, mark?.eventId ?? null)} />
      <label htmlFor={id}>{item.text}</label>
      {mark && (
        <span id={`${id}-mark`} className="muted checklist-mark">
          {`${mark.ticked ? 'Ticked' : 'Unticked'} by ${mark.by.name} · `}
          <time dateTime={mark.at.utc}>{formatZoned(mark.at)}</time>
        </span>
      )}
    </li>
  );
});
