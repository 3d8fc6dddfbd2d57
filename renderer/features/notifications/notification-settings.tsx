// Quiet settings: pause, do not disturb for a while (P1 and major incidents still come through), per-category mute.
import { useEffect, useId, useState } from 'react';
import { ALERT_CATEGORIES, updateEveryText, updateIntervalChoices, type AlertCategory, type NotificationSettings as Settings } from '../../../shared/domain';
import type { HostKind } from '../../host/host';
import { formatLocalClock } from '../format';
import type { HostNotifications } from '../../host/host-notifications';

export const CATEGORY_LABELS: Record<AlertCategory, string> = {
  sla: 'SLA warnings and breaches',
  assignment: 'Assignments to me',
  escalation: 'Escalations',
  sync: 'Sync problems',
  conflict: 'Conflicting edits',
  reminder: 'Stakeholder update reminders',
};

const DND_CHOICES = [
  { minutes: 0, label: 'Off' },
  { minutes: 30, label: 'For 30 minutes' },
  { minutes: 60, label: 'For 1 hour' },
  { minutes: 240, label: 'For 4 hours' },
  { minutes: 480, label: 'For 8 hours' },
] as const;

/** The select's value while do-not-disturb runs: the current state, not one of the durations offered. */
const DND_ACTIVE = 'active';

/**
 * When do-not-disturb ends, in the app's format: "14:30" today, "29 Nov 2026 01:30" on another day (the locale's
 * "01:30 AM" mixed 12- and 24-hour clocks). null when it is off.
 */
function untilTime(until: number | null, now: number): string | null {
  if (until === null || until <= now) return null;
  return formatLocalClock(until, now);
}

/** Re-renders when do-not-disturb runs out, so the control never keeps showing a state that has ended. */
function useRerenderAt(at: number | null, now: () => number): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (at === null) return;
    const wait = at - now();
    if (wait <= 0 || wait > 2 ** 31 - 1) return;
    const timer = setTimeout(() => setTick((n) => n + 1), wait + 50);
    return () => clearTimeout(timer);
  }, [at, now]);
}

export function NotificationSettingsForm({ notifications, hostKind, now = Date.now }: { notifications: HostNotifications; hostKind: HostKind; now?: () => number }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [message, setMessage] = useState<{ kind: 'saved' | 'error'; text: string } | null>(null);
  const dndId = useId();
  const updatesId = useId();
  const dndHintId = useId();
  useRerenderAt(settings?.doNotDisturbUntil ?? null, now);

  useEffect(() => {
    let live = true;
    notifications.getSettings().then(
      (loaded) => live && setSettings(loaded),
      () => live && setMessage({ kind: 'error', text: 'The notification settings could not be read.' }),
    );
    return () => {
      live = false;
    };
  }, [notifications]);

  if (settings === null) return message ? <p role="alert">{message.text}</p> : <p>Loading settings…</p>;

  const save = async (next: Settings) => {
    setSettings(next);
    try {
      setSettings(await notifications.setSettings(next));
      setMessage({ kind: 'saved', text: 'Saved.' });
    } catch {
      setMessage({ kind: 'error', text: 'The settings could not be saved. Try again.' });
    }
  };
  const toggleMute = (category: AlertCategory, muted: boolean) =>
    save({ ...settings, muted: muted ? [...settings.muted.filter((c) => c !== category), category] : settings.muted.filter((c) => c !== category) });
  const quietUntil = untilTime(settings.doNotDisturbUntil, now());

  return (
    <form className="notification-settings" aria-label="Notification settings" onSubmit={(event) => event.preventDefault()}>
      <label>
        <input type="checkbox" checked={settings.paused} onChange={(event) => void save({ ...settings, paused: event.target.checked })} /> Pause notifications
      </label>
      <div>
        <label htmlFor={dndId}>Do not disturb</label>{' '}
        <select
          id={dndId}
          aria-describedby={dndHintId}
          value={quietUntil ? DND_ACTIVE : '0'}
          onChange={(event) => {
            if (event.target.value === DND_ACTIVE) return;
            const minutes = Number(event.target.value);
            void save({ ...settings, doNotDisturbUntil: minutes > 0 ? now() + minutes * 60_000 : null });
          }}
        >
          {/* The state in force is what the control shows; picking a duration starts a new quiet period from now. */}
          {quietUntil && <option value={DND_ACTIVE}>{`On until ${quietUntil}`}</option>}
          {DND_CHOICES.map((choice) => (
            <option key={choice.minutes} value={choice.minutes}>
              {choice.minutes === 0 || !quietUntil ? choice.label : `${choice.label} from now`}
            </option>
          ))}
        </select>
        <p className="hint" id={dndHintId}>
          {quietUntil ? `Quiet until ${quietUntil}: no pop-ups, alerts are still listed here. ` : ''}P1 and major incidents always come through.
        </p>
      </div>
      <div>
        <label htmlFor={updatesId}>Stakeholder updates on major incidents</label>{' '}
        <select
          id={updatesId}
          value={settings.majorUpdateEveryMinutes ?? 0}
          onChange={(event) => {
            const minutes = Number(event.target.value);
            void save({ ...settings, majorUpdateEveryMinutes: minutes > 0 ? minutes : null });
          }}
        >
          <option value={0}>No reminders</option>
          {updateIntervalChoices(settings.majorUpdateEveryMinutes).map((minutes) => (
            <option key={minutes} value={minutes}>
              {`Remind ${updateEveryText(minutes)}`}
            </option>
          ))}
        </select>
        <p className="hint">The default for major incidents on this device; an incident can set its own under “Stakeholder updates”.</p>
      </div>
      <fieldset>
        <legend>Mute</legend>
        {ALERT_CATEGORIES.map((category) => (
          <label key={category}>
            <input type="checkbox" checked={settings.muted.includes(category)} onChange={(event) => void toggleMute(category, event.target.checked)} /> {CATEGORY_LABELS[category]}
          </label>
        ))}
        <p className="hint">Muted alerts are still listed here, without a pop-up.</p>
      </fieldset>
      {hostKind === 'electron' && (
        <label>
          <input type="checkbox" checked={settings.closeToTray} onChange={(event) => void save({ ...settings, closeToTray: event.target.checked })} /> Keep running in the tray when the window is closed
        </label>
      )}
      <p role={message?.kind === 'error' ? 'alert' : 'status'} className="hint">
        {message?.text ?? ''}
      </p>
    </form>
  );
}
