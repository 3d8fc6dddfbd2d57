// "Facility systems" (HICS 251) on the incident: a one-line summary of the current status, the table of systems on demand, and the form.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { SYSTEM_STATE_LABELS, type Incident, type SystemState, type TimelineEvent, type ZonedTime } from '../../../shared/domain';
import { currentSystemStatus, summariseSystemStatus, type CurrentSystemLine } from '../../../shared/domain/system-status';
import { useServices } from '../../app/services';
import { createSystemStatusRepository } from '../../db/system-status';
import { formatZoned } from '../format';
import { SystemStatusForm } from './system-status-form';
import './system-status.css';

/** A shape per state next to its words, so the cue survives without colour (print, colour blindness). */
const STATE_MARKS: Record<SystemState, string> = { functional: '✓', partial: '◐', non_functional: '✕', not_applicable: '–' };

export function SystemStatusSection({ incident, events }: { incident: Incident; events: readonly TimelineEvent[] }) {
  const { db } = useServices();
  const repo = useMemo(() => createSystemStatusRepository(db), [db]);
  const status = useMemo(() => currentSystemStatus(events), [events]);
  const [expanded, setExpanded] = useState(false);
  const [formOpen, setFormOpen] = useState(false);
  const recordRef = useRef<HTMLButtonElement>(null);
  const headingId = useId();
  const tableId = useId();
  const editable = incident.status !== 'closed' && incident.status !== 'cancelled';
  const { latest } = status;

  // Focus goes back to where the person started once the button is back on screen: after the render that closes the
  // form (a frame callback may run before that render, and the focus then fell to the page body).
  const [refocus, setRefocus] = useState(0);
  useEffect(() => {
    if (refocus > 0) recordRef.current?.focus();
  }, [refocus]);

  function formDone(saved: boolean) {
    setFormOpen(false);
    // What was just recorded is worth seeing.
    if (saved) setExpanded(true);
    setRefocus((n) => n + 1);
  }

  return (
    <section className="system-status-section" aria-labelledby={headingId}>
      <div className="system-status-head">
        <h3 id={headingId}>Facility systems</h3>
        {latest && (
          <p className={`system-status-summary${status.counts.non_functional > 0 ? ' has-down' : status.counts.partial > 0 ? ' has-partial' : ''}`}>
            {summariseSystemStatus(status)}
            <span className="muted">{' · as of '}<When time={latest.at} /></span>
          </p>
        )}
        {latest && (
          <button type="button" className="ghost small" aria-expanded={expanded} aria-controls={expanded ? tableId : undefined} onClick={() => setExpanded((open) => !open)}>
            {expanded ? 'Hide systems' : 'Show systems'}
          </button>
        )}
        {/* One button in one place whether or not a snapshot exists: the first save swaps the empty state for the
            summary, and focus (returned here after the form) must not be lost with a replaced element. */}
        {editable && !formOpen && (
          <button ref={recordRef} type="button" className="small system-status-record" onClick={() => setFormOpen(true)}>Record system status</button>
        )}
      </div>
      {!latest && (
        <p className="muted system-status-empty">No system status recorded. During a utility failure, record the state of each critical system here (HICS 251).</p>
      )}
      {latest && expanded && <SystemStatusTable id={tableId} labelledBy={headingId} systems={status.systems} />}
      {formOpen && editable && <SystemStatusForm incidentId={incident.id} current={status} repo={repo} onDone={formDone} />}
    </section>
  );
}

/** Today's times as "14:32" (the usual case during an outage); other days in full. Full time and recorder's offset in the tooltip. */
function When({ time }: { time: ZonedTime }) {
  const full = formatZoned(time);
  const date = new Date(time.utc);
  const sameDay = date.toDateString() === new Date().toDateString() && time.offsetMinutes === -date.getTimezoneOffset();
  const shown = sameDay ? `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}` : full;
  return <time dateTime={time.utc} title={full}>{shown}</time>;
}

/**
 * Empty cells are marked, so a narrow pane can leave them out and keep rows short. Every row keeps its "as of": a
 * system just changed must say when and by whom like the others (the summary's time is the snapshot's, not the row's).
 */
function SystemStatusTable({ id, labelledBy, systems }: { id: string; labelledBy: string; systems: readonly CurrentSystemLine[] }) {
  return (
    <table id={id} className="system-status-table" aria-labelledby={labelledBy}>
      <thead>
        <tr>
          <th scope="col">System</th>
          <th scope="col">State</th>
          <th scope="col">Reason</th>
          <th scope="col">Repair estimate</th>
          <th scope="col">As of</th>
          <th scope="col">Changed</th>
        </tr>
      </thead>
      <tbody>
        {systems.map((line) => (
          <tr key={line.key} className={`state-${line.state}`}>
            <th scope="row">{line.system}</th>
            <td data-label="State"><StateLabel state={line.state} /></td>
            <td data-label="Reason" className={line.reason ? undefined : 'empty'}>{line.reason || <span className="muted">—</span>}</td>
            <td data-label="Repair estimate" className={line.repairEstimate ? undefined : 'empty'}>{line.repairEstimate || <span className="muted">—</span>}</td>
            <td data-label="As of">
              <time dateTime={line.at.utc}>{formatZoned(line.at)}</time><span className="muted">{` · ${line.by.name}`}</span>
            </td>
            <td data-label="Changed" className={line.previousState !== null ? undefined : 'empty'}>
              {line.previousState !== null ? `was ${SYSTEM_STATE_LABELS[line.previousState]}` : <span className="muted">—</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function StateLabel({ state }: { state: SystemState }) {
  return (
    <span className={`system-state state-${state}`}>
      <span className="system-state-mark" aria-hidden="true">{STATE_MARKS[state]}</span>
      {SYSTEM_STATE_LABELS[state]}
    </span>
  );
}
