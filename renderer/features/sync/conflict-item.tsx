// One entry of Sync settings → Conflicts: the incident, both sides (a status with what came with it), and Keep / pick.
import { useState, type MouseEvent } from 'react';
import { DIRECTLY_EDITABLE_FIELDS, type EditableFields } from '../../../shared/domain';
import { useServices } from '../../app/services';
import { markConflictsResolved, type ConflictSideView, type ConflictView } from '../../db/sync-state';
import { useUiStore } from '../../store/ui-store';
import { formatLocal } from '../format';
import { fieldLabel, fieldValueText, namesIncident } from '../field-words';
import { otherIncidentText, type IncidentNumberOf } from '../incidents/timeline-text';
import { closeEnclosingDialog } from './close-enclosing-dialog';
import { groupIds, type ConflictGroup } from './conflict-fold';

const EDITABLE = new Set<string>(DIRECTLY_EDITABLE_FIELDS);

export function ConflictItem({ group, numberOf }: { group: ConflictGroup<ConflictView>; numberOf: IncidentNumberOf }) {
  const { db, incidents } = useServices();
  const openIncident = useUiStore((s) => s.openIncident);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const conflict = group.lead;
  const title = conflict.incidentTitle ?? 'Incident';
  const incidentName = conflict.incidentNumber ? `${conflict.incidentNumber} ${title}` : title;
  const label = `${incidentName}: ${fieldLabel(conflict.field)}`;
  const ids = groupIds(group);
  // Only a lone, directly editable field is picked here. A status (and what came with it) changes from the incident,
  // through its transition rules, which write every companion field with it.
  const pickable = group.companions.length === 0 && EDITABLE.has(conflict.field);

  const pickOther = async () => {
    setBusy(true);
    // A normal edit through the repository: it gets a new stamp and an outbox operation, so it syncs everywhere.
    const edits = { [conflict.field]: conflict.loser.value } as Partial<EditableFields>;
    const result = await incidents.edit(conflict.incidentId, edits);
    if (result.ok) await markConflictsResolved(db, ids, Date.now());
    else setMessage(result.error.message);
    setBusy(false);
  };
  const keep = async () => {
    await markConflictsResolved(db, ids, Date.now());
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
        <Side title="Kept value" group={group} side="winner" numberOf={numberOf} />
        <Side title="Other value" group={group} side="loser" numberOf={numberOf} />
      </dl>
      <div className="actions">
        {pickable ? (
          <button type="button" disabled={busy} onClick={() => void pickOther()} aria-label={`Use the other value for ${label}`}>
            Use the other value
          </button>
        ) : (
          <span className="hint">{conflict.field === 'status' ? 'Change the status from the incident itself.' : 'Change this field from the incident itself.'}</span>
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

function valueText(field: string, value: unknown, numberOf: IncidentNumberOf): string {
  return namesIncident(field) ? otherIncidentText(value, numberOf) : fieldValueText(field, value);
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** A side: its value and, for a status, what that status change set with it ("Hold reason: Awaiting vendor"). */
function Side({ title, group, side, numberOf }: { title: string; group: ConflictGroup<ConflictView>; side: 'winner' | 'loser'; numberOf: IncidentNumberOf }) {
  const view = group.lead[side];
  const device = deviceWords(view);
  const who = view.author ? `${view.author} on ${device}` : device;
  const when = view.at ? formatLocal(view.at) : 'time unknown';
  // An empty companion is what a status without it leaves: "Hold reason: —" on a resolution is noise.
  const details = group.companions.filter((companion) => !isEmpty(companion[side].value));
  return (
    <div className="conflict-side">
      <dt>{title}</dt>
      <dd className="conflict-value">{valueText(group.lead.field, view.value, numberOf)}</dd>
      {details.map((companion) => (
        <dd key={companion.id} className="conflict-detail">
          <span className="conflict-detail-label">{fieldLabel(companion.field)}: </span>
          {valueText(companion.field, companion[side].value, numberOf)}
        </dd>
      ))}
      <dd className="hint">{`${who}, ${when}`}</dd>
    </div>
  );
}
