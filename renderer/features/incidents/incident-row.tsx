// One row of the incident table, memoized: scrolling renders only the rows that enter the window, never the others.
import { memo } from 'react';
import type { Incident } from '../../../shared/domain';
import { slaClocksOf, type SlaInputs } from '../../db/sla';
import { ExerciseBadge, RealBadge } from '../drill/exercise-badge';
import { formatLocal, formatPathOrDash } from '../format';
import { PriorityBadge } from './priority-badge';
import { SlaCell } from './sla-cell';
import { StatusBadge } from './status-badge';
import './incident-row.css';

interface RowProps {
  incident: Incident;
  /** undefined until read; the SLA cell shows it is pending. */
  timeline: SlaInputs | undefined;
  nowMs: number;
  index: number;
  /** Offset of the row in the list body (px). */
  top: number;
  selected: boolean;
  /** The cursor row: its button is the list's one Tab stop (roving tabindex); other rows are reached with J/K or the arrows. */
  tabStop: boolean;
  /** Shows the cursor stripe: this is the cursor incident (false when another incident took the cursor incident's place). */
  cursor: boolean;
  onOpen: (incident: Incident) => void;
}

export const IncidentRow = memo(function IncidentRow({ incident, timeline, nowMs, index, top, selected, tabStop, cursor, onOpen }: RowProps) {
  const classes = ['row', incident.major ? 'major' : '', cursor ? 'cursor' : '', selected ? 'selected' : ''].filter(Boolean).join(' ');
  const clocks = timeline ? slaClocksOf(timeline, incident, nowMs) : undefined;
  return (
    <tr role="row" data-index={index} data-incident-id={incident.id} aria-rowindex={index + 2} className={classes} style={{ transform: `translateY(${top}px)` }} onClick={() => onOpen(incident)}>
      <td role="cell" className="mono">{incident.number}</td>
      <td role="cell"><PriorityBadge priority={incident.priority} /></td>
      <td role="cell" className="title-cell">
        {/* A real button gives every row an accessible name and Enter; only the cursor row's is in the Tab order, so Tab
            leaves the list in one press for the open incident however many rows there are. */}
        {/* The title attribute shows the whole title on hover when the column cuts it with an ellipsis. */}
        {/* aria-current, not the row's aria-selected: Chromium drops aria-selected on a row of a plain table. */}
        <button type="button" className="row-link" title={incident.title} aria-current={selected ? 'true' : undefined} tabIndex={tabStop ? 0 : -1}
          onClick={(e) => { e.stopPropagation(); onOpen(incident); }}>
          {incident.title}
        </button>
        {/* In words as well as colour and weight: a reader (or a colour-blind eye) learns it is major. */}
        {incident.major && <span className="major-tag">Major</span>}
        {incident.exercise === true ? <ExerciseBadge compact /> : <RealBadge compact />}
      </td>
      <td role="cell"><StatusBadge status={incident.status} /></td>
      <TextCell text={[incident.team, incident.assignee].filter(Boolean).join(' · ') || '—'} />
      <TextCell text={formatPathOrDash(incident.site)} />
      <td role="cell" className="muted nowrap">{formatLocal(incident.updatedAt)}</td>
      <SlaCell clocks={clocks} cancelled={incident.status === 'cancelled'} nowMs={nowMs} />
    </tr>
  );
}, sameRowProps);

/** A muted text column cut with an ellipsis when narrow; the whole text on hover. */
function TextCell({ text }: { text: string }) {
  return <td role="cell" className="muted ellipsis" title={text === '—' ? undefined : text}>{text}</td>;
}

/** SLA inputs are rebuilt on every read of the cache; they are equal when built from the same timeline and policy. */
function sameRowProps(a: RowProps, b: RowProps): boolean {
  const sla = a.timeline === b.timeline || (a.timeline !== undefined && b.timeline !== undefined && a.timeline.changes === b.timeline.changes &&
    a.timeline.createdAtMs === b.timeline.createdAtMs && a.timeline.policy === b.timeline.policy);
  return sla && a.incident === b.incident && a.nowMs === b.nowMs && a.index === b.index && a.top === b.top && a.selected === b.selected && a.tabStop === b.tabStop && a.cursor === b.cursor && a.onOpen === b.onOpen;
}

/** A row whose page is still being read (a fast scroll or a scrollbar drag got ahead of the reads). */
export const PendingRow = memo(function PendingRow({ index, top }: { index: number; top: number }) {
  return (
    <tr role="row" data-index={index} aria-rowindex={index + 2} aria-busy="true" className="row pending" style={{ transform: `translateY(${top}px)` }}>
      <td role="cell" className="muted">Loading…</td>
    </tr>
  );
});
