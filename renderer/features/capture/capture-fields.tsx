// Small pieces of the capture form: a 1–3 level select and a field's error message.
import { LEVEL_LABELS, type Impact } from '../../../shared/domain';

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
