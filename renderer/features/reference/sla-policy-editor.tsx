// Edits one SLA policy: name, time-to-own / time-to-resolve targets per priority, 24×7 or business hours, warning thresholds.
import { useId, useState, type FormEvent } from 'react';
import { WEEKDAYS, type SlaPolicy, type Weekday } from '../../../shared/domain';
import { DRAFT_PRIORITIES, draftOf, policyFromDraft, TARGET_LABELS, type DraftPriority, type PolicyDraft, type TargetKind } from './sla-policy-draft';

const DAY_LABELS: Record<Weekday, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };
const ZONE_SUGGESTIONS = ['UTC', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Asia/Kolkata', 'Asia/Tokyo', 'Australia/Sydney', 'Africa/Nairobi'];

/** The device's zone, suggested for a new business-hours calendar. */
function deviceZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

export interface SlaPolicyEditorProps {
  policy: SlaPolicy;
  /** Stores the policy; resolves to an error message, or null when saved. */
  onSave: (policy: SlaPolicy) => Promise<string | null>;
}

/** Keyed by policy id by its parent, so switching policies starts from that policy's stored values. */
export function SlaPolicyEditor({ policy, onSave }: SlaPolicyEditorProps) {
  const [draft, setDraft] = useState<PolicyDraft>(() => draftOf(policy, deviceZone()));
  const [message, setMessage] = useState<{ tone: 'error' | 'saved'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { name: useId(), zone: useId(), zones: useId(), from: useId(), to: useId(), warn1: useId(), warn2: useId() };
  const change = (patch: Partial<PolicyDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setMessage(null);
  };
  const setTarget = (p: DraftPriority, kind: TargetKind, part: 'hours' | 'minutes', value: string) =>
    change({ targets: { ...draft.targets, [p]: { ...draft.targets[p], [kind]: { ...draft.targets[p][kind], [part]: value } } } });
  const toggleDay = (day: Weekday, on: boolean) => change({ days: on ? [...draft.days.filter((d) => d !== day), day] : draft.days.filter((d) => d !== day) });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = policyFromDraft(policy.id, draft);
    if (!result.ok) {
      setMessage({ tone: 'error', text: result.message });
      return;
    }
    setBusy(true);
    const error = await onSave(result.policy).catch(() => 'The policy could not be saved. Try again.');
    setBusy(false);
    setMessage(error ? { tone: 'error', text: error } : { tone: 'saved', text: `Saved ${result.policy.name}. Clocks and alerts now use it.` });
  };

  return (
    <form className="dialog-form sla-policy-editor" aria-label={`Edit ${policy.name}`} onSubmit={(e) => void submit(e)} noValidate>
      <div className="field">
        <label htmlFor={ids.name}>Policy name</label>
        <input id={ids.name} value={draft.name} maxLength={80} onChange={(e) => change({ name: e.target.value })} />
      </div>
      <table className="sla-targets">
        <caption className="hint">Targets per priority (time to own / time to resolve), in hours and minutes. P5 uses P4's.</caption>
        <thead>
          <tr>
            <th scope="col">Priority</th>
            {/* The clocks' own names, as the incident header and alerts say them. */}
            <th scope="col">Time to own</th>
            <th scope="col">Time to resolve</th>
          </tr>
        </thead>
        <tbody>
          {DRAFT_PRIORITIES.map((p) => (
            <tr key={p}>
              <th scope="row">{p}</th>
              {(['response', 'resolve'] as const).map((kind) => (
                <td key={kind}>
                  <span className="sla-duration">
                    <input type="number" min={0} inputMode="numeric" aria-label={`${p} ${TARGET_LABELS[kind]} hours`} value={draft.targets[p][kind].hours}
                      onChange={(e) => setTarget(p, kind, 'hours', e.target.value)} />
                    <span aria-hidden="true">h</span>
                    <input type="number" min={0} max={59} inputMode="numeric" aria-label={`${p} ${TARGET_LABELS[kind]} minutes`} value={draft.targets[p][kind].minutes}
                      onChange={(e) => setTarget(p, kind, 'minutes', e.target.value)} />
                    <span aria-hidden="true">min</span>
                  </span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <fieldset>
        <legend>When the clocks run</legend>
        <label>
          <input type="radio" name={`${ids.name}-calendar`} checked={!draft.businessHours} onChange={() => change({ businessHours: false })} /> 24×7
        </label>{' '}
        <label>
          <input type="radio" name={`${ids.name}-calendar`} checked={draft.businessHours} onChange={() => change({ businessHours: true })} /> Business hours only
        </label>
        {draft.businessHours && (
          <div className="dialog-form">
            <fieldset className="sla-days">
              <legend>Days</legend>
              {WEEKDAYS.map((day) => (
                <label key={day}>
                  <input type="checkbox" checked={draft.days.includes(day)} onChange={(e) => toggleDay(day, e.target.checked)} /> {DAY_LABELS[day]}
                </label>
              ))}
            </fieldset>
            <div className="field-row three">
              <div className="field">
                <label htmlFor={ids.from}>From</label>
                <input id={ids.from} type="time" value={draft.from} onChange={(e) => change({ from: e.target.value })} />
              </div>
              <div className="field">
                <label htmlFor={ids.to}>To</label>
                <input id={ids.to} type="time" value={draft.to} onChange={(e) => change({ to: e.target.value })} />
              </div>
              <div className="field">
                <label htmlFor={ids.zone}>Time zone</label>
                <input id={ids.zone} list={ids.zones} value={draft.timeZone} spellCheck={false} onChange={(e) => change({ timeZone: e.target.value })} />
                <datalist id={ids.zones}>
                  {ZONE_SUGGESTIONS.map((zone) => <option key={zone} value={zone} />)}
                </datalist>
              </div>
            </div>
          </div>
        )}
      </fieldset>
      <div className="field-row">
        <div className="field">
          <label htmlFor={ids.warn1}>First warning (%)</label>
          <input id={ids.warn1} type="number" min={1} max={99} inputMode="numeric" value={draft.warnFirst} onChange={(e) => change({ warnFirst: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={ids.warn2}>Second warning (%)</label>
          <input id={ids.warn2} type="number" min={1} max={99} inputMode="numeric" value={draft.warnSecond} onChange={(e) => change({ warnSecond: e.target.value })} />
        </div>
      </div>
      <p className="hint">The breach is always at 100 % of the target; automatic escalation follows it.</p>
      {message && <p role={message.tone === 'error' ? 'alert' : 'status'} className={message.tone === 'error' ? 'form-error' : undefined}>{message.text}</p>}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>Save policy</button>
      </div>
    </form>
  );
}
