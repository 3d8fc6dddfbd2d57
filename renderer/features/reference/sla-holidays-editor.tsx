// The holidays of an SLA calendar: local dates with no business hours; add one, paste several, remove one.
import { useId, useState, type KeyboardEvent } from 'react';
import type { Weekday } from '../../../shared/domain';
import { addHolidays, holidayLabel, holidayWeekday, removeHoliday } from './sla-calendar-draft';
import { LOCAL_DATE_BOUNDS } from '../local-time';

export interface SlaHolidaysEditorProps {
  holidays: string[];
  timeZone: string;
  /** Weekdays that have business hours: a holiday on another day changes nothing, and the list says so. */
  workingDays: ReadonlySet<Weekday>;
  onChange: (holidays: string[]) => void;
  /** Changes when the policy is saved: "save the policy to keep the change" no longer applies then. */
  savedCount: number;
}

/** `savedCount` when written: a note from before the last save no longer applies and is not shown. */
type Note = { tone: 'error' | 'done'; text: string; from: 'one' | 'several'; savedCount: number } | null;

export function SlaHolidaysEditor({ holidays, timeZone, workingDays, onChange, savedCount }: SlaHolidaysEditorProps) {
  const ids = { date: useId(), paste: useId(), note: useId(), hint: useId() };
  const [date, setDate] = useState('');
  const [pasted, setPasted] = useState('');
  const [stored, setNote] = useState<Note>(null);
  const note = stored?.savedCount === savedCount ? stored : null;

  const add = (text: string, from: 'one' | 'several') => {
    const result = addHolidays(holidays, text);
    if (!result.ok) {
      setNote({ tone: 'error', text: result.message, from, savedCount });
      return;
    }
    onChange(result.holidays);
    if (from === 'one') setDate('');
    else setPasted('');
    const what = result.added === 1 ? '1 holiday' : `${result.added} holidays`;
    const skipped = result.skipped > 0 ? ` (${result.skipped} already listed)` : '';
    setNote({ tone: 'done', text: `Added ${what}${skipped}. Save the policy to keep the change.`, from, savedCount });
  };
  // Enter in the date box adds the date; it must not submit (save) the whole policy form.
  const addOnEnter = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    add(date, 'one');
  };
  const error = (from: 'one' | 'several') => (note?.tone === 'error' && note.from === from ? ids.note : undefined);
  const zone = timeZone.trim() || 'the calendar’s time zone';

  return (
    <fieldset className="sla-holidays">
      <legend>Holidays</legend>
      <p className="hint" id={ids.hint}>
        {`No business hours on these dates, midnight to midnight in ${zone}.`}
      </p>
      {holidays.length === 0 ? (
        <p className="muted">No holidays: the clocks count every day that has business hours.</p>
      ) : (
        <ul className="sla-holiday-list" aria-label="Holidays">
          {holidays.map((holiday) => {
            const weekday = holidayWeekday(holiday);
            const label = holidayLabel(holiday);
            return (
              <li key={holiday}>
                <span>{label}</span>
                {weekday !== null && !workingDays.has(weekday) && <span className="hint"> (no business hours that day anyway)</span>}
                <button type="button" aria-label={`Remove holiday ${label}`}
                  onClick={() => {
                    onChange(removeHoliday(holidays, holiday));
                    setNote({ tone: 'done', text: `Removed ${label}. Save the policy to keep the change.`, from: 'one', savedCount });
                  }}>
                  Remove
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="sla-holiday-add">
        <label htmlFor={ids.date}>Holiday date</label>
        <input id={ids.date} type="date" {...LOCAL_DATE_BOUNDS} value={date} aria-invalid={error('one') ? true : undefined} aria-describedby={error('one')}
          onChange={(e) => {
            setDate(e.target.value);
            setNote(null);
          }}
          onKeyDown={addOnEnter} />
        <button type="button" onClick={() => add(date, 'one')}>Add holiday</button>
      </div>
      <details className="sla-holiday-paste">
        <summary>Add several dates at once</summary>
        <div className="sla-holiday-paste-body">
          <label htmlFor={ids.paste}>Dates, one per line (YYYY-MM-DD)</label>
          <textarea id={ids.paste} rows={4} value={pasted} spellCheck={false} placeholder={'2026-12-25\n2026-12-26'} aria-invalid={error('several') ? true : undefined}
            aria-describedby={error('several')}
            onChange={(e) => {
              setPasted(e.target.value);
              setNote(null);
            }} />
          <button type="button" onClick={() => add(pasted, 'several')}>Add these dates</button>
        </div>
      </details>
      {note && (
        <p id={ids.note} role={note.tone === 'error' ? 'alert' : 'status'} className={note.tone === 'error' ? 'form-error' : 'hint'}>
          {note.text}
        </p>
      )}
    </fieldset>
  );
}
