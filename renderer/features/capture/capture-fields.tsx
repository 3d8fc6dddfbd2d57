// Small pieces of the capture form: the title with its length counter, a 1–3 level select and a field's error message.
import type { Ref } from 'react';
import { LEVEL_LABELS, LIMITS, type Impact } from '../../../shared/domain';
import { titleLengthProblem } from './capture-values';

/** The counter appears from this share of the limit on, so short titles stay uncluttered. */
const COUNTER_FROM = Math.floor(LIMITS.title * 0.8);

interface TitleFieldProps {
  id: string;
  inputRef: Ref<HTMLInputElement>;
  value: string;
  onChange: (value: string) => void;
  /** A refusal from saving (e.g. empty); the length problem is worked out here, live. */
  error: string | undefined;
  /** Keeps the first LIMITS.title characters (at a word) and moves the rest into the description. */
  onMoveExtra: () => void;
  /** While the form saves: said (and heard) as read-only rather than dropping keystrokes silently. */
  readOnly?: boolean;
}

/**
 * No maxLength: the browser would silently cut a pasted 600-character title to 200. Instead the text stays as
 * pasted, a counter shows near the limit, and over it a message says by how much (saving is refused until fixed).
 */
export function TitleField({ id, inputRef, value, onChange, error, onMoveExtra, readOnly = false }: TitleFieldProps) {
  const length = value.trim().length;
  const tooLong = titleLengthProblem(value);
  const message = tooLong ?? error;
  const counterId = `${id}-count`;
  const errorId = `${id}-error`;
  const showCounter = length >= COUNTER_FROM;
  const describedBy = [message ? errorId : null, showCounter ? counterId : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <div className="label-row">
        <label htmlFor={id}>Title</label>
        {showCounter && (
          <span id={counterId} className={tooLong ? 'char-count over' : 'char-count'}>
            {`${length} / ${LIMITS.title} characters`}
          </span>
        )}
      </div>
      <input
        id={id}
        ref={inputRef}
        value={value}
        required
        readOnly={readOnly}
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(e) => onChange(e.target.value)}
        placeholder="What happened, where"
      />
      {message && <FieldError id={errorId} message={message} />}
      {tooLong && (
        <div className="field-fix">
          <button type="button" onClick={onMoveExtra}>Move the extra text to Description</button>
        </div>
      )}
    </div>
  );
}

export function LevelSelect({ id, label, value, onChange, error }: { id: string; label: string; value: Impact; onChange: (v: Impact) => void; error?: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(Number(e.target.value) as Impact)}
        aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        {([1, 2, 3] as const).map((level) => (
          <option key={level} value={level}>{`${level} — ${LEVEL_LABELS[level]}`}</option>
        ))}
      </select>
      {error && <FieldError id={`${id}-error`} message={error} />}
    </div>
  );
}

export function FieldError({ id, message }: { id: string; message: string }) {
  return (
    <p id={id} className="field-error" role="alert">
      {message}
    </p>
  );
}
