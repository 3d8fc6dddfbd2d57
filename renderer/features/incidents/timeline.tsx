// The incident timeline: every recorded step in order, filterable by kind; corrections are new entries pointing at old ones.
import { useBusy } from '../use-busy';
import { memo, useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { activityPeople, authorKey, correctedBy, priorityChangesOf, type Incident, type PriorityChange, type TimelineEvent, type TimelineEventKind } from '../../../shared/domain';
import { repliesByCommunication, type CommunicationReplyEvent } from '../../../shared/domain/communication-reply';
import { useServices } from '../../app/services';
import { useIncidentNumbers } from '../../db/links-live';
import { clockMarkExplanation, clockMarkTag, likelyTime } from '../clock-mark-words';
import { formatZoned } from '../format';
import { submitOnCtrlEnter } from '../submit-on-ctrl-enter';
import { ActivityLogDialog, personLabel } from './activity-log-dialog';
import { CommunicationReplies } from './communication-replies';
import { CommunicationReplyForm } from './communication-reply-form';
import { announce } from '../../store/announce-store';
import { isTimelineFilterKind, TIMELINE_FILTER_KINDS, timelineFilterKindOf, timelineFilterLabel, type TimelineFilterKind } from './timeline-filter';
import { describeEvent, entryKindLabel, isAutomaticAlert, referencedIncidentIds, summarizeEvent, type IncidentNumberOf } from './timeline-text';
import './timeline.css';

const CORRECTABLE = new Set<TimelineEventKind>(['note', 'communication', 'communication_reply', 'escalated', 'correction', 'status_changed', 'fields_changed']);

/** Whether `event` corrects an entry of the person `key` (directly). */
function correctsOneOf(event: TimelineEvent, key: string, byId: Map<string, TimelineEvent> | null): boolean {
  const target = correctedBy(event);
  const original = target === undefined ? undefined : byId?.get(target);
  return original !== undefined && authorKey(original.author) === key;
}

/** `events` comes from the detail view's one live query (HLC order); undefined while it loads. */
export function Timeline({ incident, events }: { incident: Incident; events: readonly TimelineEvent[] | undefined }) {
  const incidentId = incident.id;
  const [kind, setKind] = useState<TimelineFilterKind | 'all'>('all');
  // A name and position pair (HICS 214 keeps a log per position), or everyone.
  const [person, setPerson] = useState<string | null>(null);
  const [correcting, setCorrecting] = useState<string | null>(null);
  // The message under which a reply is being corrected: it stays in view, so the reply's form is not moved (and emptied).
  const [correctingUnder, setCorrectingUnder] = useState<string | null>(null);
  const startCorrecting = useCallback((eventId: string, under: string | null = null) => {
    setCorrecting(eventId);
    setCorrectingUnder(under);
  }, []);
  const stopCorrecting = useCallback(() => {
    setCorrecting(null);
    setCorrectingUnder(null);
  }, []);
  const filterId = useId();
  const personId = useId();
  // One pass over the entries for everything the list needs; re-done only when the entries change.
  const derived = useMemo(() => {
    const all = events ?? [];
    const corrected = new Set<string>();
    for (const event of all) {
      const target = correctedBy(event);
      if (target !== undefined) corrected.add(target);
    }
    const replies = repliesByCommunication(all);
    const byId = corrected.size > 0 || replies.size > 0 ? new Map(all.map((event) => [event.id, event])) : null;
    return { corrected, byId, people: activityPeople(all), replies };
  }, [events]);
  const { corrected, byId, people, replies } = derived;
  // Impact and urgency changes that moved the priority say so (worked out for display; nothing stored changes).
  const { createdAt, priority, impact, urgency } = incident;
  const priorityChanges = useMemo(() => priorityChangesOf(createdAt, events ?? [], { priority, impact, urgency }), [events, createdAt, priority, impact, urgency]);
  // Links and duplicates name other incidents by id: their numbers are read here, live (a renumber shows at once).
  const referencedIds = useMemo(() => referencedIncidentIds(events ?? []), [events]);
  const numbers = useIncidentNumbers(referencedIds);
  const numberOf = useMemo<IncidentNumberOf>(() => (numbers === undefined ? () => undefined : (id) => numbers.get(id) ?? null), [numbers]);
  // A person who is no longer among the authors (never happens on an append-only timeline, but a stale choice must not hide everything).
  const personShown = person !== null && people.some((candidate) => candidate.key === person) ? person : null;
  // The person's entries, and anyone's corrections of them (a struck-through entry must show what replaced it); the kind counts follow.
  const byPerson = useMemo(() => {
    const all = events ?? [];
    const mine = personShown === null ? all : all.filter((event) => authorKey(event.author) === personShown || correctsOneOf(event, personShown, byId));
    const counts = new Map<TimelineFilterKind, number>();
    for (const event of mine) {
      const filterKind = timelineFilterKindOf(event);
      counts.set(filterKind, (counts.get(filterKind) ?? 0) + 1);
    }
    return { mine, counts };
  }, [events, personShown, byId]);
  if (events === undefined) return <p className="muted">Loading timeline…</p>;
  const { mine, counts } = byPerson;
  // The entry being corrected stays in view whatever the filters, or its half-typed correction would be lost.
  const inMine = personShown === null ? null : new Set(mine);
  const listed = events.filter((event) => event.id === correcting || event.id === correctingUnder || ((inMine === null || inMine.has(event)) && (kind === 'all' || timelineFilterKindOf(event) === kind)));
  // A reply shows under its message (HICS 213: on the same form); only one whose message is not in view stands alone.
  const listedIds = new Set(listed.map((event) => event.id));
  const shown = listed.filter((event) => event.kind !== 'communication_reply' || !listedIds.has(event.communicationId));
  return (
    <>
      <div className="timeline-tools">
        <span className="timeline-filter">
          <label htmlFor={filterId}>Filter timeline</label>
          <select id={filterId} value={kind} onChange={(e) => setKind(isTimelineFilterKind(e.target.value) ? e.target.value : 'all')}>
            <option value="all">All entries ({mine.length})</option>
            {TIMELINE_FILTER_KINDS.map((k) => (
              <option key={k} value={k}>{`${timelineFilterLabel(k)} (${counts.get(k) ?? 0})`}</option>
            ))}
          </select>
        </span>
        {people.length > 1 && (
          <span className="timeline-filter">
            <label htmlFor={personId}>Entries by</label>
            <select id={personId} value={personShown ?? ''} onChange={(e) => setPerson(e.target.value === '' ? null : e.target.value)}>
              <option value="">Everyone</option>
              {people.map((candidate) => (
                <option key={candidate.key} value={candidate.key}>{`${personLabel(candidate)} (${candidate.entries})`}</option>
              ))}
            </select>
          </span>
        )}
        <ActivityLogDialog incident={incident} events={events} preferredPerson={personShown} />
      </div>
      {shown.length === 0 && <p className="muted">No entries match these filters.</p>}
      <ol className="timeline" aria-label="Timeline">
        {shown.map((event) => {
          const target = correctedBy(event);
          return (
            <TimelineEntry
              key={event.id}
              incidentId={incidentId}
              event={event}
              corrected={corrected.has(event.id)}
              numberOf={numberOf}
              priorityChange={priorityChanges.get(event.id)}
              correctsText={target === undefined ? null : referenced(byId, target, numberOf)}
              replies={event.kind === 'communication' ? replies.get(event.id) : undefined}
              correctedReplies={event.kind === 'communication' && replies.has(event.id) ? corrected : undefined}
              correctingReply={event.id === correctingUnder ? correcting : null}
              replyToText={event.kind === 'communication_reply' ? referenced(byId, event.communicationId, numberOf) : null}
              correcting={correcting === event.id}
              onCorrect={startCorrecting}
              onDone={stopCorrecting}
            />
          );
        })}
      </ol>
    </>
  );
}

interface EntryProps {
  incidentId: string;
  event: TimelineEvent;
  /** Other incidents' numbers, for entries that name one. */
  numberOf: IncidentNumberOf;
  /** The priority this entry's impact or urgency change moved, if it did. */
  priorityChange?: PriorityChange | undefined;
  corrected: boolean;
  /** What this entry corrects, as text; null when it corrects nothing. */
  correctsText: string | null;
  /** A communication's replies, shown under its message. */
  replies?: readonly CommunicationReplyEvent[] | undefined;
  /** The corrected entries' ids, for a communication with replies (each reply says whether it was corrected). */
  correctedReplies?: ReadonlySet<string> | undefined;
  /** The id of this communication's reply being corrected under it, or null. */
  correctingReply: string | null;
  /** For a reply standing alone (its message filtered out or not here): what it answers, as text. */
  replyToText: string | null;
  correcting: boolean;
  /** `under`: the message under which the reply `eventId` is corrected. */
  onCorrect: (eventId: string, under?: string | null) => void;
  onDone: () => void;
}

/** One entry; memoized, so a new entry (or opening one correction form) re-renders only the entries it changes. */
const TimelineEntry = memo(function TimelineEntry({ incidentId, event, numberOf, priorityChange, corrected, correctsText, replies, correctedReplies, correctingReply, replyToText, correcting, onCorrect, onDone }: EntryProps) {
  const correctButton = useRef<HTMLButtonElement>(null);
  const wasCorrecting = useRef(correcting);
  const [replying, setReplying] = useState(false);
  // A reply under this message is corrected with the same form as any entry; stable, so the reply list stays memoized.
  const correctReply = useCallback((replyId: string) => onCorrect(replyId, event.id), [onCorrect, event.id]);
  const replyCorrection = useCallback((reply: CommunicationReplyEvent) => <CorrectionForm incidentId={incidentId} entry={reply} onDone={onDone} />, [incidentId, onDone]);
  const replyButton = useRef<HTMLButtonElement>(null);
  const wasReplying = useRef(replying);
  // The reply form saved or dropped: the cursor goes back to this message's Record reply button, as with corrections.
  useEffect(() => {
    if (wasReplying.current && !replying) replyButton.current?.focus();
    wasReplying.current = replying;
  }, [replying]);
  // A correction saved or dropped takes its form (and the focus in it) away: focus returns to this entry's Correct
  // button, not to the page, where the next Tab would start from the top and Escape would close the incident.
  useEffect(() => {
    if (wasCorrecting.current && !correcting && (document.activeElement === null || document.activeElement === document.body)) correctButton.current?.focus();
    wasCorrecting.current = correcting;
  }, [correcting]);
  // An automatic alert was never sent, so nobody can have answered it: no Record reply (a reply recorded under one by an
  // older version still shows). It stays correctable like Lantern's automatic escalations: the figures it quotes
  // come from times and a priority people entered, and a correction (a new entry; the alert itself is kept) is how
  // the record says it was raised on wrong data.
  const automatic = isAutomaticAlert(event);
  const repliable = event.kind === 'communication' && !automatic;
  return (
    <li className={`timeline-entry kind-${event.kind}${automatic ? ' automatic-alert' : ''}${corrected ? ' corrected' : ''}`}>
      <div className="timeline-meta">
        <span className="timeline-who">
          <span className="timeline-kind">{entryKindLabel(event)}</span>
          <time dateTime={event.at.utc}>{formatZoned(event.at)}</time>
          {event.clock && (
            <span className={`clock-mark clock-${event.clock.state}`} title={clockMarkExplanation(event.clock, event.at)}>
              {event.clock.state === 'off' && <span aria-hidden="true">⚠ </span>}
              <span>{clockMarkTag(event.clock)}</span>
            </span>
          )}
          {event.clock?.state === 'off' && <span className="muted clock-likely">{`real time about ${likelyTime(event.clock.hqMinusDeviceMs, event.at)}`}</span>}
          <span className="muted">{event.author.position ? `${event.author.name} · ${event.author.position}` : event.author.name}</span>
          {corrected && <span className="badge corrected-badge">Corrected</span>}
        </span>
        {/* The buttons wrap as one unit at the line's end: a narrow pane never leaves one alone on a line or splits its words. */}
        {((CORRECTABLE.has(event.kind) && !correcting) || (repliable && !replying)) && (
          <span className="timeline-actions">
            {CORRECTABLE.has(event.kind) && !correcting && (
              <button ref={correctButton} type="button" className="ghost small" aria-label={`Correct entry: ${summarizeEvent(event, numberOf)}`} onClick={() => onCorrect(event.id)}>
                Correct
              </button>
            )}
            {repliable && !replying && (
              <button ref={replyButton} type="button" className="ghost small" aria-label={`Record reply to: ${summarizeEvent(event, numberOf)}`} onClick={() => setReplying(true)}>
                Record reply
              </button>
            )}
          </span>
        )}
      </div>
      {correctsText !== null && <div className="muted corrects">Corrects: {correctsText}</div>}
      {replyToText !== null && <div className="muted corrects">Reply to: {replyToText}</div>}
      <div className="timeline-body">{describeEvent(event, numberOf, priorityChange)}</div>
      {replies !== undefined && (
        <CommunicationReplies replies={replies} label={`Replies to: ${summarizeEvent(event, numberOf)}`} corrected={correctedReplies} correcting={correctingReply} onCorrect={correctReply}
          correctionForm={replyCorrection} />
      )}
      {replying && repliable && event.kind === 'communication' && <CommunicationReplyForm incidentId={incidentId} communication={event} onDone={(saved) => { setReplying(false); if (saved) announce('Reply recorded'); }} />}
      {correcting && <CorrectionForm incidentId={incidentId} entry={event} onDone={onDone} />}
    </li>
  );
});

function referenced(byId: Map<string, TimelineEvent> | null, id: string, numberOf: IncidentNumberOf): string {
  const original = byId?.get(id);
  return original ? `${entryKindLabel(original)} of ${formatZoned(original.at)} — ${summarizeEvent(original, numberOf)}` : 'an entry not on this computer';
}

function CorrectionForm({ incidentId, entry, onDone }: { incidentId: string; entry: TimelineEvent; onDone: () => void }) {
  const { incidents } = useServices();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { busy, run } = useBusy();
  const id = useId();
  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await run(() => incidents.correct(incidentId, entry.id, text));
    if (!result) return;
    if (result.ok) {
      announce('Correction saved');
      onDone();
    } else setError(result.error.message);
  }
  return (
    <form className="correction-form" onSubmit={submit} noValidate
      onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); onDone(); } }}>
      <label htmlFor={id}>Correction</label>
      <textarea id={id} rows={2} value={text} autoFocus onChange={(e) => { setText(e.target.value); setError(null); }}
        onKeyDown={submitOnCtrlEnter}
        aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      {error && <p id={`${id}-error`} role="alert" className="field-error">{error}</p>}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>Save correction</button>
        <button type="button" onClick={onDone}>Back</button>
        <span className="hint">Ctrl+Enter</span>
      </div>
    </form>
  );
}
