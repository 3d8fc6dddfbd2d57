// Edits one SLA policy: name, time-to-own / time-to-resolve targets per priority, 24×7 or business hours and holidays, warnings.
import { useId, useState, type FormEvent } from 'react';
import type { SlaPolicy, Weekday } from '../../../shared/domain';
import { SlaHolidaysEditor } from './sla-holidays-editor';
import { DRAFT_PRIORITIES, draftOf, policyFromDraft, TARGET_LABELS, type DraftPriority, type PolicyDraft, type TargetKind } from './sla-policy-draft';
import { SlaWindowsEditor } from './sla-windows-editor';
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
  const [savedCount, setSavedCount] = useState(0);
  const ids = { name: useId(), zone: useId(), zones: useId(), warn1: useId(), warn2: useId(), allDay: useId() };
  const change = (patch: Partial<PolicyDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setMessage(null);
  };
  const setTarget = (p: DraftPriority, kind: TargetKind, part: 'hours' | 'minutes', value: string) =>
    change({ targets: { ...draft.targets, [p]: { ...draft.targets[p], [kind]: { ...draft.targets[p][kind], [part]: value } } } });
  const workingDays = new Set<Weekday>(draft.windows.flatMap((w) => w.days));
  // Switching to 24×7 keeps the windows and holidays in the form; saving so removes them, and the form says it first.
  const dropsCalendar = !draft.businessHours && policy.calendar !== null;

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
    if (!error) setSavedCount((n) => n + 1);
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
        <div className="sla-calendar-choice">
          <label>
            <input type="radio" name={`${ids.name}-calendar`} checked={!draft.businessHours} aria-describedby={ids.allDay} onChange={() => change({ businessHours: false })} /> 24×7
          </label>{' '}
          <label>
            <input type="radio" name={`${ids.name}-calendar`} checked={draft.businessHours} onChange={() => change({ businessHours: true })} /> Business hours only
          </label>
        </div>
        <p className="hint" id={ids.allDay}>
          24×7 clocks run every hour, public holidays included. To skip holidays round the clock, choose business hours on every day from 00:00 to 24:00.
          {dropsCalendar && ` Saving as 24×7 removes this policy’s business hours${policy.calendar?.holidays?.length ? ` and its ${policy.calendar.holidays.length === 1 ? 'holiday' : `${policy.calendar.holidays.length} holidays`}` : ''}.`}
        </p>
        {draft.businessHours && (
          <div className="dialog-form">
            <div className="field sla-zone">
              <label htmlFor={ids.zone}>Time zone</label>
              <input id={ids.zone} list={ids.zones} value={draft.timeZone} spellCheck={false} onChange={(e) => change({ timeZone: e.target.value })} />
              <datalist id={ids.zones}>
                {ZONE_SUGGESTIONS.map((zone) => <option key={zone} value={zone} />)}
              </datalist>
            </div>
            <SlaWindowsEditor windows={draft.windows} onChange={(windows) => change({ windows })} />
            <SlaHolidaysEditor holidays={draft.holidays} timeZone={draft.timeZone} workingDays={workingDays} savedCount={savedCount}
              onChange={(holidays) => change({ holidays })} />
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
