// The incident commander in the detail (HICS, ITIL major incident): shown on a major incident or one that has a commander.
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { FIELD_LABELS, LIMITS, type EditableFields, type Incident } from '../../../shared/domain';
import { ChangedMeanwhile, shownValue } from './changed-meanwhile';
import { FieldReadView, InlineEditActions, useInlineEditor, type SaveOver } from './inline-field';
import './commander-field.css';

const LABEL = FIELD_LABELS.commander;

/**
 * A name edited in place like the assignee, with the people list as suggestions; emptied: cleared. A major incident
 * without one says so plainly, marked calmly: naming one is expected, not forced (the major flag saves on its own).
 */
export function CommanderField({ incident, editable, people, save }: {
  incident: Incident;
  editable: boolean;
  people: readonly string[];
  save: (edits: Partial<EditableFields>, over?: SaveOver) => Promise<string | null>;
}) {
  const current = incident.commander ?? '';
  const { editing, setEditing, value, setValue, error, setError, saving, id, editRef, fieldRef, start, begin, end, opened, meanwhile, openedBase, saveMineRef } =
    useInlineEditor<HTMLInputElement>(current, incident.stamps.commander ?? null);
  // Text typed and left with Escape or Back is kept while the stored name stays the same (as InlineField does).
  const [kept, setKept] = useState<{ text: string; over: string } | null>(null);
  const keptText = kept !== null && kept.over === current ? kept.text : null;
  const [said, setSaid] = useState('');
  if (!incident.major && current === '') return null;

  /** `anyway`: the person chose to save over a name changed meanwhile (as InlineField does). */
  async function submit(event?: FormEvent, anyway = false) {
    event?.preventDefault();
    if (saving) return;
    // Unchanged from what the box showed on opening, or already the stored name: nothing to write.
    if (value.trim() === opened.trim() || value.trim() === current) {
      setKept(null);
      setEditing(false);
      setSaid(`No change to ${LABEL}.`);
      return;
    }
    if (meanwhile !== null && !anyway) {
      saveMineRef.current?.focus();
      return;
    }
    begin(anyway);
    const commander = value.trim() === '' ? null : value;
    const problem = await (anyway ? save({ commander }, openedBase) : save({ commander }));
    end();
    if (problem) {
      setError(problem);
      return;
    }
    setKept(null);
    setEditing(false);
    setSaid(`${LABEL} ${value.trim() === '' ? 'cleared' : 'saved'}.`);
  }

  function leave() {
    setKept(value === current ? null : { text: value, over: current });
    setEditing(false);
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      // Ctrl+Enter saves, as in every other editor (the shortcut help says so); handled here so it saves once.
      event.preventDefault();
      void submit();
      return;
    }
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    leave();
  }

  function open() {
    start();
    setSaid('');
    if (keptText !== null) setValue(keptText);
  }

  if (!editing) {
    return (
      <FieldReadView label={LABEL} editable={editable} editRef={editRef} onEdit={open}>
        {current !== '' ? (
          <span>{current}</span>
        ) : editable ? (
          // It reads as something to click, so it is one: a bigger target than Edit, opening the same editor.
          <button type="button" className="commander-none" onClick={open}>None yet — name one</button>
        ) : (
          <span>None named</span>
        )}
        {keptText !== null && editable && (
          <span className="field-kept">
            Not saved: your text is kept. Edit to finish it, or{' '}
            <button type="button" className="link-button" aria-label={`Discard unsaved ${LABEL}`} onClick={() => { setKept(null); editRef.current?.focus(); }}>discard it</button>.
          </span>
        )}
        <span role="status" className="visually-hidden">{said}</span>
      </FieldReadView>
    );
  }
  return (
    <div className="field-view">
      <dt><label htmlFor={id}>{LABEL}</label></dt>
      <dd>
        <form className="inline-edit" onSubmit={submit} noValidate>
          <input id={id} ref={fieldRef} value={value} maxLength={LIMITS.shortText} list={`${id}-people`} autoComplete="off" placeholder="Name the person in command"
            aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} onKeyDown={onKeyDown}
            onChange={(e) => { setValue(e.target.value); setError(null); }} />
          <datalist id={`${id}-people`}>{people.map((person) => <option key={person} value={person} />)}</datalist>
          {keptText !== null && value === keptText && <p className="field-kept">Your unsaved text is back. Save it, or change it.</p>}
          {meanwhile !== null && (
            <ChangedMeanwhile id={id} label={LABEL} theirs={shownValue(meanwhile)} yours={shownValue(value)} saving={saving} saveRef={saveMineRef}
              onSaveMine={() => void submit(undefined, true)} onUseNew={() => { setKept(null); setEditing(false); setSaid(`${LABEL} kept as changed meanwhile.`); }} />
          )}
          <InlineEditActions id={id} label={LABEL} saving={saving} error={error} onBack={leave} />
        </form>
      </dd>
    </div>
  );
}
