// The incident header's SLA clocks: response and resolve with elapsed / target, percent, paused state and threshold.
import type { Incident, SlaClock } from '../../../shared/domain';
import { slaClocksOf } from '../../db/sla';
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
      <ClockLine name="Time to own" clock={clocks.response} />
      <ClockLine name="Time to resolve" clock={clocks.resolve} />
    </div>
  );
}

function stateText(name: string, clock: SlaClock): string {
  if (clock.state === 'paused') return 'Paused — on hold';
  if (clock.state === 'stopped') return name === 'Time to own' ? (clock.threshold === 'breached' ? 'Owned late' : 'Owned in time') : clock.threshold === 'breached' ? 'Missed' : 'Met';
  return slaCellText(clock);
}

function ClockLine({ name, clock }: { name: string; clock: SlaClock }) {
  const mark = THRESHOLD_MARKS[clock.threshold];
  return (
    <p className={`sla-clock sla-${clock.threshold} sla-${clock.state}`}>
      <span className="sla-clock-name">{name}:</span> {mark && <span aria-hidden="true">{mark} </span>}
      <span>{elapsedOfTarget(clock)}</span>
      {' · '}
      <span>{stateText(name, clock)}</span>
      {clock.threshold !== 'none' && <span className="sla-level">{` (${THRESHOLD_LABELS[clock.threshold]})`}</span>}
    </p>
  );
}
