// Incident detail: header (status, priority, major flag, escalation), actions, a section jump bar, editable fields, checklist and the timeline.
import { useEffect, useId, useRef, useState } from 'react';
import type { Incident, TimelineEvent } from '../../../shared/domain';
import { useServices } from '../../app/services';
import { useIncidentDetail } from '../../db/detail-live';
import { AutoCloseNotice } from './auto-close-notice';
import { BriefingActions } from './briefing-actions';
import { ChecklistSection } from './checklist-section';
import { CommunicationForm } from './communication-form';
import { DetailFields } from './detail-fields';
import { DetailSectionsNav } from './detail-sections-nav';
import { EvidenceSection } from './evidence-section';
import { EscalateDialog } from './escalate-dialog';
import { IncidentAttachments } from './incident-attachments';
import { LinksSection } from './links';
import { NoteForm } from './note-form';
import { PriorityBadge } from './priority-badge';
import { ReviewSection } from './review-section';
import { IncidentSlaClocks } from './sla-header';
import { StatusBadge } from './status-badge';
import { StatusDialog } from './status-dialog';
import { SystemStatusSection } from './system-status-section';
import { StakeholderUpdateDue, useMajorUpdateDefault } from './stakeholder-updates';
import { Timeline } from './timeline';
import { IncidentSyncBadge } from '../sync/incident-sync-badge';
import { ExerciseBadge, RealBadge } from '../drill/exercise-badge';
import { ExerciseToggle } from '../drill/exercise-toggle';

export function IncidentDetail({ id, onClose }: { id: string; onClose: () => void }) {
  // One live query for the incident and its timeline: opening renders everything in one go.
  const detail = useIncidentDetail(id);
  const majorUpdateDefault = useMajorUpdateDefault();
  const [communicationOpen, setCommunicationOpen] = useState(false);
  const [communicationFocus, setCommunicationFocus] = useState(0);
  const logUpdate = () => {
    setCommunicationOpen(true);
    setCommunicationFocus((n) => n + 1);
  };
  const headingRef = useRef<HTMLHeadingElement>(null);
  const shown = detail !== undefined && detail.incident !== null;
  // Opened from a control that went away (the capture form after Save, a notification): focus starts at the incident's
  // title rather than on the page, where Tab would begin at the top bar. Opened from the list, focus stays in the list.
  useEffect(() => {
    if (shown && (document.activeElement === null || document.activeElement === document.body)) headingRef.current?.focus();
  }, [shown]);
  if (detail === undefined) return <p className="muted pad">Loading…</p>;
  const { incident, events } = detail;
  if (incident === null) {
    return (
      <div className="pad">
        <p role="alert">This incident is not on this device.</p>
        <button type="button" onClick={onClose}>Back to list</button>
      </div>
    );
  }
  return (
    <article className={`detail${incident.major ? ' major' : ''}`} aria-labelledby="detail-title">
      <header className={`pane-header detail-header${incident.major ? ' major' : ''}`}>
        <div className="detail-heading">
          <span className="mono muted">{incident.number}</span>
          <h2 id="detail-title" ref={headingRef} tabIndex={-1} aria-keyshortcuts="G">{incident.title}</h2>
          <EscalationSummary events={events} />
          <IncidentSlaClocks incident={incident} />
          <StakeholderUpdateDue incident={incident} events={events} majorDefault={majorUpdateDefault} onLogUpdate={logUpdate} />
          <AutoCloseNotice incident={incident} events={events} />
        </div>
        <div className="detail-badges">
          <PriorityBadge priority={incident.priority} />
          <StatusBadge status={incident.status} />
          {incident.major && <span className="badge major-badge">Major incident</span>}
          {incident.exercise === true ? <ExerciseBadge /> : <RealBadge />}
          <IncidentSyncBadge incidentId={incident.id} />
          {/* Only leaves the pane (the incident stays as it is), and focus goes back to its row: "Back to list", as below when
              it is not on this device. Not "Close …": closing is the final lifecycle step, with its own button. */}
          <button type="button" className="ghost" onClick={onClose} aria-label="Back to list" title="Back to list (Esc)" aria-keyshortcuts="Escape">✕</button>
        </div>
      </header>
      <div className="detail-actions">
        <StatusDialog incident={incident} events={events} />
        <EscalateDialog incident={incident} />
        <ExerciseToggle incident={incident} />
        <MajorToggle incident={incident} />
        <BriefingActions incident={incident} events={events} />
      </div>
      <DetailSectionsNav />
      {/* A section with a heading (read by screen readers, not shown) so the jump bar can bring focus to the fields too. */}
      <section className="detail-fields-section" aria-labelledby="detail-fields-heading">
        <h3 id="detail-fields-heading" className="visually-hidden">Fields</h3>
        <DetailFields incident={incident} events={events} majorUpdateDefault={majorUpdateDefault} />
      </section>
      <LinksSection incidentId={incident.id} />
      <IncidentAttachments incidentId={incident.id} />
      <ChecklistSection incident={incident} events={events} />
      <SystemStatusSection incident={incident} events={events} />
      <EvidenceSection incident={incident} events={events} />
      <ReviewSection incident={incident} events={events} />
      <section className="timeline-section" aria-labelledby="timeline-heading">
        <h3 id="timeline-heading">Timeline</h3>
        <Timeline incident={incident} events={events} />
        <NoteForm incidentId={incident.id} />
        <CommunicationForm incident={incident} events={events} open={communicationOpen} onOpenChange={setCommunicationOpen} focusRequest={communicationFocus} />
      </section>
    </article>
  );
}

/** The latest escalation, shown under the title so everyone sees who has been brought in. */
function EscalationSummary({ events }: { events: readonly TimelineEvent[] }) {
  const last = events.findLast((event) => event.kind === 'escalated');
  if (!last || last.kind !== 'escalated') return null;
  return (
    <span className="escalation-summary">
      {`Escalated (${last.level}) to ${last.target}`}
    </span>
  );
}

function MajorToggle({ incident }: { incident: Incident }) {
  const { incidents } = useServices();
  const id = useId();
  const editable = incident.status !== 'closed' && incident.status !== 'cancelled';
  return (
    <label className="major-toggle" htmlFor={id}>
      <input id={id} type="checkbox" checked={incident.major} disabled={!editable}
        onChange={(e) => void incidents.edit(incident.id, { major: e.target.checked })} />
      Major incident
    </label>
  );
}
