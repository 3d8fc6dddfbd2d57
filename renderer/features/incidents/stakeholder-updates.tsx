// Stakeholder updates in the detail view: the incident's interval (an editable field) and "next update due" in the header.
import { useEffect, useState } from 'react';
import {
  DEFAULT_NOTIFICATION_SETTINGS,
  lastStakeholderUpdateAt,
  nextStakeholderUpdateDue,
  OPEN_STATUSES,
  stakeholderUpdateCadence,
  intervalText,
  updateEveryText,
  updateIntervalChoices,
  type EditableFields,
  type Incident,
  type TimelineEvent,
} from '../../../shared/domain';
import { useServices } from '../../app/services';
import { formatLocalClock } from '../format';
import { InlineField, type SaveOver } from './inline-field';
import { useMinuteNow } from './sla-hooks';

const MIN = 60_000;

/**
 * The major-incident default of this device (notification settings), read once per detail view; undefined until read
 * (the header shows no due time it might have to take back).
 */
export function useMajorUpdateDefault(): number | null | undefined {
  const { host } = useServices();
  const [minutes, setMinutes] = useState<number | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    host.notifications.getSettings().then(
      (settings) => live && setMinutes(settings.majorUpdateEveryMinutes),
      // Unreadable settings: the built-in default rather than hiding a due update.
      () => live && setMinutes(DEFAULT_NOTIFICATION_SETTINGS.majorUpdateEveryMinutes),
    );
    return () => {
      live = false;
    };
  }, [host]);
  return minutes;
}

/** "Every 30 min": the interval as an option or field value. */
const optionText = (minutes: number) => `E${updateEveryText(minutes).slice(1)}`;

function durationText(ms: number): string {
  return intervalText(Math.max(1, Math.round(ms / MIN)));
}

/**
 * The due time in the app's format: "01:03" today, "29 Nov 2026 01:03" on another day (a 4 h interval can fall due
 * tomorrow). Not toLocaleTimeString: "01:03 AM" mixed 12- and 24-hour clocks with the rest of the app.
 */
const clockText = formatLocalClock;

/** The "Stakeholder updates" field: the device default, off, or an interval set for this incident (synced). */
export function StakeholderUpdateField({ incident, editable, majorDefault: loaded, save }: {
  incident: Incident;
  editable: boolean;
  majorDefault: number | null | undefined;
  save: (edits: Partial<EditableFields>, over?: SaveOver) => Promise<string | null>;
}) {
  const majorDefault = loaded === undefined ? DEFAULT_NOTIFICATION_SETTINGS.majorUpdateEveryMinutes : loaded;
  const own = incident.updateEveryMinutes ?? null;
  const cadence = stakeholderUpdateCadence(incident, majorDefault);
  const defaultLabel = majorDefault === null ? 'Default (none on this device)' : `Default (${updateEveryText(majorDefault)} for major incidents)`;
  const display =
    cadence.everyMinutes === null
      ? cadence.source === 'incident' ? 'None (turned off for this incident)' : 'None'
      : `${optionText(cadence.everyMinutes)}${cadence.source === 'default' ? ' (default for major incidents)' : ''}`;
  const options = [
    { value: '', label: defaultLabel },
    { value: '0', label: 'None for this incident' },
    // An interval set elsewhere that is not among the choices (e.g. 45 min) stays selectable, so saving keeps it.
    ...updateIntervalChoices(own).map((m) => ({ value: String(m), label: optionText(m) })),
  ];
  const initial = own === null ? '' : String(own);
  return (
    <InlineField label="Stakeholder updates" display={display} initial={initial} editor="select" options={options} editable={editable}
      stamp={incident.stamps.updateEveryMinutes ?? null}
      onSave={(v, over) => (v === initial ? Promise.resolve(null) : save({ updateEveryMinutes: v === '' ? null : Number(v) }, over))} />
  );
}

/** Header line: when the next stakeholder update is due, or how long it is overdue, with a button to log one. */
export function StakeholderUpdateDue({ incident, events, majorDefault, onLogUpdate }: {
  incident: Incident;
  events: readonly TimelineEvent[];
  majorDefault: number | null | undefined;
  onLogUpdate: () => void;
}) {
  const nowMs = useMinuteNow();
  if (majorDefault === undefined && incident.updateEveryMinutes == null) return null;
  const { everyMinutes } = stakeholderUpdateCadence(incident, majorDefault ?? null);
  if (everyMinutes === null || !OPEN_STATUSES.includes(incident.status)) return null;
  const dueAt = nextStakeholderUpdateDue(lastStakeholderUpdateAt(events), Date.parse(incident.createdAt), everyMinutes);
  const overdue = nowMs >= dueAt;
  return (
    <p className={`stakeholder-due${overdue ? ' overdue' : ''}`} role="group" aria-label="Stakeholder update">
      <span>
        {overdue ? (
          <>
            <span aria-hidden="true">⚠ </span>Stakeholder update overdue by {durationText(nowMs - dueAt)} (due {clockText(dueAt, nowMs)}, {updateEveryText(everyMinutes)})
          </>
        ) : (
          <>Next stakeholder update due {clockText(dueAt, nowMs)} (in {durationText(dueAt - nowMs)}, {updateEveryText(everyMinutes)})</>
        )}
      </span>{' '}
      {/* Full size like the other action buttons, not `small` (11 px, no vertical padding): it is the header's call to act. */}
      <button type="button" className={overdue ? 'primary' : undefined} onClick={onLogUpdate}>
        Log update
      </button>
    </p>
  );
}
