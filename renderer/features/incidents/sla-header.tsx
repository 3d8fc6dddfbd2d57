// The incident header's SLA clocks: response and resolve with elapsed / target, percent, paused state and threshold.
import { STATUS_LABELS, type Incident, type SlaClock } from '../../../shared/domain';
import { slaClocksOf } from '../../db/sla';
import { formatLocalClock } from '../format';
import { useMinuteNow, useSlaTimelines } from './sla-hooks';
import { breachText, durationOfTarget, elapsedOfTarget, NOT_JUDGED, shownThreshold, slaCellText, THRESHOLD_LABELS, THRESHOLD_MARKS } from './sla-format';

export function IncidentSlaClocks({ incident }: { incident: Incident }) {
  const nowMs = useMinuteNow();
  const timelineOf = useSlaTimelines([incident]);
  const timeline = timelineOf(incident);
  if (!timeline) return null;
  // The incident itself, not only its priority: its impact and urgency anchor the priority history the clocks follow.
  const clocks = slaClocksOf(timeline, incident, nowMs);
  return (
    <div className="sla-clocks" role="group" aria-label="SLA clocks">
      <ClockLine name="Time to own" clock={clocks.response} incident={incident} nowMs={nowMs} />
      <ClockLine name="Time to resolve" clock={clocks.resolve} incident={incident} nowMs={nowMs} />
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

/** Ended (resolved, closed) with neither a team nor a person on it: "owned" would claim what did not happen. */
function endedWithoutOwner(incident: Incident): boolean {
  return ENDED.has(incident.status) && !incident.team && !incident.assignee;
}
const ENDED: ReadonlySet<Incident['status']> = new Set(['resolved', 'closed', 'cancelled']);

/** What a clock that stopped in time says, calmly and in one phrase: "Owned in 10m of 15m". */
function metText(name: string, clock: SlaClock, incident: Incident): string {
  const within = durationOfTarget(clock);
  if (name === 'Time to own') {
    return endedWithoutOwner(incident) ? `Met — ${STATUS_LABELS[incident.status].toLowerCase()} with no owner, after ${within}` : `Owned in ${within}`;
  }
  return `Resolved in ${within}`;
}

function stateText(name: string, clock: SlaClock, incident: Incident): string {
  if (clock.state === 'paused') return 'Paused — on hold';
  if (clock.state === 'stopped' && name === 'Time to own' && endedWithoutOwner(incident)) return `Missed — ${STATUS_LABELS[incident.status].toLowerCase()} with no owner`;
  if (clock.state === 'stopped') return name === 'Time to own' ? 'Owned late' : 'Missed';
  return slaCellText(clock);
}

function ClockLine({ name, clock, incident, nowMs }: { name: string; clock: SlaClock; incident: Incident; nowMs: number }) {
  // A cancelled incident is not judged (as in Statistics); a clock that stopped in time is calm: no mark, colour or warning.
  if (incident.status === 'cancelled' || (clock.state === 'stopped' && clock.threshold !== 'breached')) {
    return (
      <p className="sla-clock sla-none sla-stopped">
        <span className="sla-clock-name">{name}:</span> <span>{incident.status === 'cancelled' ? `${NOT_JUDGED} (not judged)` : metText(name, clock, incident)}</span>
      </p>
    );
  }
  const threshold = shownThreshold(clock);
  const mark = THRESHOLD_MARKS[threshold];
  const level = threshold === 'breached' ? breachText(clock, nowMs) : THRESHOLD_LABELS[threshold];
  return (
    <p className={`sla-clock sla-${threshold} sla-${clock.state}`}>
      <span className="sla-clock-name">{name}:</span> {mark && <span aria-hidden="true">{mark} </span>}
      <span>{elapsedOfTarget(clock)}</span>
      {' · '}
      <span>{stateText(name, clock, incident)}</span>
      {threshold !== 'none' && <span className="sla-level">{` (${level})`}</span>}
    </p>
  );
}
