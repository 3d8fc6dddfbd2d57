// In an open in-place editor: the field's stored value changed meanwhile (a sync, another window); save over it or take it.
import type { RefObject } from 'react';
import './changed-meanwhile.css';

/**
 * Said in the editor when the stored value is no longer the one it opened on, so a save cannot silently undo another
 * person's edit. `theirs` and `yours` are as people read them (an option's label, "(empty)").
 */
export function ChangedMeanwhile({ id, label, theirs, yours, saving, saveRef, onSaveMine, onUseNew }: {
  id: string;
  label: string;
  theirs: string;
  yours: string;
  saving: boolean;
  /** "Save mine anyway", focused when Save is pressed while this is shown. */
  saveRef: RefObject<HTMLButtonElement | null>;
  onSaveMine: () => void;
  onUseNew: () => void;
}) {
  return (
    <div className="field-changed-meanwhile" role="group" aria-labelledby={`${id}-meanwhile`}>
      <div role="alert">
        <p id={`${id}-meanwhile`}>
          <strong>Changed meanwhile (on another device or window) to:</strong> <span className="prewrap">{theirs}</span>
        </p>
        <p>
          Yours: <span className="prewrap">{yours}</span>
        </p>
      </div>
      <div className="actions">
        <button ref={saveRef} type="button" disabled={saving} aria-label={`Save mine anyway: ${label}`} onClick={onSaveMine}>Save mine anyway</button>
        <button type="button" disabled={saving} aria-label={`Use the new value: ${label}`} onClick={onUseNew}>Use the new value</button>
      </div>
    </div>
  );
}

/** A value as the message shows it: empty reads as "(empty)", not as nothing at all. */
export function shownValue(value: string, options?: readonly { value: string; label: string }[]): string {
  const label = options?.find((option) => option.value === value)?.label ?? value;
  return label.trim() === '' ? '(empty)' : label;
}
