// The status dialog's "Change hold reason" step: the incident stays on hold with a new reason from the list, and an optional note.
import { FieldError } from './inline-dialog';
import './status-dialog-hold-reason.css';

/** The step's value in the dialog's "New status" list: not a status, as the status does not change. */
export const CHANGE_HOLD_REASON = 'hold_reason';
export const CHANGE_HOLD_REASON_LABEL = 'Change hold reason (stays On hold)';

export type HoldReasonErrors = Partial<Record<'holdReason' | 'holdNote', string>>;

/** Where a refusal from the write belongs: the reason, the note, or (null) the form as a whole. */
export function holdReasonErrorKey(field: string | undefined): keyof HoldReasonErrors | null {
  if (field === 'holdReason') return 'holdReason';
  return field === 'note' ? 'holdNote' : null;
}

export function HoldReasonFields({ id, current, reasons, reason, note, errors, onReason, onNote }: {
  /** The dialog's id prefix (useId). */
  id: string;
  current: string | null;
  reasons: readonly string[];
  reason: string;
  note: string;
  errors: HoldReasonErrors;
  onReason: (value: string) => void;
  onNote: (value: string) => void;
}) {
  const nowId = `${id}-hold-now`;
  const described = (key: keyof HoldReasonErrors, extra?: string) => [extra, errors[key] ? `${id}-${key}-error` : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <>
      <p id={nowId} className="hint hold-reason-now">
        {'Now on hold: '}<strong>{current ?? 'no reason recorded'}</strong>{'. The incident stays on hold and its resolve clock stays paused.'}
      </p>
      <div className="field">
        <label htmlFor={`${id}-holdReason`}>New hold reason</label>
        <select id={`${id}-holdReason`} value={reason} aria-invalid={errors.holdReason ? true : undefined} aria-describedby={described('holdReason', nowId)}
          onChange={(e) => onReason(e.target.value)}>
          <option value="">— choose —</option>
          {/* The current reason stays listed, marked, so the list reads as the familiar one. */}
          {reasons.map((r) => <option key={r} value={r}>{r === current ? `${r} (current)` : r}</option>)}
        </select>
        <FieldError id={`${id}-holdReason-error`} message={errors.holdReason} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-holdNote`}>Note (optional)</label>
        <textarea id={`${id}-holdNote`} rows={2} value={note} placeholder="For example: the vendor ships a replacement part" aria-invalid={errors.holdNote ? true : undefined}
          aria-describedby={described('holdNote')} onChange={(e) => onNote(e.target.value)} />
        <FieldError id={`${id}-holdNote-error`} message={errors.holdNote} />
      </div>
    </>
  );
}
