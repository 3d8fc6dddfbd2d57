// What the plain-text briefing and short update need beyond the incident (SLA, due update, drill, linked numbers, duplicates), built when asked.
import { useCallback, useMemo } from 'react';
import { DEFAULT_NOTIFICATION_SETTINGS, type Incident, type TimelineEvent } from '../../../shared/domain';
import { useIncidentNumbers, useLinks } from '../../db/links-live';
import { useCancelledDuplicates } from './links-cancelled-duplicates';
import { slaClocksOf } from '../../db/sla';
import { useDrillMode } from '../drill/use-drill-mode';
import type { BriefingContext } from './briefing-text';
import { useSlaTimelines } from './sla-hooks';
import { useMajorUpdateDefault } from './stakeholder-updates';
import { referencedIncidentIds } from './timeline-text';

/**
 * `context()` is built at click time, so the text says what is true now (SLA, due update), not at the last render.
 * `majorDefault` is this device's interval for major incidents (built-in default until read).
 */
export function useBriefingContext(incident: Incident, events: readonly TimelineEvent[]): { context: () => BriefingContext; majorDefault: number | null } {
  const loaded = useMajorUpdateDefault();
  const drill = useDrillMode();
  const timelineOf = useSlaTimelines([incident]);
  // The incidents it is linked to, and the numbers of those its entries name (links, the one it duplicates).
  const links = useLinks(incident.id);
  const cancelled = useCancelledDuplicates(incident.id);
  // The numbers of those cancelled as its duplicates (all on this computer: they were found here).
  const duplicates = useMemo(() => cancelled?.duplicates.flatMap((duplicate) => (duplicate.number ? [duplicate.number] : [])), [cancelled]);
  const referencedIds = useMemo(() => referencedIncidentIds(events).concat(incident.duplicateOf ?? []), [events, incident.duplicateOf]);
  const numbers = useIncidentNumbers(referencedIds);
  // Until the device setting is read, the built-in default: a briefing rather names a due update than hides one.
  const majorDefault = loaded === undefined ? DEFAULT_NOTIFICATION_SETTINGS.majorUpdateEveryMinutes : loaded;
  const context = useCallback((): BriefingContext => {
    const nowMs = Date.now();
    const inputs = timelineOf(incident);
    return {
      nowMs,
      majorUpdateDefault: majorDefault,
      // The incident, as the header and the list pass it: its impact and urgency anchor the priority history of the clocks.
      sla: inputs && slaClocksOf(inputs, incident, nowMs),
      drillOn: drill?.on === true,
      numberOf: (id) => (numbers === undefined ? undefined : (numbers.get(id) ?? null)),
      links,
      duplicates,
    };
  }, [timelineOf, incident, majorDefault, drill?.on, numbers, links, duplicates]);
  return { context, majorDefault };
}
