// The capture form's three times (occurred, detected, reported): local date-time fields with the pass of a repeated hour and the note on a draft from another clock.
import type { ZonedTime } from '../../../shared/domain';
import { LOCAL_TIME_BOUNDS } from '../local-time';
import { LocalTimeChoice, localTimeNoteIds } from '../local-time-choice';
import { FieldError } from './capture-fields';
import { timeOf, type CaptureValues, type TimeKey } from './capture-values';

export interface CaptureTimesProps {
  ids: Record<TimeKey, string>;
  values: Pick<CaptureValues, TimeKey | 'instants'>;
  errors: Partial<Record<TimeKey, string>>;
  onText: (key: TimeKey, text: string) => void;
  onChoose: (key: TimeKey, time: ZonedTime) => void;
  readOnly: boolean;
}

const FIELDS: readonly { key: TimeKey; label: string; hint: string | null }[] = [
  { key: 'occurredAt', label: 'Occurred at', hint: null },
  { key: 'detectedAt', label: 'Detected at', hint: 'Optional: when it was noticed, if later' },
  { key: 'reportedAt', label: 'Reported at', hint: 'Optional: empty means now, when you save' },
];

export function CaptureTimes({ ids, values, errors, onText, onChoose, readOnly }: CaptureTimesProps) {
  return (
    <div className="field-row capture-times">
      {FIELDS.map(({ key, label, hint }) => {
        const id = ids[key];
        const time = timeOf(values, key);
        const error = errors[key];
        const described = error ? [`${id}-error`] : [...(hint ? [`${id}-hint`] : []), ...localTimeNoteIds(id, time)];
        return (
          <div className="field" key={key}>
            <label htmlFor={id}>{label}</label>
            <input id={id} type="datetime-local" {...LOCAL_TIME_BOUNDS} value={values[key]} readOnly={readOnly} onChange={(e) => onText(key, e.target.value)}
              aria-invalid={error ? true : undefined} aria-describedby={described.length > 0 ? described.join(' ') : undefined} />
            {error ? <FieldError id={`${id}-error`} message={error} /> : hint && <span id={`${id}-hint`} className="hint">{hint}</span>}
            <LocalTimeChoice id={id} value={values[key]} time={time} disabled={readOnly} onChoose={(chosen) => onChoose(key, chosen)} />
          </div>
        );
      })}
    </div>
  );
}
