// Stakeholder updates in the detail view: the incident's interval (an editable field) and "next update due" in the header.
import { useEffect, useState } from 'react';
import {
  DEFAULT_NOTIFICATION_SETTINGS,
  lastStakeholderUpdateAt,
  nextStakeholderUpdateDue,
  OPEN_STATUSES,
  stakeholderUpdateCadence,
  UPDATE_EVERY_CHOICES,
  updateEveryText,
  type EditableFields,
  type Incident,
  type TimelineEvent,
} from '../../../shared/domain';
import { useServices } from '../../app/services';
import { InlineField } from './inline-field';
import { useMinuteNow } from './sla-hooks';

const MIN = 60_000;

/** The major-incident default of this device (notification settings), read once per detail view. */
export function useMajorUpdateDefault(): number | null {
  const { host } = useServices();
  const [minutes, setMinutes] = useState<number | null>(DEFAULT_NOTIFICATION_SETTINGS.majorUpdateEveryMinutes);
  useEffect(() => {
    let live = true;
    host.notifications.getSettings().then(
      (settings) => live && setMinutes(settings.majorUpdateEveryMinutes),
      // Unreadable settings: keep the built-in default rather than hiding a due update.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [host]);
  return minutes;
}

const everyText = updateEveryText;

function durationText(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / MIN));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

function clockText(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** The "Stakeholder updates" field: the device default, off, or an interval set for this incident (synced). */
export function StakeholderUpdateField({ incident, editable, majorDefault, save }: {
  incident: Incident;
  editable: boolean;
  majorDefault: number | null;
  save: (edits: Partial<EditableFields>) => Promise<string | null>;
}) {
  const own = incident.updateEveryMinutes ?? null;
  const cadence = stakeholderUpdateCadence(incident, majorDefault);
  const defaultLabel = majorDefault === null ? 'Default (none on this device)' : `Default (${everyText(majorDefault)} for major incidents)`;
  const display =
    cadence.everyMinutes === null
      ? cadence.source === 'incident' ? 'None (turned off for this incident)' : 'None'
      : `${everyText(cadence.everyMinutes).replace(/^e/, 'E')}${cadence.source === 'default' ? ' (default for major incidents)' : ''}`;
  const options = [
    { value: '', label: defaultLabel },
    { value: '0', label: 'None for this incident' },
    ...UPDATE_EVERY_CHOICES.map((m) => ({ value: String(m), label: everyText(m).replace(/^e/, 'E') })),
  ];
  const initial = own === null ? '' : String(own);
  return (
    <InlineField label="Stakeholder updates" display={display} initial={initial} editor="select" options={options} editable={editable}
      onSave={(v) => (v === initial ? Promise.resolve(null) : save({ updateEveryMinutes: v === '' ? null : Number(v) }))} />
  );
}

/** Header line: when the next stakeholder update is due, or how long it is overdue, with a button to log one. */
export function StakeholderUpdateDue({ incident, events, majorDefault, onLogUpdate }: {
  incident: Incident;
  events: readonly TimelineEvent[];
  majorDefault: number | null;
  onLogUpdate: () => void;
}) {
  const nowMs = useMinuteNow();
  const { everyMinutes } = stakeholderUpdateCadence(incident, majorDefault);
  if (everyMinutes === null || !OPEN_STATUSES.includes(incident.status)) return null;
  const dueAt = nextStakeholderUpdateDue(lastStakeholderUpdateAt(events), Date.parse(incident.createdAt), everyMinutes);
  const overdue = nowMs >= dueAt;
  return (
    <p className={`stakeholder-due${overdue ? ' overdue' : ''}`} role="group" aria-label="Stakeholder update">
      <span>
        {overdue ? (
          <>
            <span aria-hidden="true">⚠ </span>Stakeholder update overdue by {durationText(nowMs - dueAt)} (due {clockText(dueAt)}, {everyText(everyMinutes)})
          </>
        ) : (
          <>Next stakeholder update due {clockText(dueAt)} (in {durationText(dueAt - nowMs)}, {everyText(everyMinutes)})</>
        )}
      </span>{' '}
      <button type="button" className={overdue ? 'primary small' : 'small'} onClick={onLogUpdate}>
        Log update
      </button>
    </p>
  );
}
