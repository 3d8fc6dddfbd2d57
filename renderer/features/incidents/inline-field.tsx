// One field of the detail view that can be edited in place: Edit → field → Save (one repository call) or Escape (text kept).
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode, type RefObject } from 'react';

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
  /** Saves the value; resolves to an error message to show, or null when saved. */
  onSave: (value: string) => Promise<string | null>;
  /** What to say once `value` is saved, when more changed than the field ("Urgency saved. Priority now P2 High."). */
  savedText?: (value: string) => string;
}

/**
 * The state of an in-place editor: open or not, the value typed, its refusal, a save in flight. Opening focuses the
 * field; closing hands focus back to the Edit button. `start` opens it on `initial` with no refusal shown.
 */
export function useInlineEditor<F extends HTMLElement>(initial: string) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const id = useId();
  const editRef = useRef<HTMLButtonElement>(null);
  const fieldRef = useRef<F>(null);
  const wasEditing = useRef(false);

  useEffect(() => {
    if (editing) fieldRef.current?.focus();
    else if (wasEditing.current) editRef.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  function start() {
    setValue(initial);
    setError(null);
    setEditing(true);
  }
  return { editing, setEditing, value, setValue, error, setError, saving, setSaving, id, editRef, fieldRef, start };
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

export function InlineField({ label, display, initial, editor, options = [], suggestions, maxLength, editable, wide, onSave, savedText }: InlineFieldProps) {
  const { editing, setEditing, value, setValue, error, setError, saving, setSaving, id, editRef, fieldRef, start } =
    useInlineEditor<HTMLInputElement & HTMLTextAreaElement & HTMLSelectElement>(initial);
  const { kept, keep, drop } = useKeptText(initial);
  const [said, setSaid] = useState('');

  async function save(event?: FormEvent) {
    event?.preventDefault();
    if (saving) return;
    if (value === initial) {
      drop();
      setEditing(false);
      return;
    }
    setSaving(true);
    const problem = await onSave(value);
    setSaving(false);
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
