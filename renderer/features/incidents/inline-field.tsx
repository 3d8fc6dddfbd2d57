// One field of the detail view that can be edited in place: Edit → field → Save (one repository call) or Escape (text kept).
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { ChangedMeanwhile, shownValue } from './changed-meanwhile';

export interface InlineFieldProps {
  label: string;
  /** What the view shows (text only; never HTML). */
  display: string;
  /** The editor's starting value. */
  initial: string;
  editor: 'text' | 'textarea' | 'select';
  options?: readonly { value: string; label: string }[];
  /** Suggestions for a text editor (datalist). */
  suggestions?: readonly string[];
  maxLength?: number;
  /** False for closed/cancelled incidents. */
  editable: boolean;
  wide?: boolean;
  /**
   * Saves the value; resolves to an error message to show, or null when saved. `over`: given when the person saves
   * over a value changed meanwhile, with the field's stamp as it was on opening (when `stamp` was given).
   */
  onSave: (value: string, over?: SaveOver) => Promise<string | null>;
  /** The field's stamp now (null: none), remembered on opening so a save over a change made meanwhile is a conflict. */
  stamp?: string | null;
  /** What to say once `value` is saved, when more changed than the field ("Urgency saved. Priority now P2 High."). */
  savedText?: (value: string) => string;
}

/**
 * The state of an in-place editor: open or not, the value typed, its refusal, a save in flight. Opening focuses the
 * field; closing hands focus back to the Edit button. `start` opens it on `initial` with no refusal shown, and
 * remembers that value and `stamp` (the field's stamp, when the caller knows it): when `initial` moves while the
 * editor is open (a sync, another window), `meanwhile` is that new value, and `openedBase` is what a save over it replaced.
 */
export function useInlineEditor<F extends HTMLElement>(initial: string, stamp?: string | null) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(initial);
  const [opened, setOpened] = useState<{ value: string; stamp: string | null | undefined }>({ value: initial, stamp });
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const id = useId();
  const editRef = useRef<HTMLButtonElement>(null);
  const fieldRef = useRef<F>(null);
  const saveMineRef = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);

  useEffect(() => {
    if (editing) fieldRef.current?.focus();
    else if (wasEditing.current) editRef.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  function start() {
    setValue(initial);
    setOpened({ value: initial, stamp });
    setError(null);
    setEditing(true);
  }
  // While a save is in flight the stored value moves to the saved one: a plain save must not flash the notice, and a
  // save over another's change keeps showing the value it is saved over.
  const [over, setOver] = useState<string | null>(null);
  const meanwhile = !editing ? null : over !== null ? over : saving || initial === opened.value ? null : initial;
  /** A save starts; `anyway`: over the value changed meanwhile (shown until it ends). */
  function begin(anyway: boolean) {
    setSaving(true);
    setOver(anyway ? initial : null);
  }
  function end() {
    setSaving(false);
    setOver(null);
  }
  /** The base to save over a change made meanwhile: the stamp held on opening (undefined: the caller gave none). */
  const openedBase: SaveOver = opened.stamp === undefined ? {} : { base: opened.stamp };
  return {
    editing, setEditing, value, setValue, error, setError, saving, id, editRef, fieldRef, start, begin, end,
    opened: opened.value, meanwhile, openedBase, saveMineRef,
  };
}

/** A save over a value changed meanwhile ("Save mine anyway"): `base`, the field's stamp on opening, when known. */
export interface SaveOver {
  base?: string | null;
}

/**
 * Text typed and then left with Escape or Back, kept while the field shows the same stored value: a stray Escape in a
 * long text must not throw it away. Reopening the editor brings it back; a save, or the stored value changing
 * (another laptop's edit synced in), drops it.
 */
function useKeptText(initial: string) {
  const [kept, setKept] = useState<{ text: string; over: string } | null>(null);
  const current = kept !== null && kept.over === initial ? kept.text : null;
  return {
    kept: current,
    keep: (text: string) => setKept(text === initial ? null : { text, over: initial }),
    drop: () => setKept(null),
  };
}

export function InlineField({ label, display, initial, editor, options = [], suggestions, maxLength, editable, wide, onSave, savedText, stamp }: InlineFieldProps) {
  const { editing, setEditing, value, setValue, error, setError, saving, id, editRef, fieldRef, start, begin, end, opened, meanwhile, openedBase, saveMineRef } =
    useInlineEditor<HTMLInputElement & HTMLTextAreaElement & HTMLSelectElement>(initial, stamp);
  const { kept, keep, drop } = useKeptText(initial);
  const [said, setSaid] = useState('');

  /** `anyway`: the person chose to save over a value changed meanwhile. */
  async function save(event?: FormEvent, anyway = false) {
    event?.preventDefault();
    if (saving) return;
    // Unchanged from what the box showed on opening (or already what is stored): nothing to write, even if the stored
    // value moved meanwhile — the old text must not undo another person's edit.
    if (value === opened || value === initial) {
      drop();
      setEditing(false);
      setSaid(`No change to ${label}.`);
      return;
    }
    // Never silently over another person's edit: Save then leads to the choice shown above it.
    if (meanwhile !== null && !anyway) {
      saveMineRef.current?.focus();
      return;
    }
    begin(anyway);
    const problem = await (anyway ? onSave(value, openedBase) : onSave(value));
    end();
    if (problem) setError(problem);
    else {
      drop();
      setEditing(false);
      setSaid(savedText ? savedText(value) : `${label} ${value.trim() === '' && editor !== 'select' ? 'cleared' : 'saved'}.`);
    }
  }

  function leave() {
    if (editor !== 'select') keep(value);
    setEditing(false);
  }

  function useNew() {
    drop();
    setEditing(false);
    setSaid(`${label} kept as changed meanwhile.`);
  }

  function open() {
    start();
    setSaid('');
    if (kept !== null) setValue(kept);
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      leave();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      // Every editor, as the shortcut help promises (⌘ alike, as in submit-on-ctrl-enter): a select too, where plain
      // Enter is left to the browser (it opens the list in some). Handled here, so a text field does not also submit.
      event.preventDefault();
      void save();
    }
  }

  const className = `field-view${wide ? ' wide' : ''}`;
  if (!editing) {
    return (
      <FieldReadView className={className} label={label} editable={editable} editRef={editRef} onEdit={open}>
        <span className={editor === 'textarea' ? 'prewrap' : undefined}>{display}</span>
        {kept !== null && editable && (
          <span className="field-kept">
            Not saved: your text is kept. Edit to finish it, or{' '}
            <button type="button" className="link-button" aria-label={`Discard unsaved ${label}`} onClick={() => { drop(); editRef.current?.focus(); }}>discard it</button>.
          </span>
        )}
        <span role="status" className="visually-hidden">{said}</span>
      </FieldReadView>
    );
  }
  const common = {
    id,
    ref: fieldRef,
    value,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
    onKeyDown,
  } as const;
  return (
    <div className={className}>
      <dt><label htmlFor={id}>{label}</label></dt>
      <dd>
        <form className="inline-edit" onSubmit={save} noValidate>
          {editor === 'textarea' && <textarea {...common} rows={4} maxLength={maxLength} onChange={(e) => { setValue(e.target.value); setError(null); }} />}
          {editor === 'text' && (
            <input {...common} maxLength={maxLength} list={suggestions ? `${id}-list` : undefined} autoComplete="off" onChange={(e) => { setValue(e.target.value); setError(null); }} />
          )}
          {editor === 'select' && (
            <select {...common} onChange={(e) => { setValue(e.target.value); setError(null); }}>
              {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
            </select>
          )}
          {suggestions && <datalist id={`${id}-list`}>{suggestions.map((s) => <option key={s} value={s} />)}</datalist>}
          {kept !== null && value === kept && <p className="field-kept">Your unsaved text is back. Save it, or change it.</p>}
          {meanwhile !== null && (
            <ChangedMeanwhile id={id} label={label} theirs={shownValue(meanwhile, editor === 'select' ? options : undefined)} yours={shownValue(value, editor === 'select' ? options : undefined)}
              saving={saving} saveRef={saveMineRef} onSaveMine={() => void save(undefined, true)} onUseNew={useNew} />
          )}
          <InlineEditActions id={id} label={label} saving={saving} error={error} onBack={leave} />
        </form>
      </dd>
    </div>
  );
}

/** A field as read: its value and, when the incident may change, the Edit button that opens its editor. */
export function FieldReadView({ className = 'field-view', label, editable, editRef, onEdit, children }: {
  className?: string;
  label: string;
  editable: boolean;
  editRef: RefObject<HTMLButtonElement | null>;
  onEdit: () => void;
  children: ReactNode;
}) {
  return (
    <div className={className}>
      <dt>{label}</dt>
      <dd className="editable">
        {children}
        {editable && (
          <button ref={editRef} type="button" className="ghost edit-button" aria-label={`Edit ${label}`} title={`Edit ${label}`} onClick={onEdit}>
            Edit
          </button>
        )}
      </dd>
    </div>
  );
}

/** Save and Back under an in-place editor, then its refusal (the editor's field points at it with `${id}-error`). */
export function InlineEditActions({ id, label, saving, error, onBack }: { id: string; label: string; saving: boolean; error: string | null; onBack: () => void }) {
  return (
    <>
      <div className="actions">
        <button type="submit" className="primary" disabled={saving} aria-label={`Save ${label}`}>Save</button>
        <button type="button" onClick={onBack} aria-label={`Stop editing ${label}`}>Back</button>
      </div>
      {error && <p id={`${id}-error`} role="alert" className="field-error">{error}</p>}
    </>
  );
}
