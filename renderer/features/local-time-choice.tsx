// Under a local date-time field: which pass of a repeated time is meant (keyboard radios), and a note when the time was typed on another clock.
import { formatUtcOffset, type ZonedTime } from '../../shared/domain';
import { thisComputerTimeText } from './format';
import { clock, computerOffsetAt, localValueAt, readLocalTime } from './local-time';
import './local-time-choice.css';

export interface LocalTimeChoiceProps {
  /** The field's id: the choice's radios and the note take ids from it. */
  id: string;
  value: string;
  /** The moment the field stands for now (null: none yet). */
  time: ZonedTime | null;
  onChoose: (time: ZonedTime) => void;
  disabled?: boolean;
  /** Whether to say a time was typed on another clock (an edited stored time is not "typed" there). */
  noteElsewhere?: boolean;
}

/** The offset a time was typed at when this computer's clock differs there now (a draft finished after travelling); else null. */
export function typedElsewhere(time: ZonedTime | null): ZonedTime | null {
  return time && time.offsetMinutes !== computerOffsetAt(Date.parse(time.utc)) ? time : null;
}

/** "Typed at UTC+01:00 (22:15 there); shown in this computer’s time". */
export function typedElsewhereText(time: ZonedTime): string {
  const there = localValueAt(Date.parse(time.utc), () => time.offsetMinutes);
  return `Typed at ${formatUtcOffset(time.offsetMinutes)} (${clock(there)} there); shown in this computer’s time`;
}

/** The ids LocalTimeChoice renders that describe the field (for its aria-describedby). */
export function localTimeNoteIds(id: string, time: ZonedTime | null, noteElsewhere = true): string[] {
  return noteElsewhere && typedElsewhere(time) ? [`${id}-typed`] : [];
}

/** The hint of which clock: the offset of the moment entered; none named while a repeated time has no pass chosen. */
export function localTimeHint(value: string, time: ZonedTime | null): string {
  if (time) return thisComputerTimeText(Date.parse(time.utc));
  return readLocalTime(value).kind === 'ambiguous' ? 'This computer’s time' : thisComputerTimeText();
}

export function LocalTimeChoice({ id, value, time, onChoose, disabled, noteElsewhere = true }: LocalTimeChoiceProps) {
  const reading = readLocalTime(value);
  const elsewhere = noteElsewhere ? typedElsewhere(time) : null;
  return (
    <>
      {reading.kind === 'ambiguous' && (
        // A named group rather than a fieldset: a legend does not sit in a row with the radios.
        <div role="group" className="local-time-choice" id={`${id}-passes`} aria-labelledby={`${id}-passes-name`}>
          <span id={`${id}-passes-name`} className="local-time-choice-name">{`${clock(value)} happened twice:`}</span>
          {([['first', reading.first], ['second', reading.second]] as const).map(([word, pass]) => (
            <label key={word}>
              <input type="radio" name={`${id}-pass`} checked={time?.utc === pass.utc} disabled={disabled} onChange={() => onChoose(pass)} />
              {`${word} (${formatUtcOffset(pass.offsetMinutes)})`}
            </label>
          ))}
        </div>
      )}
      {elsewhere && <span id={`${id}-typed`} className="hint local-time-typed">{typedElsewhereText(elsewhere)}</span>}
    </>
  );
}
