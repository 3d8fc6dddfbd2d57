// The best known true time of a recorded entry: its device clock's time, corrected by what the entry says of that clock.
import type { TimelineEvent } from '../timeline';

/** What an entry carries of when it was recorded: the device clock's time, its ordering stamp, and its clock mark. */
export type RecordedEntry = Pick<TimelineEvent, 'at' | 'hlc' | 'clock'>;

/**
 * When the entry most likely really happened, from the entry alone, so every laptop gets the same instant from the same
 * entries whatever its own clock says. NaN when the recorded time is unusable (the SLA clocks count such a change from
 * the start). A clock found off at the last check against HQ ('off'): the recorded time corrected by the offset HQ
 * measured. Otherwise the recorded time: a clock checked and right needs nothing, and of an unchecked one nothing
 * synced tells more.
 *
 * Deliberately not the ordering stamp (auto-close.ts uses it as a floor, where only lateness is at stake): a stamp can
 * lead the real time by up to HQ's one-hour cap after a pull from a laptop whose clock runs ahead; it stays hours ahead
 * on a laptop whose clock was set back to the right time (the sync panel asks for exactly that); and HQ rewrites such a
 * future stamp to its own time of the push, which can be hours after the entry was recorded offline. Each would date
 * entries late, i.e. hide breaches, and the last would give the recording laptop other times than everyone else.
 */
export function bestKnownTimeMs(entry: RecordedEntry): number {
  const recordedMs = Date.parse(entry.at.utc);
  if (!Number.isFinite(recordedMs)) return Number.NaN;
  return entry.clock?.state === 'off' ? recordedMs + entry.clock.hqMinusDeviceMs : recordedMs;
}

/**
 * When the SLA clocks start: the best known time of the incident's creation entry (the causally first, should there
 * be several), or undefined when that entry is not among `events` (callers then use the incident's createdAt).
 */
export function slaStartOf(events: readonly TimelineEvent[]): number | undefined {
  let created: TimelineEvent | undefined;
  for (const event of events) if (event.kind === 'created' && (created === undefined || event.hlc < created.hlc)) created = event;
  if (created === undefined) return undefined;
  const ms = bestKnownTimeMs(created);
  return Number.isFinite(ms) ? ms : undefined;
}
