// "Activity log (HICS 214)": one person's entries on the incident over an operational period, copied as text or printed.
import { useId, useMemo, useRef, useState, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { activityLines, activityPeople, authorKey, type ActivityPerson, type Incident, type TimelineEvent } from '../../../shared/domain';
import { DEFAULT_AUTHOR } from '../../db/current-user';
import { CopyFallbackBox, copyFallbackMessage } from '../copy-fallback-box';
import { toDateTimeLocalValue } from '../format';
import { useClipboardCopy } from '../use-clipboard-copy';
import { usePrintOnce } from '../use-print-once';
import { useCurrentUser } from '../user/use-current-user';
import { activityLogText, buildActivityLog, entryCount, type ActivityLog } from './activity-log-text';
import { useMinuteNow } from './sla-hooks';
import { FieldError, InlineDialog, useFocusFirstInvalid, useInlineDialog } from './inline-dialog';
import './briefing.css';
import './activity-log.css';

/** "Ana Ruiz — Facility Unit Leader" (or the name alone). */
export function personLabel(person: Pick<ActivityPerson, 'name' | 'position'>): string {
  return person.position === undefined ? person.name : `${person.name} — ${person.position}`;
}

/**
 * The opener and, while open, the dialog. `preferredPerson` (the timeline's person filter) is chosen first when
 * set; otherwise the person at the keyboard when they made entries here, else whoever made the most.
 */
export function ActivityLogDialog({ incident, events, preferredPerson }: { incident: Incident; events: readonly TimelineEvent[]; preferredPerson: string | null }) {
  const { open, toggle, close, openerRef, panelRef } = useInlineDialog();
  return (
    <>
      <button ref={openerRef} type="button" aria-expanded={open} onClick={toggle} title="One person's entries over an operational period, to copy or print (HICS 214)">
        Activity log
      </button>
      {open && <ActivityLogForm incident={incident} events={events} preferredPerson={preferredPerson} panelRef={panelRef} onDone={close} />}
    </>
  );
}

/** The wall clock, read in the click handlers only (the React lint cannot tell those apart from render here). */
function clockNow(): number {
  return Date.now();
}

type Errors = Partial<Record<'from' | 'to', string>>;

/** Epoch ms of a complete datetime-local value (local time); null for an empty or half-typed one. */
function localValueMs(value: string): number | null {
  if (value === '') return null;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? null : ms;
}

/** The period the form describes, or what is wrong with it. "To" takes in its whole minute: 18:00 includes 18:00:40. */
function periodOf(from: string, to: string): { fromMs: number; toMs: number } | Errors {
  const fromMs = localValueMs(from);
  const toStartMs = localValueMs(to);
  const errors: Errors = {};
  if (fromMs === null) errors.from = 'Enter when the period starts (date and time).';
  if (toStartMs === null) errors.to = 'Enter when the period ends (date and time).';
  if (fromMs === null || toStartMs === null) return errors;
  if (toStartMs < fromMs) return { to: 'The period ends before it starts: set “To” to a time after “From”.' };
  return { fromMs, toMs: toStartMs + 59_999 };
}

function ActivityLogForm({ incident, events, preferredPerson, panelRef, onDone }: {
  incident: Incident;
  events: readonly TimelineEvent[];
  preferredPerson: string | null;
  panelRef: RefObject<HTMLElement | null>;
  onDone: () => void;
}) {
  const current = useCurrentUser();
  // Nobody has said who is working: the log says so rather than naming "Unknown user" as its author.
  const user = current && current.name !== DEFAULT_AUTHOR.name ? current : undefined;
  const people = useMemo(() => activityPeople(events), [events]);
  // Until someone picks, the default follows what loads (the person at the keyboard is read after the dialog opens).
  const [picked, setPicked] = useState<string | null>(null);
  const own = user && authorKey(user);
  const personKey = [picked, preferredPerson, own].find((key) => key != null && people.some((person) => person.key === key)) ?? people[0]?.key ?? '';
  const person = people.find((candidate) => candidate.key === personKey);
  // "From" follows the chosen person's first entry until someone types a start of their own.
  const [fromTyped, setFromTyped] = useState<string | null>(null);
  const from = fromTyped ?? (person ? toDateTimeLocalValue(person.firstAtMs) : '');
  // "To" is this minute (the whole of it: see periodOf) until someone types an end, so entries made meanwhile count.
  const minuteNow = useMinuteNow();
  const [toTyped, setToTyped] = useState<string | null>(null);
  const to = toTyped ?? toDateTimeLocalValue(minuteNow);
  const [errors, setErrors] = useState<Errors>({});
  const focusFirstInvalid = useFocusFirstInvalid(panelRef);
  const { confirmation, fallback, copy, dismissFallback, textareaRef } = useClipboardCopy<'log'>();
  const { printed, printError, print } = usePrintOnce<ActivityLog>();
  const copyButton = useRef<HTMLButtonElement>(null);
  const id = useId();

  const period = periodOf(from, to);
  const inPeriod = person && 'fromMs' in period ? activityLines(events, person.key, period.fromMs, period.toMs).length : null;

  /** The log as of this moment, or null after showing what to fix. */
  const build = (purpose: 'copied' | 'printed', nowMs: number): ActivityLog | null => {
    if (!person) return null;
    if (!('fromMs' in period)) {
      setErrors(period);
      focusFirstInvalid();
      return null;
    }
    setErrors({});
    return buildActivityLog(incident, events, { person, fromMs: period.fromMs, toMs: period.toMs, nowMs, preparedBy: user }, purpose);
  };

  const copyLog = async () => {
    const log = build('copied', clockNow());
    if (log) await copy('log', activityLogText(log), `Copied the activity log (${entryCount(log.rows.length)}).`);
  };
  const printLog = () => {
    if (!('fromMs' in period)) {
      build('printed', clockNow());
      return;
    }
    print(() => build('printed', clockNow())!, 'Printing is not available in this window. Use “Copy activity log” and paste the text into another program.');
  };
  const closeFallback = () => {
    dismissFallback();
    copyButton.current?.focus();
  };
  const describe = (field: keyof Errors) => ({
    id: `${id}-${field}`,
    'aria-invalid': errors[field] ? true : undefined,
    'aria-describedby': errors[field] ? `${id}-${field}-error` : undefined,
  });

  return (
    <InlineDialog label="Activity log (HICS 214)" panelRef={panelRef} onClose={onDone}>
      {people.length === 0 ? (
        <p>Nobody has made an entry on this incident on this device yet.</p>
      ) : (
        <form className="dialog-form activity-log-form" noValidate onSubmit={(event) => { event.preventDefault(); void copyLog(); }}>
          <div className="field">
            <label htmlFor={`${id}-person`}>Name and position</label>
            <select id={`${id}-person`} value={personKey} onChange={(e) => { setPicked(e.target.value); setErrors({}); }}>
              {people.map((candidate) => (
                <option key={candidate.key} value={candidate.key}>{`${personLabel(candidate)} (${entryCount(candidate.entries)})`}</option>
              ))}
            </select>
          </div>
          <fieldset className="activity-log-period">
            <legend>Operational period</legend>
            <div className="field">
              <label htmlFor={`${id}-from`}>From</label>
              <input type="datetime-local" {...describe('from')} value={from} onChange={(e) => { setFromTyped(e.target.value); setErrors({}); }} />
              <FieldError id={`${id}-from-error`} message={errors.from} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-to`}>To</label>
              <input type="datetime-local" {...describe('to')} value={to} onChange={(e) => { setToTyped(e.target.value); setErrors({}); }} />
              <FieldError id={`${id}-to-error`} message={errors.to} />
            </div>
          </fieldset>
          <p className="muted activity-log-count" aria-live="polite">
            {person && inPeriod !== null ? `${entryCount(inPeriod)} by ${personLabel(person)} in this period, of ${entryCount(person.entries)} in all.` : ''}
          </p>
          <div className="actions">
            <button ref={copyButton} type="submit" className="primary">Copy activity log</button>
            <button type="button" onClick={printLog}>Print activity log</button>
            <button type="button" onClick={onDone}>Close</button>
            <span role="status" className="briefing-confirmation">{confirmation}</span>
          </div>
          {printError && <p role="alert" className="field-error">{printError}</p>}
          {fallback && (
            <CopyFallbackBox message={copyFallbackMessage('activity log', fallback.reason)} label="Activity log text" text={fallback.text}
              rows={Math.min(16, fallback.text.split('\n').length + 1)} textareaRef={textareaRef} onDone={closeFallback} />
          )}
        </form>
      )}
      {printed && createPortal(<PrintableActivityLog log={printed} />, document.body)}
    </InlineDialog>
  );
}

/** HICS 214's layout on paper: header boxes, a Date/Time | Notable activities table, and who prepared it. */
function PrintableActivityLog({ log }: { log: ActivityLog }) {
  return (
    <section className="briefing-print activity-log-print" aria-label="Printable activity log">
      <header className="briefing-print-header">
        <p className="briefing-print-kicker">Activity log (HICS 214)</p>
        <h1>{log.title}</h1>
        {log.exercise && <p className="briefing-print-flag">Exercise — not a real incident</p>}
        {log.exercise && <p className="briefing-print-every-page" aria-hidden="true">EXERCISE — NOT A REAL INCIDENT</p>}
      </header>
      <dl className="briefing-print-fields">
        {log.fields.map((field) => (
          <div key={field.label}>
            <dt>{field.label}</dt>
            <dd>{field.value}</dd>
          </div>
        ))}
      </dl>
      <table className="activity-log-table">
        <caption>{`Notable activities (${entryCount(log.rows.length)})`}</caption>
        <thead>
          <tr>
            <th scope="col">Date/time</th>
            <th scope="col">Notable activity</th>
          </tr>
        </thead>
        <tbody>
          {log.rows.length === 0 ? (
            <tr>
              <td colSpan={2}>None in this period.</td>
            </tr>
          ) : (
            log.rows.map((row, index) => (
              <tr key={index}>
                <td>{row.time}</td>
                <td>
                  <span className="activity-log-kind">{row.kind}</span>
                  {row.activity !== '' && ` ${row.activity}`}
                  {row.corrections.map((correction, i) => (
                    <span key={i} className="activity-log-correction">{correction}</span>
                  ))}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <p className="activity-log-prepared">
        <span>{`Prepared by: ${log.preparedBy}`}</span>
        <span>Signature: ______________________</span>
      </p>
      <footer className="briefing-print-footer">{log.footer}</footer>
    </section>
  );
}
