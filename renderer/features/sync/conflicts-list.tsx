// Conflicts HQ's merge resolved automatically: this device's first, the rest of the fleet's behind a count; one entry per status clash.
import { useId, useMemo, useState } from 'react';
import { useServices } from '../../app/services';
import type { LanternDb } from '../../db';
import { useIncidentNumbers } from '../../db/links-live';
import { markConflictsResolved, type ConflictView } from '../../db/sync-state';
import { namesIncident } from '../field-words';
import type { IncidentNumberOf } from '../incidents/timeline-text';
import { foldConflicts, groupIds, type ConflictGroup } from './conflict-fold';
import { ConflictItem } from './conflict-item';
import { useOpenConflicts } from './use-sync';
import './conflict-list.css';

/** One of the two changes was made on this device (companions share their status's two changes). */
function involvesThisDevice(group: ConflictGroup<ConflictView>): boolean {
  return group.lead.winner.thisDevice || group.lead.loser.thisDevice;
}

/** Marks every part of `groups` as looked at on this device (the values stay on the incidents' timelines). */
function keepAll(db: LanternDb, groups: readonly ConflictGroup<ConflictView>[]): Promise<void> {
  return markConflictsResolved(db, groups.flatMap(groupIds), Date.now());
}

function entries(count: number): string {
  return count === 1 ? '1 conflict' : `${count} conflicts`;
}

export function ConflictsList() {
  const { db } = useServices();
  const conflicts = useOpenConflicts();
  const numberOf = useNumbersOf(conflicts);
  const [showOthers, setShowOthers] = useState(false);
  const othersId = useId();
  const groups = useMemo(() => foldConflicts(conflicts ?? []), [conflicts]);
  const mine = groups.filter(involvesThisDevice);
  const others = groups.filter((group) => !involvesThisDevice(group));
  const keepAllOthers = async () => {
    await keepAll(db, others);
    setShowOthers(false);
  };
  return (
    <section aria-label="Conflicts" className="sync-conflicts">
      <h3>Conflicts resolved automatically</h3>
      {conflicts === undefined ? (
        <p className="muted">Loading…</p>
      ) : groups.length === 0 ? (
        <p className="muted">No conflicts: no two devices changed the same field at the same time.</p>
      ) : (
        <>
          {mine.length === 0 ? (
            <p className="muted">None involve a change made on this device.</p>
          ) : (
            <ul className="conflict-list" aria-label="Conflicts with changes made on this device">
              {mine.map((group) => (
                <ConflictItem key={group.lead.id} group={group} numberOf={numberOf} />
              ))}
            </ul>
          )}
          {others.length > 0 && (
            <div className="conflict-others">
              <p className="conflict-others-bar">
                <button type="button" aria-expanded={showOthers} aria-controls={othersId} onClick={() => setShowOthers((shown) => !shown)}>
                  {showOthers ? `Hide the ${entries(others.length)} from other devices` : `Also ${entries(others.length)} from other devices`}
                </button>
                <span className="hint">Between changes made on other devices; the people there see them too.</span>
              </p>
              {showOthers && (
                <div id={othersId} className="conflict-others-list">
                  <ul className="conflict-list" aria-label="Conflicts between other devices">
                    {others.map((group) => (
                      <ConflictItem key={group.lead.id} group={group} numberOf={numberOf} />
                    ))}
                  </ul>
                  <p className="actions">
                    <button type="button" onClick={() => void keepAllOthers()}>
                      {`Keep all ${entries(others.length)} from other devices`}
                    </button>
                  </p>
                </div>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}

/** The numbers of the incidents the conflicts' values name (a clash over which incident one duplicates), read live. */
function useNumbersOf(conflicts: readonly ConflictView[] | undefined): IncidentNumberOf {
  const ids = useMemo(() => {
    const named = new Set<string>();
    for (const conflict of conflicts ?? []) {
      if (!namesIncident(conflict.field)) continue;
      for (const value of [conflict.winner.value, conflict.loser.value]) if (typeof value === 'string' && value !== '') named.add(value);
    }
    return [...named].sort();
  }, [conflicts]);
  const numbers = useIncidentNumbers(ids);
  return useMemo<IncidentNumberOf>(() => (numbers === undefined ? () => undefined : (id) => numbers.get(id) ?? null), [numbers]);
}
