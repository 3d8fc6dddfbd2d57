// A time of an incident (occurred, detected, reported) edited in place, in this computer's local time with its offset stored.
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ZonedTime } from '../../../shared/domain';
import { formatZoned } from '../format';
import { LOCAL_TIME_BOUNDS, localTimeOf, localTimeProblem, localValueAt } from '../local-time';
import { LocalTimeChoice, localTimeHint } from '../local-time-choice';
import { ChangedMeanwhile } from './changed-meanwhile';
import { FieldReadView, InlineEditActions, useInlineEditor, type SaveOver } from './inline-field';

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
  /** `over`: saved over a time changed while the editor was open ("Save mine anyway"), with the stamp held then. */
  onSave: (time: ZonedTime | null, over?: SaveOver) => Promise<string | null>;
  /** The field's stamp now (null: none), remembered on opening so a save over a change made meanwhile is a conflict. */
  stamp?: string | null;
}

/**
 * A time edited in place like InlineField, with a date-time picker in this computer's local time; the offset of
 * that moment is what gets stored. Unchanged values are not saved, so opening the editor never rewrites a zone.
 * A time the clocks showed twice keeps the pass of the time being edited (or the one chosen); a skipped one is refused.
 */
export function TimeField({ label, time, optional, emptyMessage = 'Enter the date and time it happened.', editable, check, onSave, stamp }: TimeFieldProps) {
  const initial = time ? localValueAt(Date.parse(time.utc)) : '';
  const { editing, setEditing, value, setValue, error, setError, saving, id, editRef, fieldRef: inputRef, start, begin, end, opened, meanwhile, openedBase, saveMineRef } =
    useInlineEditor<HTMLInputElement>(initial, stamp);
  const [said, setSaid] = useState('');
  // A pass of a repeated time the person chose; until then the stored time's own.
  const [chosen, setChosen] = useState<ZonedTime | null>(null);
  const kept = chosen ?? time;
  const entered = value === '' ? null : localTimeOf(value, kept, kept?.offsetMinutes ?? null);

  /** `anyway`: the person chose to save over a time changed meanwhile (as InlineField does). */
  async function save(event?: FormEvent, anyway = false) {
    event?.preventDefault();
    if (saving) return;
    // A half-typed date-time reads as ''; it must not silently clear the time.
    if (inputRef.current?.validity.badInput) return setError(`Finish the date and time${optional ? ', or clear every part of it' : ''}.`);
    // Already what is stored, or as the box showed it on opening (no other pass chosen): nothing to write, so an old
    // time left in the box cannot undo a change synced in meanwhile.
    const stored = value === initial && entered?.utc === time?.utc && entered?.offsetMinutes === time?.offsetMinutes;
    if (stored || (value === opened && chosen === null)) {
      setEditing(false);
      return setSaid(`No change to ${label}.`);
    }
    if (meanwhile !== null && !anyway) return saveMineRef.current?.focus();
    if (value === '' && !optional) return setError(emptyMessage);
    const problem = value === '' ? null : entered ? check(Date.parse(entered.utc)) : (localTimeProblem(value, null) ?? check(Number.NaN) ?? 'Enter a complete date and time.');
    if (problem) return setError(problem);
    begin(anyway);
    const refused = await (anyway ? onSave(entered, openedBase) : onSave(entered));
    end();
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
      <FieldReadView label={label} editable={editable} editRef={editRef} onEdit={() => { setChosen(null); setSaid(''); start(); }}>
        <span>{time ? formatZoned(time) : 'Not recorded'}</span>
        <span role="status" className="visually-hidden">{said}</span>
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
          {meanwhile !== null && (
            <ChangedMeanwhile id={id} label={label} theirs={time ? formatZoned(time) : 'Not recorded'} yours={entered ? formatZoned(entered) : value === '' ? '(empty)' : value}
              saving={saving} saveRef={saveMineRef} onSaveMine={() => void save(undefined, true)}
              onUseNew={() => { setEditing(false); setSaid(`${label} kept as changed meanwhile.`); }} />
          )}
          <InlineEditActions id={id} label={label} saving={saving} error={error} onBack={() => setEditing(false)} />
        </form>
      </dd>
    </div>
  );
}
