// Logs a communication (HICS 213 shape: direction, priority, from, to, subject, channel, message, action taken) as a timeline entry; half-typed ones stay as drafts.
import { useBusy } from '../use-busy';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import {
  COMMUNICATION_PRIORITIES,
  COMMUNICATION_PRIORITY_LABELS,
  communicationProblems,
  type CommunicationDirection,
  type CommunicationInput,
  type CommunicationPriority,
  type Incident,
  type TimelineEvent,
} from '../../../shared/domain';
import { useServices } from '../../app/services';
import { DEFAULT_AUTHOR, useCurrentUser } from '../../db';
import { createEntryRecorder } from '../../db/entry-record';
import { useReference } from '../reference/use-reference';
import { DraftNote } from './draft-note';
import { useFocusFirstInvalid } from './inline-dialog';
import { useMinuteNow } from './sla-hooks';
import { useEntryDraft, type EntryDraftShape } from './use-entry-draft';
import { submitOnCtrlEnter } from '../submit-on-ctrl-enter';
import { announce } from '../../store/announce-store';
import { buildShortUpdate } from './briefing-text';
import { useBriefingContext } from './briefing-context';
import { takeUpdateLogRequest, useCommunicationRequestStore } from './communication-request';
import { KEPT_MESSAGE_ANNOUNCEMENT, loggedAnnouncement, prefillAnnouncement, prefillNote, updatePrefill, type UpdatePrefill } from './communication-update';
import './communication-form.css';

type Errors = Partial<Record<keyof CommunicationInput | 'form', string>>;
const FIELDS_WITH_ERRORS: readonly string[] = ['direction', 'priority', 'from', 'to', 'subject', 'channel', 'message', 'actionTaken'];

/** What the draft keeps: the fields, and whether "From" was typed (else it follows the person at the keyboard). */
type CommunicationDraft = {
  direction: CommunicationDirection;
  priority: CommunicationPriority;
  from: string;
  to: string;
  subject: string;
  channel: string;
  message: string;
  actionTaken: string;
  fromEdited: boolean;
};
type FormField = Exclude<keyof CommunicationDraft, 'fromEdited'>;

const COMMUNICATION_DRAFT: EntryDraftShape<CommunicationDraft> = {
  // Non-urgent unless said otherwise: HICS 213 asks for one box ticked, and most messages are routine.
  blank: { direction: 'outgoing', priority: 'non_urgent', from: '', to: '', subject: '', channel: '', message: '', actionTaken: '', fromEdited: false },
  // Direction and channel alone are not worth a draft: they have defaults.
  isBlank: (v) => v.to.trim() === '' && v.message.trim() === '' && v.subject.trim() === '' && v.actionTaken.trim() === '' && (!v.fromEdited || v.from.trim() === ''),
  parse: (stored) => {
    const text = (key: string) => (typeof stored[key] === 'string' ? stored[key] : '');
    return {
      direction: stored.direction === 'incoming' ? 'incoming' : 'outgoing',
      priority: (COMMUNICATION_PRIORITIES as readonly unknown[]).includes(stored.priority) ? (stored.priority as CommunicationPriority) : 'non_urgent',
      from: text('from'),
      to: text('to'),
      subject: text('subject'),
      channel: text('channel'),
      message: text('message'),
      actionTaken: text('actionTaken'),
      fromEdited: stored.fromEdited === true,
    };
  },
};

/**
 * Open and closed by the parent, so the header's "Log update" (stakeholder update due) can open it too: `focusRequest`
 * changes each time someone asks for it, which brings the form into view with the cursor in its first field, as
 * opening it with its own button does (it may open below the fold). "Log update" and the briefing's "Log it as sent"
 * (through communication-request.ts) fill in the short update, so nobody retypes what they just sent.
 */
export function CommunicationForm({ incident, events, open, onOpenChange, focusRequest = 0 }: {
  incident: Incident;
  events: readonly TimelineEvent[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
  focusRequest?: number;
}) {
  const incidentId = incident.id;
  const request = useCommunicationRequestStore((state) => (state.request?.incidentId === incidentId ? state.request : null));
  // "Log it as sent" opens the form; the form itself takes the request (fills in, focuses) once it is there.
  useEffect(() => {
    if (request && !open) onOpenChange(true);
  }, [request, open, onOpenChange]);
  const toggle = useRef<HTMLButtonElement>(null);
  // The request count when the button last opened the form: a higher count means "Log update" asked since.
  const [requestAtOpen, setRequestAtOpen] = useState(focusRequest);
  const close = () => {
    onOpenChange(false);
    // The form goes away: the cursor goes back to the button that opens it, not to the top of the page.
    toggle.current?.focus();
  };
  const onToggle = () => {
    if (!open) setRequestAtOpen(focusRequest);
    onOpenChange(!open);
  };
  return (
    <div className="communication">
      <button ref={toggle} type="button" aria-expanded={open} onClick={onToggle}>
        Log communication
      </button>
      {open && (
        <Form key={incidentId} incident={incident} events={events} focusRequest={focusRequest} askedForUpdate={focusRequest !== requestAtOpen}
          copiedRequest={request} onDone={close} />
      )}
    </div>
  );
}

function Form({ incident, events, focusRequest, askedForUpdate, copiedRequest, onDone }: {
  incident: Incident;
  events: readonly TimelineEvent[];
  focusRequest: number;
  askedForUpdate: boolean;
  copiedRequest: { message: string; serial: number } | null;
  onDone: () => void;
}) {
  const incidentId = incident.id;
  const { db } = useServices();
  const { context, majorDefault } = useBriefingContext(incident, events);
  const recorder = useMemo(() => createEntryRecorder(db), [db]);
  const reference = useReference();
  const user = useCurrentUser();
  // Nobody has said who is working yet: leave "From" for them to fill rather than sending as "Unknown user".
  const me = user === undefined || user.name === DEFAULT_AUTHOR.name ? '' : user.name;
  const draft = useEntryDraft('communication', incidentId, COMMUNICATION_DRAFT);
  const [errors, setErrors] = useState<Errors>({});
  const { busy, run } = useBusy();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const focusFirstInvalid = useFocusFirstInvalid(formRef);
  // Asked for again as a stakeholder update ("Log update"): that is an outgoing message, whatever the form held.
  // Adjusted while rendering (React's pattern for state that follows a prop), not in an effect.
  const [handledRequest, setHandledRequest] = useState(focusRequest);
  // Opened by "Log update": outgoing, even over a kept draft that was incoming (an incoming message is no update).
  const [forcedOutgoing, setForcedOutgoing] = useState(askedForUpdate);
  // The short update (and To, Channel of the last update sent) shown where the form is blank, until the person edits
  // it (their edit then stores it as the draft). Built once when asked, so it does not change while they read it.
  const [prefill, setPrefill] = useState<UpdatePrefill | null>(() => (askedForUpdate ? updatePrefill(focusRequest, buildShortUpdate(incident, events, context()), events) : null));
  // What was filled in, said under the form until it is saved or closed (an edit does not make it untrue).
  const [noted, setNoted] = useState<UpdatePrefill | null>(prefill);
  const nowMs = useMinuteNow();
  const fillIn = (next: UpdatePrefill) => {
    setForcedOutgoing(true);
    setPrefill(next);
    setNoted(next);
  };
  if (focusRequest !== handledRequest) {
    setHandledRequest(focusRequest);
    fillIn(updatePrefill(focusRequest, buildShortUpdate(incident, events, context()), events));
  }
  // "Log it as sent": the copied text exactly (adjusted while rendering, as for "Log update"); the request is then taken.
  const [handledCopy, setHandledCopy] = useState<number | null>(null);
  if (copiedRequest && copiedRequest.serial !== handledCopy) {
    setHandledCopy(copiedRequest.serial);
    fillIn(updatePrefill(-copiedRequest.serial, copiedRequest.message, events));
  }
  useEffect(() => {
    if (handledCopy !== null) takeUpdateLogRequest(handledCopy);
  }, [handledCopy]);
  const stored = draft.values;
  const filled = (own: string, offered: string | undefined) => (own === '' && offered !== undefined ? offered : own);
  const values: CommunicationDraft = {
    ...stored,
    direction: forcedOutgoing ? 'outgoing' : stored.direction,
    // "From" defaults to the person at the keyboard for outgoing messages, until someone types there.
    from: !stored.fromEdited && (forcedOutgoing || stored.direction === 'outgoing') ? me : stored.from,
    to: filled(stored.to, prefill?.to),
    channel: filled(stored.channel, prefill?.channel) || (reference.channel[0] ?? ''),
    message: filled(stored.message, prefill?.message),
  };

  // Said once per request: filled in, or, where a message was being written, that it is kept (never written over).
  const keptMessage = prefill !== null && stored.message.trim() !== '' && stored.message !== prefill.message;
  const saidFor = useRef<number | null>(null);
  useEffect(() => {
    if (!prefill || saidFor.current === prefill.serial) return;
    saidFor.current = prefill.serial;
    announce(keptMessage ? KEPT_MESSAGE_ANNOUNCEMENT : prefillAnnouncement(prefill));
  }, [prefill, keptMessage]);

  // Opening (or "Log update" again) brings the form into view with the cursor in its first field, Direction: starting
  // lower (at "To") had keyboard users skip Direction, Priority and Channel without seeing them.
  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    form.querySelector<HTMLElement>(`#${CSS.escape(`${id}-direction`)}`)?.focus({ preventScroll: true });
    form.scrollIntoView?.({ block: 'nearest' });
  }, [focusRequest, handledCopy, id]);

  const update = (key: FormField, value: string) => {
    // While it saves, the form waits: an edit then would be cleared with the saved message.
    if (busy) return;
    if (key === 'direction') setForcedOutgoing(false);
    // "From" is stored only once typed, so switching to incoming does not keep the default name as if typed.
    draft.update({ ...values, from: stored.from, fromEdited: stored.fromEdited || key === 'from', [key]: value });
    // The filled-in text is in the draft now: a field emptied on purpose stays empty.
    setPrefill(null);
    // Only the field edited is cleared: the others still say what they miss.
    setErrors(({ [key]: _fixed, form: _form, ...rest }) => rest);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const { fromEdited: _fromEdited, ...input } = values;
    // Every missing field at once, each marked, the cursor on the first (the command would name only one per try).
    const problems = communicationProblems(input);
    if (problems.length > 0) {
      setErrors(Object.fromEntries(problems.map((p) => (p.field && FIELDS_WITH_ERRORS.includes(p.field) ? [p.field, p.message] : ['form', p.message]))));
      focusFirstInvalid();
      return;
    }
    const result = await run(async () => {
      await draft.flush();
      return recorder.logCommunication(incidentId, input);
    });
    if (!result) return;
    if (result.ok) {
      draft.saved();
      announce(loggedAnnouncement(incident, input.direction, majorDefault, Date.now()));
      onDone();
    } else {
      const field = result.error.field as keyof CommunicationInput | undefined;
      setErrors(field && FIELDS_WITH_ERRORS.includes(field) ? { [field]: result.error.message } : { form: result.error.message });
      // The cursor goes to the field to correct (else it stays in the form), as in the status and escalation panels.
      focusFirstInvalid();
    }
  }

  const describe = (key: keyof CommunicationInput) => ({
    id: `${id}-${key}`,
    'aria-invalid': errors[key] ? true : undefined,
    'aria-describedby': errors[key] ? `${id}-${key}-error` : undefined,
  });
  const error = (key: keyof CommunicationInput | 'form') =>
    errors[key] ? <p id={`${id}-${key}-error`} role="alert" className="field-error">{errors[key]}</p> : null;

  return (
    <form ref={formRef} className="dialog-form communication-form" aria-label="Communication" onSubmit={submit} noValidate
      onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); if (!busy) onDone(); } else submitOnCtrlEnter(e); }}>
      {noted && <p className="communication-prefill-note">{prefillNote(noted, nowMs)}</p>}
      <div className="field-row three">
        <div className="field">
          <label htmlFor={`${id}-direction`}>Direction</label>
          <select {...describe('direction')} value={values.direction} onChange={(e) => update('direction', e.target.value)}>
            <option value="outgoing">Outgoing</option>
            <option value="incoming">Incoming</option>
          </select>
          {error('direction')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-priority`}>Priority</label>
          <select {...describe('priority')} value={values.priority} onChange={(e) => update('priority', e.target.value)}>
            {COMMUNICATION_PRIORITIES.map((p) => <option key={p} value={p}>{COMMUNICATION_PRIORITY_LABELS[p]}</option>)}
          </select>
          {error('priority')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-channel`}>Channel</label>
          <select {...describe('channel')} value={values.channel} onChange={(e) => update('channel', e.target.value)}>
            {[...new Set([...reference.channel, values.channel])].filter(Boolean).map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
          {error('channel')}
        </div>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-from`}>From</label>
          <input {...describe('from')} maxLength={200} value={values.from} onChange={(e) => update('from', e.target.value)} />
          {error('from')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>To</label>
          <input {...describe('to')} maxLength={200} value={values.to} onChange={(e) => update('to', e.target.value)} />
          {error('to')}
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-subject`}>Subject (optional)</label>
        <input {...describe('subject')} maxLength={200} value={values.subject} onChange={(e) => update('subject', e.target.value)} />
        {error('subject')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-message`}>Message</label>
        <textarea {...describe('message')} rows={3} value={values.message} onChange={(e) => update('message', e.target.value)} />
        {error('message')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-actionTaken`}>Action taken (optional)</label>
        <textarea {...describe('actionTaken')} rows={2} value={values.actionTaken} onChange={(e) => update('actionTaken', e.target.value)} />
        {error('actionTaken')}
      </div>
      {error('form')}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>Save communication</button>
        <button type="button" onClick={onDone} disabled={busy}>Back</button>
        <DraftNote draft={draft} />
      </div>
    </form>
  );
}
