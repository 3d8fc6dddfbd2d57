// A time of an incident (occurred, detected, reported) edited in place, in this computer's local time with its offset stored.
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ZonedTime } from '../../../shared/domain';
import { formatZoned } from '../format';
import { LOCAL_TIME_BOUNDS, localTimeOf, localTimeProblem, localValueAt } from '../local-time';
import { LocalTimeChoice, localTimeHint } from '../local-time-choice';
import { FieldReadView, InlineEditActions, useInlineEditor } from './inline-field';

export interface TimeFieldProps {
  label: string;
  time: ZonedTime | null;
  /** Optional times can be cleared (saved as null) and show "Not recorded" when empty. */
  optional?: boolean;
  /** What a required time says when emptied (default: about when it happened). */
  emptyMessage?: string;
  editable: boolean;
  /** Why a typed time (epoch ms) cannot be saved; null when fine. */
  check: (ms: number) => string | null;
  onSave: (time: ZonedTime | null) => Promise<string | null>;
}

/**
 * A time edited in place like InlineField, with a date-time picker in this computer's local time; the offset of
 * that moment is what gets stored. Unchanged values are not saved, so opening the editor never rewrites a zone.
 * A time the clocks showed twice keeps the pass of the time being edited (or the one chosen); a skipped one is refused.
 */
export function TimeField({ label, time, optional, emptyMessage = 'Enter the date and time it happened.', editable, check, onSave }: TimeFieldProps) {
  const initial = time ? localValueAt(Date.parse(time.utc)) : '';
  const { editing, setEditing, value, setValue, error, setError, saving, setSaving, id, editRef, fieldRef: inputRef, start } = useInlineEditor<HTMLInputElement>(initial);
  // A pass of a repeated time the person chose; until then the stored time's own.
  const [chosen, setChosen] = useState<ZonedTime | null>(null);
  const kept = chosen ?? time;
  const entered = value === '' ? null : localTimeOf(value, kept, kept?.offsetMinutes ?? null);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    // A half-typed date-time reads as ''; it must not silently clear the time.
    if (inputRef.current?.validity.badInput) return setError(`Finish the date and time${optional ? ', or clear every part of it' : ''}.`);
    if (value === initial && entered?.utc === time?.utc && entered?.offsetMinutes === time?.offsetMinutes) return setEditing(false);
    if (value === '' && !optional) return setError(emptyMessage);
    const problem = value === '' ? null : entered ? check(Date.parse(entered.utc)) : (localTimeProblem(value, null) ?? check(Number.NaN) ?? 'Enter a complete date and time.');
    if (problem) return setError(problem);
    setSaving(true);
    const refused = await onSave(entered);
    setSaving(false);
    if (refused) setError(refused);
    else setEditing(false);
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    setEditing(false);
  }

  if (!editing) {
    return (
      <FieldReadView label={label} editable={editable} editRef={editRef} onEdit={() => { setChosen(null); start(); }}>
        <span>{time ? formatZoned(time) : 'Not recorded'}</span>
      </FieldReadView>
    );
  }
  const zone = `${localTimeHint(value, entered)}${optional ? '; leave empty if not known' : ''}`;
  return (
    <div className="field-view">
      <dt><label htmlFor={id}>{label}</label></dt>
      <dd>
        <form className="inline-edit" onSubmit={(e) => void save(e)} noValidate>
          <input id={id} ref={inputRef} type="datetime-local" {...LOCAL_TIME_BOUNDS} value={value} onKeyDown={onKeyDown} onChange={(e) => { setValue(e.target.value); setError(null); }}
            aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : `${id}-zone`} />
          {!error && <span id={`${id}-zone`} className="hint">{zone}</span>}
          <LocalTimeChoice id={id} value={value} time={entered} noteElsewhere={false} disabled={saving}
            onChoose={(pass) => { setChosen(pass); setValue(localValueAt(Date.parse(pass.utc))); setError(null); }} />
          <InlineEditActions id={id} label={label} saving={saving} error={error} onBack={() => setEditing(false)} />
        </form>
      </dd>
    </div>
  );
}
