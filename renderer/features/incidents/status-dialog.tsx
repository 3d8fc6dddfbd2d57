// Change status: offers only the transitions the lifecycle allows from here and asks for exactly what each one requires.
// Closing is final, so it is named as such and asks for a confirmation (Enter confirms).
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type RefObject } from 'react';
import { allowedTransitions, checkTransition, deriveChecklist, STATUS_LABELS, type Incident, type Status, type TimelineEvent, type TransitionField, type TransitionInput } from '../../../shared/domain';
import { useServices } from '../../app/services';
import { addReferenceValue } from '../../db';
import { createHoldReasonRepository } from '../../db/hold-reason';
import { useReference } from '../reference/use-reference';
import { useBusy } from '../use-busy';
import { DraftNote } from './draft-note';
import { FieldError, InlineDialog, useFocusFirstInvalid, useInlineDialog } from './inline-dialog';
import { useEntryDraft, type EntryDraftShape } from './use-entry-draft';
import { missingFields } from './status-dialog-problems';
import { CHANGE_HOLD_REASON, CHANGE_HOLD_REASON_LABEL, HoldReasonFields, holdReasonErrorKey } from './status-dialog-hold-reason';
import { submitOnCtrlEnter } from '../submit-on-ctrl-enter';
import { announce } from '../../store/announce-store';

/** holdNote: the note that may go with a hold reason change (status-dialog-hold-reason.tsx). */
type Values = Required<Omit<TransitionInput, 'duplicateOf'>> & { duplicateNumber: string; holdNote: string };
/**
 * What the panel keeps as a draft (Escape, Back or another incident lose nothing): the step chosen and the fields, and
 * the owner the assignment fields were prefilled with, so an owner nobody typed follows the incident's current one.
 */
type StatusDraft = Values & { to: string; prefilledTeam: string; prefilledAssignee: string };
type Errors = Partial<Record<TransitionField | 'duplicateOf' | 'holdNote' | 'form', string>>;

const EMPTY: Values = { assignee: '', team: '', holdReason: '', resolutionCode: '', resolutionNotes: '', cancelReason: '', reopenReason: '', duplicateNumber: '', holdNote: '' };
const VALUE_KEYS = Object.keys(EMPTY) as (keyof Values)[];

/** The draft's shape for one incident: its current owner prefills the assignment, which alone is no draft. */
export function statusDraftShape(incident: Incident): EntryDraftShape<StatusDraft> {
  const team = incident.team ?? '';
  const assignee = incident.assignee ?? '';
  const blank: StatusDraft = { ...EMPTY, team, assignee, to: '', prefilledTeam: team, prefilledAssignee: assignee };
  return {
    blank,
    isBlank: (values) => VALUE_KEYS.every((key) => values[key].trim() === blank[key].trim()),
    parse: (stored) => {
      const text = (key: string) => (typeof stored[key] === 'string' ? (stored[key] as string) : '');
      const values = { ...Object.fromEntries(VALUE_KEYS.map((key) => [key, text(key)])), to: text('to') } as StatusDraft;
      // Another laptop may have reassigned the incident since: an owner left as prefilled shows the current one.
      if (values.team === text('prefilledTeam')) values.team = team;
      if (values.assignee === text('prefilledAssignee')) values.assignee = assignee;
      return { ...values, prefilledTeam: team, prefilledAssignee: assignee };
    },
  };
}
const CANCEL_SUGGESTIONS = ['Logged in error', 'Duplicate', 'Test or drill entry', 'Not an incident'];

/**
 * The action button's name: the two final steps say so (the lifecycle's verbs alone, "Close" and "Cancel", read like
 * "close this panel" and "cancel this form").
 */
function actionLabel(to: Status, action: string): string {
  if (to === 'closed') return 'Close incident (final)';
  if (to === 'cancelled') return 'Cancel incident (final)';
  return action;
}

/** What the confirmation of a final step asks, and its button. */
const FINAL_STEPS: Partial<Record<Status, { question: string; confirm: string; busy: string }>> = {
  closed: { question: 'Close this incident for good?', confirm: 'Yes, close incident', busy: 'Closing…' },
  cancelled: { question: 'Cancel this incident for good?', confirm: 'Yes, cancel incident', busy: 'Cancelling…' },
};

export function StatusDialog({ incident, events }: { incident: Incident; events: readonly TimelineEvent[] }) {
  const { open, toggle, close, openerRef, panelRef } = useInlineDialog();
  const final = allowedTransitions(incident.status).length === 0;
  const noteId = useId();
  const finalNoteRef = useRef<HTMLSpanElement>(null);
  // Set when this person's change made the incident final: once it shows as final, focus its note (the button is disabled by then).
  const focusFinalNote = useRef(false);
  useEffect(() => {
    if (final && focusFinalNote.current) {
      focusFinalNote.current = false;
      finalNoteRef.current?.focus();
    }
  });
  const done = (to: Status | null) => {
    if (to !== null && allowedTransitions(to).length === 0) focusFinalNote.current = true;
    close();
  };
  return (
    <>
      <button ref={openerRef} type="button" aria-expanded={final ? undefined : open} disabled={final} aria-keyshortcuts="C"
        aria-describedby={final ? noteId : undefined} onClick={toggle}>
        Change status
      </button>
      {final && (
        <span id={noteId} ref={finalNoteRef} tabIndex={-1} className="hint final-note">
          {`${STATUS_LABELS[incident.status]} is final: status and fields no longer change (only the exercise mark can be corrected). Notes can still be added.`}
        </span>
      )}
      {open && !final && <StatusForm incident={incident} events={events} panelRef={panelRef} onDone={done} />}
    </>
  );
}

function StatusForm({ incident, events, panelRef, onDone }: {
  incident: Incident;
  events: readonly TimelineEvent[];
  panelRef: RefObject<HTMLElement | null>;
  /** Called with the new status after a change, or null when the person backs out. */
  onDone: (to: Status | null) => void;
}) {
  const { incidents, db } = useServices();
  const holdReasons = useMemo(() => createHoldReasonRepository(db), [db]);
  const reference = useReference();
  const rules = allowedTransitions(incident.status);
  // Built from the incident as the panel opened: a sync changing the owner meanwhile does not turn typing into "blank".
  const [shape] = useState(() => statusDraftShape(incident));
  const draft = useEntryDraft('status_change', incident.id, shape);
  const values = draft.values;
  // The kept step, if it is still allowed from the incident's status now (another laptop may have moved it on).
  const to = rules.find((r) => r.to === values.to)?.to ?? rules[0]!.to;
  // On hold, the reason can change without a status change (the incident stays on hold, its clocks as they are).
  const changingReason = incident.status === 'on_hold' && values.to === CHANGE_HOLD_REASON;
  const setTo = (next: string) => draft.update({ ...values, to: next });
  const [errors, setErrors] = useState<Errors>({});
  const [confirming, setConfirming] = useState(false);
  const { busy: saving, run } = useBusy();
  const focusFirstInvalid = useFocusFirstInvalid(panelRef);
  const id = useId();
  const rule = rules.find((r) => r.to === to) ?? rules[0]!;
  const needs = new Set<TransitionField>(changingReason ? [] : rule.requires);
  const finalStep = changingReason ? undefined : FINAL_STEPS[rule.to];
  const needsConfirmation = finalStep !== undefined;
  // Resolving (or closing) with checklist steps unticked is allowed (a step may not apply), but said before it happens.
  const checklist = useMemo(() => deriveChecklist(events), [events]);
  const ending = !changingReason && (rule.to === 'resolved' || rule.to === 'closed');
  const unticked = ending ? checklist.total - checklist.done : 0;
  const untickedNote = unticked > 0 ? `${unticked} of ${checklist.total} checklist ${checklist.total === 1 ? 'step is' : 'steps are'} not ticked. Tick what was done first, or go on if the rest no longer applies.` : null;
  // The major flag brings a commander role (DOMAIN.md): ending one nobody was named for is allowed (it may have been led
  // without the field filled in), but said first, as the unticked steps are, while the name can still be added.
  const commanderNote = ending && incident.major && !incident.commander?.trim()
    ? 'No incident commander was named for this major incident. Name who led the response under Incident commander first, or go on without one.'
    : null;
  const warningIds = [untickedNote && `${id}-unticked`, commanderNote && `${id}-no-commander`].filter(Boolean).join(' ');
  const confirmRef = useRef<HTMLButtonElement>(null);
  const actionRef = useRef<HTMLButtonElement>(null);
  const backedOut = useRef(false);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (backedOut.current) actionRef.current?.focus();
    backedOut.current = false;
  }, [confirming]);

  const update = (key: keyof Values, value: string) => {
    draft.update({ ...values, [key]: value });
    setErrors({});
  };

  const refuse = (next: Errors) => {
    setErrors(next);
    focusFirstInvalid();
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (changingReason) {
      await run(applyHoldReason);
      return;
    }
    const input = await gatherInput();
    if (!input) return;
    // Every blank field at once (the lifecycle names one per attempt): a reopen asks for its reason and an owner together.
    const missing = missingFields(incident.status, rule.to, input);
    if (Object.keys(missing).length > 0) {
      setConfirming(false);
      refuse(missing);
      return;
    }
    if (needsConfirmation && !confirming) {
      // Ask only once the step could go through: a missing reason is said before "for good?", not after it.
      const check = checkTransition(incident.status, rule.to, input);
      if (!check.ok) {
        const field = check.error.field;
        refuse(field ? { [field]: check.error.message } : { form: check.error.message });
        return;
      }
      setConfirming(true);
      return;
    }
    await run(() => apply(input));
  }

  /** The transition's input from the form; null when the named duplicate is not on this computer (said at its field). */
  async function gatherInput(): Promise<TransitionInput | null> {
    const input: TransitionInput = {};
    if (needs.has('assignment')) Object.assign(input, { team: values.team, assignee: values.assignee });
    if (needs.has('holdReason')) input.holdReason = values.holdReason;
    if (needs.has('resolutionCode')) input.resolutionCode = values.resolutionCode;
    if (needs.has('resolutionNotes')) input.resolutionNotes = values.resolutionNotes;
    if (needs.has('cancelReason')) {
      input.cancelReason = values.cancelReason;
      const number = values.duplicateNumber.trim().toUpperCase();
      if (number !== '') {
        const survivor = await db.incidents.where('number').equals(number).first();
        if (!survivor) {
          setConfirming(false);
          refuse({ duplicateOf: `No incident numbered ${number.slice(0, 40)} is on this computer.` });
          return null;
        }
        input.duplicateOf = survivor.id;
      }
    }
    if (needs.has('reopenReason')) input.reopenReason = values.reopenReason;
    return input;
  }

  async function apply(input: TransitionInput) {
    const result = await incidents.changeStatus(incident.id, rule.to, input);
    if (!result.ok) {
      const field = result.error.field;
      const known = field && ['assignment', 'assignee', 'team', 'holdReason', 'resolutionCode', 'resolutionNotes', 'cancelReason', 'reopenReason', 'duplicateOf'].includes(field);
      const key = field === 'assignee' || field === 'team' ? 'assignment' : field;
      setConfirming(false);
      refuse(known && key ? { [key]: result.error.message } : { form: result.error.message });
      return;
    }
    if (needs.has('assignment') && values.assignee.trim()) void addReferenceValue(db, 'person', values.assignee);
    await draft.discard();
    // The panel closes and focus goes back to its button: without this, nothing tells a screen reader it worked.
    announce(`Status changed to ${STATUS_LABELS[rule.to]}`);
    onDone(rule.to);
  }

  async function applyHoldReason() {
    const result = await holdReasons.change(incident.id, { holdReason: values.holdReason, note: values.holdNote });
    if (!result.ok) {
      const key = holdReasonErrorKey(result.error.field);
      refuse(key ? { [key]: result.error.message } : { form: result.error.message });
      return;
    }
    await draft.discard();
    announce('Hold reason changed');
    onDone('on_hold');
  }

  const fieldProps = (key: TransitionField | 'duplicateOf') => ({
    id: `${id}-${key}`,
    'aria-invalid': errors[key] ? true : undefined,
    'aria-describedby': errors[key] ? `${id}-${key}-error` : undefined,
  });

  return (
    <InlineDialog label="Change status" panelRef={panelRef} onClose={() => onDone(null)}>
      <form onSubmit={submit} onKeyDown={submitOnCtrlEnter} noValidate className="dialog-form">
        <div className="field">
          <label htmlFor={`${id}-to`}>New status</label>
          <select id={`${id}-to`} value={changingReason ? CHANGE_HOLD_REASON : to} onChange={(e) => { setTo(e.target.value); setErrors({}); setConfirming(false); }}>
            {rules.map((r) => (
              <option key={r.to} value={r.to}>{`${r.action} → ${STATUS_LABELS[r.to]}`}</option>
            ))}
            {incident.status === 'on_hold' && <option value={CHANGE_HOLD_REASON}>{CHANGE_HOLD_REASON_LABEL}</option>}
          </select>
        </div>
        {changingReason && (
          <HoldReasonFields id={id} current={incident.holdReason} reasons={reference.holdReason} reason={values.holdReason} note={values.holdNote} errors={errors}
            onReason={(value) => update('holdReason', value)} onNote={(value) => update('holdNote', value)} />
        )}
        {needs.has('assignment') && (
          <div className="field-row">
            <div className="field">
              <label htmlFor={`${id}-assignment`}>Team</label>
              <select {...fieldProps('assignment')} value={values.team} onChange={(e) => update('team', e.target.value)}>
                <option value="">— none —</option>
                {withCurrent(reference.team, values.team).map((team) => <option key={team} value={team}>{team}</option>)}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-assignee`}>Assignee</label>
              {/* The refusal concerns both fields ("a person or a team"): both are marked and both point to it. */}
              <input id={`${id}-assignee`} list={`${id}-people`} value={values.assignee} maxLength={200} autoComplete="off" onChange={(e) => update('assignee', e.target.value)}
                aria-invalid={errors.assignment ? true : undefined} aria-describedby={errors.assignment ? `${id}-assignment-error` : undefined} />
              <datalist id={`${id}-people`}>{reference.person.map((p) => <option key={p} value={p} />)}</datalist>
            </div>
            <FieldError id={`${id}-assignment-error`} message={errors.assignment} />
          </div>
        )}
        {needs.has('holdReason') && (
          <div className="field">
            <label htmlFor={`${id}-holdReason`}>Hold reason</label>
            <select {...fieldProps('holdReason')} value={values.holdReason} onChange={(e) => update('holdReason', e.target.value)}>
              <option value="">— choose —</option>
              {reference.holdReason.map((r) => <option key={r} value={r}>{r}</option>)}
            </select>
            <FieldError id={`${id}-holdReason-error`} message={errors.holdReason} />
          </div>
        )}
        {needs.has('resolutionCode') && (
          <div className="field">
            <label htmlFor={`${id}-resolutionCode`}>Resolution code</label>
            <select {...fieldProps('resolutionCode')} value={values.resolutionCode} onChange={(e) => update('resolutionCode', e.target.value)}>
              <option value="">— choose —</option>
              {reference.resolutionCode.map((r) => <option key={r} value={r}>{r}</option>)}
            </select>
            <FieldError id={`${id}-resolutionCode-error`} message={errors.resolutionCode} />
          </div>
        )}
        {needs.has('resolutionNotes') && (
          <div className="field">
            <label htmlFor={`${id}-resolutionNotes`}>Resolution notes</label>
            <textarea {...fieldProps('resolutionNotes')} rows={3} value={values.resolutionNotes} onChange={(e) => update('resolutionNotes', e.target.value)} />
            <FieldError id={`${id}-resolutionNotes-error`} message={errors.resolutionNotes} />
          </div>
        )}
        {needs.has('cancelReason') && (
          <>
            <div className="field">
              <label htmlFor={`${id}-cancelReason`}>Cancel reason</label>
              <input {...fieldProps('cancelReason')} list={`${id}-cancel-reasons`} maxLength={200} value={values.cancelReason} onChange={(e) => update('cancelReason', e.target.value)} />
              <datalist id={`${id}-cancel-reasons`}>{CANCEL_SUGGESTIONS.map((r) => <option key={r} value={r} />)}</datalist>
              <FieldError id={`${id}-cancelReason-error`} message={errors.cancelReason} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-duplicateOf`}>Duplicate of (incident number, optional)</label>
              <input {...fieldProps('duplicateOf')} className="mono" placeholder="K7QM-0042" maxLength={40} value={values.duplicateNumber} onChange={(e) => update('duplicateNumber', e.target.value)} />
              <FieldError id={`${id}-duplicateOf-error`} message={errors.duplicateOf} />
            </div>
          </>
        )}
        {needs.has('reopenReason') && (
          <div className="field">
            <label htmlFor={`${id}-reopenReason`}>Reopen reason</label>
            <textarea {...fieldProps('reopenReason')} rows={2} value={values.reopenReason} onChange={(e) => update('reopenReason', e.target.value)} />
            <FieldError id={`${id}-reopenReason-error`} message={errors.reopenReason} />
          </div>
        )}
        <FieldError id={`${id}-form-error`} message={errors.form} />
        {untickedNote && <p id={`${id}-unticked`} className="hint open-steps">{untickedNote}</p>}
        {commanderNote && <p id={`${id}-no-commander`} className="hint open-steps">{commanderNote}</p>}
        <DraftNote draft={draft} />
        {confirming ? (
          <div className="confirm-final" role="group" aria-labelledby={`${id}-confirm`}>
            <p id={`${id}-confirm`}>
              <strong>{finalStep?.question}</strong> {`A ${STATUS_LABELS[rule.to].toLowerCase()} incident cannot be changed or reopened. Notes can still be added.`}
            </p>
            <div className="actions">
              {/* aria-disabled, not disabled, while saving: a disabled button drops focus to the page, where Escape closes the incident. */}
              <button ref={confirmRef} type="submit" className="primary" aria-disabled={saving || undefined}>{saving ? finalStep?.busy : finalStep?.confirm}</button>
              <button type="button" onClick={() => { backedOut.current = true; setConfirming(false); }}>Not yet</button>
            </div>
          </div>
        ) : (
          <div className="actions">
            <button ref={actionRef} type="submit" className="primary" aria-disabled={saving || undefined} aria-describedby={warningIds || undefined}>
              {saving ? 'Saving…' : changingReason ? 'Change hold reason' : actionLabel(rule.to, rule.action)}
            </button>
            <button type="button" onClick={() => onDone(null)}>Back</button>
          </div>
        )}
      </form>
    </InlineDialog>
  );
}

/** The list plus the current value when it is no longer listed (so an old value still shows). */
function withCurrent(list: readonly string[], current: string): string[] {
  return current && !list.includes(current) ? [current, ...list] : [...list];
}
