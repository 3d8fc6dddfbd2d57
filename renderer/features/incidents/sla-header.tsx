// The incident header's SLA clocks: response and resolve with elapsed / target, percent, paused state and threshold.
import { STATUS_LABELS, type Incident, type SlaClock } from '../../../shared/domain';
import { slaClocksOf } from '../../db/sla';
import { formatLocalClock } from '../format';
import { useMinuteNow, useSlaTimelines } from './sla-hooks';
import { elapsedOfTarget, slaCellText, THRESHOLD_LABELS, THRESHOLD_MARKS } from './sla-format';

export function IncidentSlaClocks({ incident }: { incident: Incident }) {
  const nowMs = useMinuteNow();
  const timelineOf = useSlaTimelines([incident]);
  const timeline = timelineOf(incident);
  if (!timeline) return null;
  const clocks = slaClocksOf(timeline, incident.priority, nowMs);
  return (
    <div className="sla-clocks" role="group" aria-label="SLA clocks">
      <ClockLine name="Time to own" clock={clocks.response} incident={incident} />
      <ClockLine name="Time to resolve" clock={clocks.resolve} incident={incident} />
      <LateRecordNote incident={incident} nowMs={nowMs} />
    </div>
  );
}

/** Reported this long before it was recorded, the clocks' start is worth saying: they do not count the wait before. */
const LATE_RECORD_MS = 5 * 60_000;

/**
 * The clocks run from when the incident was recorded (DOMAIN.md: "new" = recorded), not from the reported time a
 * person types: said when the two are far apart (a call logged late during an outage), so a full clock is not misread.
 */
function LateRecordNote({ incident, nowMs }: { incident: Incident; nowMs: number }) {
  const recorded = Date.parse(incident.createdAt);
  const reported = Date.parse(incident.reportedAt.utc);
  if (!(recorded - reported >= LATE_RECORD_MS)) return null;
  return (
    <p className="sla-clock-note muted">
      Counted from {formatLocalClock(recorded, nowMs)}, when it was recorded in Lantern, not from when it was reported ({formatLocalClock(reported, nowMs)}).
    </p>
  );
}

/** Ended (resolved, closed, cancelled) with neither a team nor a person on it: "owned" would claim what did not happen. */
function endedWithoutOwner(incident: Incident): boolean {
  return ENDED.has(incident.status) && !incident.team && !incident.assignee;
}
const ENDED: ReadonlySet<Incident['status']> = new Set(['resolved', 'closed', 'cancelled']);

function stateText(name: string, clock: SlaClock, incident: Incident): string {
  if (clock.state === 'paused') return 'Paused — on hold';
  const late = clock.threshold === 'breached';
  if (clock.state === 'stopped' && name === 'Time to own' && endedWithoutOwner(incident)) return `${late ? 'Missed' : 'Met'} — ${STATUS_LABELS[incident.status].toLowerCase()} with no owner`;
  if (clock.state === 'stopped') return name === 'Time to own' ? (late ? 'Owned late' : 'Owned in time') : late ? 'Missed' : 'Met';
  return slaCellText(clock);
}

function ClockLine({ name, clock, incident }: { name: string; clock: SlaClock; incident: Incident }) {
  const mark = THRESHOLD_MARKS[clock.threshold];
  return (
    <p className={`sla-clock sla-${clock.threshold} sla-${clock.state}`}>
      <span className="sla-clock-name">{name}:</span> {mark && <span aria-hidden="true">{mark} </span>}
      <span>{elapsedOfTarget(clock)}</span>
      {' · '}
      <span>{stateText(name, clock, incident)}</span>
      {clock.threshold !== 'none' && <span className="sla-level">{` (${THRESHOLD_LABELS[clock.threshold]})`}</span>}
    </p>
  );
}
