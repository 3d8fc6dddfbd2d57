// Conflicts HQ's merge resolved automatically: which incident, both values, who and when, and a way to act on each.
import { useMemo, useState, type MouseEvent } from 'react';
import { DIRECTLY_EDITABLE_FIELDS, type EditableFields } from '../../../shared/domain';
import { useServices } from '../../app/services';
import { useIncidentNumbers } from '../../db/links-live';
import { markConflictResolved, type ConflictSideView, type ConflictView } from '../../db/sync-state';
import { useUiStore } from '../../store/ui-store';
import { formatLocal } from '../format';
import { fieldLabel, fieldValueText, namesIncident } from '../field-words';
import { otherIncidentText, type IncidentNumberOf } from '../incidents/timeline-text';
import { closeEnclosingDialog } from './close-enclosing-dialog';
import { useOpenConflicts } from './use-sync';

const EDITABLE = new Set<string>(DIRECTLY_EDITABLE_FIELDS);

export function ConflictsList() {
  const conflicts = useOpenConflicts();
  const numberOf = useNumbersOf(conflicts);
  return (
    <section aria-label="Conflicts" className="sync-conflicts">
      <h3>Conflicts resolved automatically</h3>
      {conflicts === undefined ? (
        <p className="muted">Loading…</p>
      ) : conflicts.length === 0 ? (
        <p className="muted">No conflicts: no two devices changed the same field at the same time.</p>
      ) : (
        <ul className="conflict-list">
          {conflicts.map((conflict) => (
            <ConflictItem key={conflict.id} conflict={conflict} numberOf={numberOf} />
          ))}
        </ul>
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

function ConflictItem({ conflict, numberOf }: { conflict: ConflictView; numberOf: IncidentNumberOf }) {
  const { db, incidents } = useServices();
  const openIncident = useUiStore((s) => s.openIncident);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const title = conflict.incidentTitle ?? 'Incident';
  const incidentName = conflict.incidentNumber ? `${conflict.incidentNumber} ${title}` : title;
  const label = `${incidentName}: ${fieldLabel(conflict.field)}`;

  const pickOther = async () => {
    setBusy(true);
    // A normal edit through the repository: it gets a new stamp and an outbox operation, so it syncs everywhere.
    const edits = { [conflict.field]: conflict.loser.value } as Partial<EditableFields>;
    const result = await incidents.edit(conflict.incidentId, edits);
    if (result.ok) await markConflictResolved(db, conflict.id, Date.now());
    else setMessage(result.error.message);
    setBusy(false);
  };
  const keep = async () => {
    await markConflictResolved(db, conflict.id, Date.now());
  };
  const open = (event: MouseEvent<HTMLElement>) => {
    // The same store action as a click in the list; the dialog gives way so the incident is what the person sees.
    openIncident(conflict.incidentId);
    closeEnclosingDialog(event.currentTarget);
  };

  return (
    <li className="conflict" aria-label={`Conflict ${label}`}>
      <div className="conflict-head">
        <p className="conflict-incident">
          {conflict.incidentNumber && <span className="mono conflict-number">{conflict.incidentNumber}</span>}
          <span className="conflict-title">{title}</span>
          <span className="conflict-field">{fieldLabel(conflict.field)}</span>
        </p>
        {conflict.incidentNumber ? (
          <button type="button" onClick={open} aria-label={`Open incident ${conflict.incidentNumber}`}>
            Open incident
          </button>
        ) : (
          <span className="hint">The incident has not fully arrived on this device yet.</span>
        )}
      </div>
      <dl className="conflict-sides">
        <Side title="Kept value" field={conflict.field} side={conflict.winner} numberOf={numberOf} />
        <Side title="Other value" field={conflict.field} side={conflict.loser} numberOf={numberOf} />
      </dl>
      <div className="actions">
        {EDITABLE.has(conflict.field) ? (
          <button type="button" disabled={busy} onClick={() => void pickOther()} aria-label={`Use the other value for ${label}`}>
            Use the other value
          </button>
        ) : (
          <span className="hint">Change this field from the incident itself.</span>
        )}
        <button type="button" onClick={() => void keep()} aria-label={`Keep the current value for ${label}`}>
          Keep
        </button>
      </div>
      {message && <p role="alert">{message}</p>}
    </li>
  );
}

/**
 * HQ sends device ids only (no names), and this device knows no other device's name, so another device is named by
 * the end of its id — what an HQ administrator can match against the enrolled devices.
 */
function deviceWords(side: ConflictSideView): string {
  return side.thisDevice ? 'this device' : `another device (…${side.deviceId.slice(-6)})`;
}

function Side({ title, field, side, numberOf }: { title: string; field: string; side: ConflictSideView; numberOf: IncidentNumberOf }) {
  const device = deviceWords(side);
  const who = side.author ? `${side.author} on ${device}` : device;
  const when = side.at ? formatLocal(side.at) : 'time unknown';
  return (
    <div className="conflict-side">
      <dt>{title}</dt>
      <dd className="conflict-value">{namesIncident(field) ? otherIncidentText(side.value, numberOf) : fieldValueText(field, side.value)}</dd>
      <dd className="hint">{`${who}, ${when}`}</dd>
    </div>
  );
}
