// SLA hooks: a minute tick for live clocks, and the timelines of the given incidents (one read for all misses).
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { SEED_SLA_POLICY_SET, type Incident, type SlaSubject } from '../../../shared/domain';
import { useLanternDb } from '../../db';
import { cachedSlaTimeline, loadTimelines, slaInputsOf, type SlaInputs } from '../../db/sla';
import { readSlaPolicySet } from '../../db/sla-policies';
import { rowSlaOf } from '../../db/row-sla';

export { SLA_TICK_MS, useMinuteNow } from './minute-now';

type SlaKeyed = Pick<Incident, 'id' | 'createdAt' | 'updatedAt'> & SlaSubject;

/**
 * The SLA inputs of each incident (undefined until read): its row's SLA changes (incidents read from rows carry them),
 * else its timeline, re-read only when its updatedAt changed; and its policy from the stored policies, which are
 * watched live so a policy edit re-renders every clock at once.
 */
export function useSlaTimelines(incidents: readonly SlaKeyed[]): (incident: SlaKeyed) => SlaInputs | undefined {
  const db = useLanternDb();
  const policies = useLiveQuery(() => readSlaPolicySet(db), [db]) ?? SEED_SLA_POLICY_SET;
  // Only incidents without their row's changes need their timeline read.
  const key = incidents
    .filter((i) => !rowSlaOf(i)?.slaChanges)
    .map((i) => `${i.id}\t${i.createdAt}\t${i.updatedAt}`)
    .join('\n');
  const [, setVersion] = useState(0);
  // A read that finishes after the rows changed still re-renders: its rows may be on screen, waiting for it.
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  useEffect(() => {
    if (key === '') return;
    const wanted = key.split('\n').map((line) => {
      const [id = '', createdAt = '', updatedAt = ''] = line.split('\t');
      return { id, createdAt, updatedAt };
    });
    if (wanted.every((incident) => cachedSlaTimeline(db, incident))) return;
    // Only the timelines are read here; the policies come from the live set above.
    loadTimelines(db, wanted)
      .then(() => {
        if (mounted.current) setVersion((v) => v + 1);
      })
      .catch((error: unknown) => console.warn('Lantern: reading SLA timelines failed', error));
  }, [db, key]);
  return (incident) => {
    const timeline = cachedSlaTimeline(db, incident);
    return timeline && slaInputsOf(timeline, incident, policies);
  };
}
