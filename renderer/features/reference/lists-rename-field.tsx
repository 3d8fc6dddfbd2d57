// The inline rename field of one list value: Enter saves, Escape cancels (the dialog stays open), a refusal shows beside the field and keeps the text.
import { useEffect, useId, useRef } from 'react';

interface ListsRenameFieldProps {
  /** The stored value being renamed ("Facility › HVAC"): names the field and its buttons. */
  value: string;
  draft: string;
  error: string | null;
  /** While a confirmation below asks about this rename, the field waits (read-only) for the answer. */
  waiting: boolean;
  onChange: (draft: string) => void;
  onSubmit: () => void;
  onCancel: () => void;
}

export function ListsRenameField({ value, draft, error, waiting, onChange, onSubmit, onCancel }: ListsRenameFieldProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const errorId = useId();
  // Focus and select on opening, and again when a confirmation is answered "Cancel" or a refusal comes back.
  useEffect(() => {
    if (waiting) return;
    inputRef.current?.focus();
  }, [waiting, error]);
  useEffect(() => inputRef.current?.select(), []);
  return (
    <form className="lists-rename" noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!waiting) onSubmit();
      }}>
      <input ref={inputRef} value={draft} readOnly={waiting} aria-label={`New name for ${value}`} aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Escape') return;
          // Taken here: the settings dialog closes only on an Escape nobody used.
          e.preventDefault();
          onCancel();
        }} />
      <button type="submit" className="small" disabled={waiting}>Save</button>
      <button type="button" className="small" onClick={onCancel}>Cancel</button>
      {error && <p id={errorId} role="alert" className="field-error lists-field-error">{error}</p>}
    </form>
  );
}
