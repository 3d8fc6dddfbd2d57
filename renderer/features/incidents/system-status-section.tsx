// "Facility systems" (HICS 251) on the incident: a one-line summary of the current status, the table of systems on demand, and the form.
// Shown on Facility incidents and wherever status was recorded; elsewhere it waits behind one small button.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { SYSTEM_STATE_LABELS, type Incident, type SystemState, type TimelineEvent, type ZonedTime } from '../../../shared/domain';
import { currentSystemStatus, summariseSystemStatus, type CurrentSystemLine } from '../../../shared/domain/system-status';
import { useServices } from '../../app/services';
import { DEFAULT_AUTHOR } from '../../db/current-user';
import { getEntryDraft } from '../../db/entry-drafts';
import { createSystemStatusRepository } from '../../db/system-status';
import { useCurrentUser } from '../user/use-current-user';
import { formatZoned } from '../format';
import { SystemStatusForm } from './system-status-form';
import './system-status.css';

/** A shape per state next to its words, so the cue survives without colour (print, colour blindness). */
const STATE_MARKS: Record<SystemState, string> = { functional: '✓', partial: '◐', non_functional: '✕', not_applicable: '–' };

/** Facility incidents: their category path starts with "Facility" (DOMAIN.md's tree). */
export function isFacilityIncident(incident: Pick<Incident, 'category'>): boolean {
  return incident.category[0]?.trim().toLowerCase() === 'facility';
}

/**
 * On a Facility incident, or one with a snapshot (recorded data is never hidden), the section shows. Elsewhere (an IT
 * incident in a server room that overheats) it is one button away: "Record facility system status" opens the section
 * with its form, and Cancel puts the button back. A draft kept from that form is said next to the button.
 */
export function SystemStatusSection({ incident, events }: { incident: Incident; events: readonly TimelineEvent[] }) {
  const hasSnapshot = useMemo(() => events.some((event) => event.kind === 'system_status'), [events]);
  const [revealed, setRevealed] = useState(false);
  const offerRef = useRef<HTMLButtonElement>(null);
  const [refocusOffer, setRefocusOffer] = useState(0);
  useEffect(() => {
    if (refocusOffer > 0) offerRef.current?.focus();
  }, [refocusOffer]);
  const editable = incident.status !== 'closed' && incident.status !== 'cancelled';
  const draftKept = useSystemStatusDraftKept(incident.id);
  const draftNoteId = useId();

  if (isFacilityIncident(incident) || hasSnapshot) return <SystemStatusPanel incident={incident} events={events} />;
  if (revealed) {
    return (
      <SystemStatusPanel incident={incident} events={events} startWithForm
        onFormDone={(saved) => {
          // Saved: the snapshot keeps the section on screen. Cancelled: back to the button, focus on it.
          if (!saved) {
            setRevealed(false);
            setRefocusOffer((n) => n + 1);
          }
        }} />
    );
  }
  if (!editable) return null;
  return (
    <div className="system-status-offer">
      <button ref={offerRef} type="button" className="small" aria-describedby={draftKept ? draftNoteId : undefined} onClick={() => setRevealed(true)}>
        Record facility system status
      </button>
      <span className="hint">HICS 251: power, water, HVAC… during a utility failure</span>
      {draftKept && <span id={draftNoteId} className="system-status-offer-draft">Unsaved draft kept</span>}
    </div>
  );
}

/** Whether the person at the keyboard has a system status draft on this incident (the form's own draft key). */
function useSystemStatusDraftKept(incidentId: string): boolean {
  const { db } = useServices();
  const user = useCurrentUser();
  const owner = user === undefined ? undefined : user.name || DEFAULT_AUTHOR.name;
  return useLiveQuery(async () => (owner === undefined ? false : (await getEntryDraft(db, { kind: 'system_status', incidentId, owner })) !== null), [db, incidentId, owner], false);
}

function SystemStatusPanel({ incident, events, startWithForm = false, onFormDone }: {
  incident: Incident;
  events: readonly TimelineEvent[];
  /** Opened from "Record facility system status": the form is what the person asked for. */
  startWithForm?: boolean;
  onFormDone?: (saved: boolean) => void;
}) {
  const { db } = useServices();
  const repo = useMemo(() => createSystemStatusRepository(db), [db]);
  const status = useMemo(() => currentSystemStatus(events), [events]);
  const [expanded, setExpanded] = useState(false);
  const [formOpen, setFormOpen] = useState(startWithForm);
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
    onFormDone?.(saved);
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
