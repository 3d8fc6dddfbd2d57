// "Activity log (HICS 214)": one person's entries on the incident over an operational period, copied as text or printed.
import { useId, useMemo, useRef, useState, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { activityLines, activityPeople, authorKey, type ActivityPerson, type Author, type Incident, type TimelineEvent } from '../../../shared/domain';
import { DEFAULT_AUTHOR } from '../../db/current-user';
import { useIncidentNumbers } from '../../db/links-live';
import { CopyFallbackBox, copyFallbackMessage } from '../copy-fallback-box';
import { toDateTimeLocalValue } from '../format';
import { LOCAL_TIME_BOUNDS } from '../local-time';
import { useClipboardCopy } from '../use-clipboard-copy';
import { usePrintOnce } from '../use-print-once';
import { useCurrentUser } from '../user/use-current-user';
import { activityLogText, buildActivityLog, entryCount, type ActivityLog } from './activity-log-text';
import { periodOf, type PeriodChoice, type PeriodErrors } from './activity-log-period';
import { PrintHeader } from './print-header';
import { referencedIncidentIds, type IncidentNumberOf } from './timeline-text';
import { FieldError, InlineDialog, useFocusFirstInvalid, useInlineDialog } from './inline-dialog';
import './briefing.css';
import './activity-log.css';

/** "Ana Ruiz — Facility Unit Leader" (or the name alone). */
export function personLabel(person: Pick<ActivityPerson, 'name' | 'position'>): string {
  return person.position === undefined ? person.name : `${person.name} — ${person.position}`;
}

/** What the form held when it was closed, per incident, so Escape or Close does not throw a typed period away. */
const keptChoices = new Map<string, { personKey: string; period: PeriodChoice }>();

/** The wall clock, read in the click handlers only (the React lint cannot tell those apart from render here). */
function clockNow(): number {
  return Date.now();
}

/** The start of the next minute: an end there keeps every entry made so far (the end is where the next period starts). */
function nextMinuteValue(): string {
  return toDateTimeLocalValue(clockNow() + 60_000);
}

/**
 * The opener and, while open, the dialog. `preferredPerson` (the timeline's person filter) is chosen first when
 * set; otherwise the person at the keyboard when they made entries here, else whoever made the most.
 */
export function ActivityLogDialog({ incident, events, preferredPerson }: { incident: Incident; events: readonly TimelineEvent[]; preferredPerson: string | null }) {
  const { open, toggle, close, openerRef, panelRef } = useInlineDialog();
  const current = useCurrentUser();
  // Read while the incident is open, not on opening: a log copied at once already names linked incidents by number.
  const referencedIds = useMemo(() => referencedIncidentIds(events), [events]);
  const numbers = useIncidentNumbers(referencedIds);
  const numberOf = useMemo<IncidentNumberOf>(() => (numbers === undefined ? () => undefined : (id) => numbers.get(id) ?? null), [numbers]);
  return (
    <>
      <button ref={openerRef} type="button" aria-expanded={open} onClick={toggle} title="One person's entries over an operational period, to copy or print (HICS 214)">
        Activity log
      </button>
      {/* Rendered once the person at the keyboard is known, so the choices made on opening hold while it stays open. */}
      {open && current !== undefined && (
        <ActivityLogForm incident={incident} events={events} preferredPerson={preferredPerson} panelRef={panelRef} onDone={close} numberOf={numberOf}
          user={current.name === DEFAULT_AUTHOR.name ? undefined : current} />
      )}
    </>
  );
}

/** The log offered first: the timeline's choice, the person at the keyboard, else whoever made the most entries (not Lantern). */
function defaultPerson(people: readonly ActivityPerson[], preferred: string | null, user: Author | undefined): string {
  const own = user && authorKey(user);
  const listed = (key: string | null | undefined) => key != null && people.some((person) => person.key === key);
  if (listed(preferred)) return preferred!;
  if (listed(own)) return own!;
  return (people.find((person) => !person.automatic) ?? people[0])?.key ?? '';
}

function ActivityLogForm({ incident, events, preferredPerson, panelRef, onDone, numberOf, user }: {
  incident: Incident;
  events: readonly TimelineEvent[];
  preferredPerson: string | null;
  panelRef: RefObject<HTMLElement | null>;
  onDone: () => void;
  /** Other incidents' numbers, for the entries naming one (links, duplicates). */
  numberOf: IncidentNumberOf;
  user: Author | undefined;
}) {
  const people = useMemo(() => activityPeople(events), [events]);
  const kept = keptChoices.get(incident.id);
  // The person picked here last time comes first: a choice made in the dialog says more than the timeline's filter.
  const [personKey, setPersonKey] = useState(() => defaultPerson(people, kept?.personKey ?? preferredPerson, user));
  const [choice, setChoice] = useState<PeriodChoice>(() => kept?.period ?? { fromTyped: null, upToNow: true, toTyped: '' });
  const [errors, setErrors] = useState<PeriodErrors>({});
  const focusFirstInvalid = useFocusFirstInvalid(panelRef);
  const { confirmation, fallback, copy, dismissFallback, textareaRef } = useClipboardCopy<'log'>();
  const { printed, printError, print } = usePrintOnce<ActivityLog>();
  const copyButton = useRef<HTMLButtonElement>(null);
  const id = useId();

  const person = people.find((candidate) => candidate.key === personKey) ?? people.find((candidate) => candidate.key === defaultPerson(people, null, user));
  const period = periodOf(choice, person);
  // Entries of theirs the log holds: its lines, and their own corrections shown under the entries they correct.
  const inPeriod = person && 'fromMs' in period
    ? activityLines(events, person.key, period.fromMs, period.toMs).reduce((n, line) => n + 1 + line.corrections.filter((c) => authorKey(c.author) === person.key).length, 0)
    : null;
  const periodProblem = 'fromMs' in period ? null : (period.to ?? period.from ?? null);

  const remember = (nextKey: string, nextChoice: PeriodChoice) => {
    keptChoices.set(incident.id, { personKey: nextKey, period: nextChoice });
    setErrors({});
  };
  const choosePerson = (key: string) => {
    // Another person's log starts where their work began, unless a start was typed (see periodOf).
    setPersonKey(key);
    remember(key, choice);
  };
  const changePeriod = (next: Partial<PeriodChoice>) => {
    const merged = { ...choice, ...next };
    setChoice(merged);
    remember(personKey, merged);
  };

  /** The log as of this moment, or null after showing what to fix. */
  const build = (purpose: 'copied' | 'printed', nowMs: number): ActivityLog | null => {
    if (!person) return null;
    if (!('fromMs' in period)) {
      setErrors(period);
      focusFirstInvalid();
      return null;
    }
    return buildActivityLog(incident, events, { person, fromMs: period.fromMs, toMs: period.toMs, nowMs, madeBy: user, numberOf }, purpose);
  };
  const copyLog = async () => {
    const log = build('copied', clockNow());
    if (log) await copy('log', activityLogText(log), `Copied the activity log of ${personLabel(person!)} (${entryCount(log.rows.length)}).`);
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
  const describe = (field: keyof PeriodErrors) => ({
    id: `${id}-${field}`,
    'aria-invalid': errors[field] ? true : undefined,
    'aria-describedby': errors[field] ? `${id}-${field}-error` : undefined,
  });

  return (
    <InlineDialog label="Activity log (HICS 214)" panelRef={panelRef} onClose={onDone} holdsTypedText={false}>
      {!person ? (
        <p>Nobody has made an entry on this incident on this device yet.</p>
      ) : (
        <form className="dialog-form activity-log-form" noValidate onSubmit={(event) => { event.preventDefault(); void copyLog(); }}>
          <div className="field">
            <label htmlFor={`${id}-person`}>Name and position</label>
            <select id={`${id}-person`} value={person.key} onChange={(e) => choosePerson(e.target.value)}>
              {people.map((candidate) => (
                <option key={candidate.key} value={candidate.key}>{`${personLabel(candidate)} (${entryCount(candidate.entries)})`}</option>
              ))}
            </select>
          </div>
          <fieldset className="activity-log-period">
            <legend>Operational period</legend>
            <div className="field">
              <label htmlFor={`${id}-from`}>From</label>
              <input type="datetime-local" {...LOCAL_TIME_BOUNDS} {...describe('from')} value={choice.fromTyped ?? toDateTimeLocalValue(person.firstAtMs)}
                onChange={(e) => changePeriod({ fromTyped: e.target.value })} />
              <FieldError id={`${id}-from-error`} message={errors.from} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-to`}>To</label>
              <label className="activity-log-now">
                <input type="checkbox" checked={choice.upToNow}
                  onChange={(e) => changePeriod({ upToNow: e.target.checked, toTyped: choice.toTyped || nextMinuteValue() })} />
                Up to now
              </label>
              {!choice.upToNow && (
                <input type="datetime-local" {...LOCAL_TIME_BOUNDS} {...describe('to')} value={choice.toTyped} onChange={(e) => changePeriod({ toTyped: e.target.value })} />
              )}
              <FieldError id={`${id}-to-error`} message={errors.to} />
            </div>
          </fieldset>
          <p className="muted activity-log-count" aria-live="polite">
            {inPeriod !== null ? `${entryCount(inPeriod)} by ${personLabel(person)} in this period, of ${entryCount(person.entries)} in all.` : periodProblem}
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

/** HICS 214's layout on paper: header boxes, a Date/Time | Notable activities table naming the log on every page, who prepared it. */
function PrintableActivityLog({ log }: { log: ActivityLog }) {
  return (
    <section className="briefing-print activity-log-print" aria-label="Printable activity log">
      <PrintHeader kicker="Activity log (HICS 214)" title={log.title} exercise={log.exercise} fields={log.fields} />
      <table className="activity-log-table">
        <caption>{`Notable activities (${entryCount(log.rows.length)})`}</caption>
        <thead>
          {/* The table head repeats on every printed page: a loose page still says whose log it is. */}
          <tr className="activity-log-page-heading">
            <td colSpan={2}>{log.pageHeading}</td>
          </tr>
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
        <span className="activity-log-signature">Signature: ______________________</span>
      </p>
      <footer className="briefing-print-footer">{log.footer}</footer>
    </section>
  );
}
