// Conflicts HQ's merge resolved automatically: both values, who and when, and a way to pick the other value.
import { useState } from 'react';
import { DIRECTLY_EDITABLE_FIELDS, type EditableFields } from '../../../shared/domain';
import { useServices } from '../../app/services';
import { markConflictResolved, type ConflictSideView, type ConflictView } from '../../db/sync-state';
import { formatLocal } from '../format';
import { fieldLabel, fieldValueText } from '../field-words';
import { useOpenConflicts } from './use-sync';

const EDITABLE = new Set<string>(DIRECTLY_EDITABLE_FIELDS);

export function ConflictsList() {
  const conflicts = useOpenConflicts();
  return (
    <section aria-label="Conflicts" className="sync-conflicts">
      <h3>Conflicts resolved automatically</h3>
      {conflicts === undefined ? (
        <p className="muted">Loading…</p>
      ) : conflicts.length === 0 ? (
        <p className="muted">No conflicts: no two devices changed the same field at the same time.</p>
      ) : (
        <ul className="timeline">
          {conflicts.map((conflict) => (
            <ConflictItem key={conflict.id} conflict={conflict} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ConflictItem({ conflict }: { conflict: ConflictView }) {
  const { db, incidents } = useServices();
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const label = `${conflict.incidentTitle ?? 'Incident'}: ${fieldLabel(conflict.field)}`;

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

  return (
    <li className="timeline-entry" aria-label={`Conflict ${label}`}>
      <div className="timeline-meta">
        <span className="timeline-kind">{label}</span>
      </div>
      <dl className="fields">
        <Side title="Kept value" field={conflict.field} side={conflict.winner} />
        <Side title="Other value" field={conflict.field} side={conflict.loser} />
      </dl>
      <div className="actions">
        {EDITABLE.has(conflict.field) ? (
          <button type="button" disabled={busy} onClick={() => void pickOther()} aria-label={`Use the other value for ${label}`}>
            Use the other value
          </button>
        ) : (
          <span className="hint">Change this field from the incident itself.</span>
        )}
        <button type="button" className="ghost" onClick={() => void keep()} aria-label={`Keep the current value for ${label}`}>
          Keep
        </button>
      </div>
      {message && <p role="alert">{message}</p>}
    </li>
  );
}

function Side({ title, field, side }: { title: string; field: string; side: ConflictSideView }) {
  const device = side.thisDevice ? 'this device' : `device …${side.deviceId.slice(-6)}`;
  const who = side.author ? `${side.author} on ${device}` : device;
  const when = side.at ? formatLocal(side.at) : 'time unknown';
  return (
    <div className="field">
      <dt>{title}</dt>
      <dd className="prewrap">{fieldValueText(field, side.value)}</dd>
      <dd className="hint">{`${who}, ${when}`}</dd>
    </div>
  );
}
