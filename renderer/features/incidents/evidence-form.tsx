// The form that collects an evidence item or records one link of its chain of custody, in an inline dialog; what is typed stays a draft until saved.
import { useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { CUSTODY_ACTION_LABELS, LIMITS, safeAttachmentName, type CustodyAction, type ZonedTime } from '../../../shared/domain';
import { CUSTODY_LINK_ACTIONS, custodyStateAt, isFinalCustodyAction, type CustodyLinkAction, type CustodyState, type EvidenceItem } from '../../../shared/domain/custody';
import type { StoredAttachment } from '../../db/attachments-stored';
import { evidenceDraftPlace, type CustodyRepository } from '../../db/custody';
import { formatZoned } from '../format';
import { computerOffsetAt, keptMoment, LOCAL_TIME_BOUNDS, localNow, localTimeOf, localTimeProblem, localValueAt, retypedLocalTime } from '../local-time';
import { LocalTimeChoice, localTimeHint, localTimeNoteIds } from '../local-time-choice';
import { useBusy } from '../use-busy';
import { DraftNote } from './draft-note';
import { FieldError, InlineDialog, useFocusFirstInvalid } from './inline-dialog';
import { useEntryDraft, type EntryDraftShape } from './use-entry-draft';
import { submitOnCtrlEnter } from '../submit-on-ctrl-enter';

type Field = 'action' | 'item' | 'from' | 'to' | 'location' | 'handledAt' | 'sha256' | 'notes';
type Errors = Partial<Record<Field | 'form', string>>;
const FIELDS: readonly string[] = ['action', 'item', 'from', 'to', 'location', 'handledAt', 'sha256', 'notes'];

/** What "To" means for each action (disposed of: nobody holds it afterwards, so there is no "To"). */
const TO_LABELS: Record<CustodyAction, string | null> = {
  collected: 'Collected by',
  transferred: 'Handed over to',
  stored: 'Held by (optional)',
  examined: 'Held by afterwards',
  returned: 'Returned to',
  disposed: null,
};

/**
 * The form as kept in this person's draft (a type alias: stored as-is as JSON). The *Edited flags say a field was
 * typed into; until then it follows Handled at, the action or the person at the keyboard.
 */
type EvidenceDraft = {
  item: string;
  action: CustodyLinkAction;
  from: string;
  fromEdited: boolean;
  to: string;
  toEdited: boolean;
  location: string;
  locationEdited: boolean;
  /** As the field shows it: this computer's local time ('' while half-typed). */
  handledAt: string;
  /** The instant it means (ISO, '' while half-typed): a draft reopened after the clock's zone changed shows the same moment. */
  handledAtUtc: string;
  /** The offset it was typed at (absent from older drafts: this computer's then), kept with the moment and said when it differs. */
  handledAtOffset: number;
  handledAtEdited: boolean;
  sha256: string;
  notes: string;
};

const SHA256 = /^[0-9a-f]{64}$/;
const isLinkAction = (value: unknown): value is CustodyLinkAction => (CUSTODY_LINK_ACTIONS as readonly unknown[]).includes(value);

/** The item's state at a Handled at (null for a new item, no single moment typed, or one before the chain starts). */
function stateAt(item: EvidenceItem | undefined, time: ZonedTime | null): CustodyState | null {
  return item && time ? custodyStateAt(item.chain, time) : null;
}

/** The moment the draft's Handled at stands for (a chosen pass of a repeated hour, "now" left alone, a draft's), or null. */
function handledTimeOf(draft: Pick<EvidenceDraft, 'handledAt' | 'handledAtUtc' | 'handledAtOffset'>): ZonedTime | null {
  const kept = draft.handledAtUtc === '' ? null : { utc: draft.handledAtUtc, offsetMinutes: draft.handledAtOffset };
  return localTimeOf(draft.handledAt, kept);
}

/** The draft fields for a Handled at text and the moment it stands for. */
function handledFields(handledAt: string, time: ZonedTime | null): Pick<EvidenceDraft, 'handledAt' | 'handledAtUtc' | 'handledAtOffset'> {
  return { handledAt, handledAtUtc: time?.utc ?? '', handledAtOffset: time?.offsetMinutes ?? 0 };
}

/**
 * The draft shape for a form opened now on `item` (absent: collecting a new one). A restored draft keeps what was
 * typed; the fields nobody typed into follow the item's chain as it is now (a link may have been synced in since).
 */
function evidenceDraftShape(item: EvidenceItem | undefined, me: string): EntryDraftShape<EvidenceDraft> {
  const now = localNow(Date.now());
  const initial = stateAt(item, now.time);
  const blank: EvidenceDraft = {
    item: '', action: 'transferred', from: initial?.holder ?? '', fromEdited: false, to: item ? '' : me, toEdited: false,
    location: initial?.location ?? '', locationEdited: false, ...handledFields(now.value, now.time), handledAtEdited: false, sha256: '', notes: '',
  };
  const typed = (value: string, edited: boolean) => edited && value.trim() !== '';
  return {
    blank,
    isBlank: (v) => v.item.trim() === '' && v.notes.trim() === '' && v.sha256 === '' && (!item || v.action === blank.action) && !v.handledAtEdited
      && !typed(v.from, v.fromEdited) && !typed(v.to, v.toEdited) && !typed(v.location, v.locationEdited),
    parse: (stored) => {
      const text = (key: keyof EvidenceDraft) => {
        const value = stored[key];
        return typeof value === 'string' ? value : '';
      };
      const flag = (key: keyof EvidenceDraft) => stored[key] === true;
      // Not this form's draft (another shape, an older version): nothing to restore.
      if (!(['item', 'from', 'to', 'location', 'notes', 'handledAt'] as const).some((key) => typeof stored[key] === 'string')) return null;
      // A time nobody typed is "now" when the form opens again, not when it was first opened: a draft finished the
      // next day must not record yesterday's time. A typed one: the instant first (the same moment whatever this
      // computer's zone is now), else the field as it was shown.
      // Its offset then is kept with it (older drafts have none: this computer's, as they were restored before).
      const utc = text('handledAtUtc');
      const typed = keptMoment(utc, stored.handledAtOffset) ?? keptMoment(utc, computerOffsetAt(Date.parse(utc)));
      const handled = !flag('handledAtEdited') ? handledFields(blank.handledAt, now.time)
        : typed ? handledFields(localValueAt(Date.parse(typed.utc)), typed)
          : handledFields(isTime(text('handledAt')) ? text('handledAt') : '', localTimeOf(text('handledAt'), null));
      const action = isLinkAction(stored.action) ? stored.action : blank.action;
      const then = stateAt(item, handledTimeOf(handled));
      const follows = (key: 'from' | 'location', fallback: string | undefined) => (flag(`${key}Edited`) ? text(key) : (fallback ?? text(key)));
      const followingTo = item ? (action === 'examined' ? (then?.holder ?? text('to')) : '') : me;
      return {
        item: item ? '' : text('item'), action, from: follows('from', then?.holder), fromEdited: flag('fromEdited'), to: flag('toEdited') ? text('to') : followingTo,
        toEdited: flag('toEdited'), location: follows('location', then?.location), locationEdited: flag('locationEdited'), ...handled,
        handledAtEdited: flag('handledAtEdited'), sha256: SHA256.test(text('sha256')) ? text('sha256') : '', notes: text('notes'),
      };
    },
  };
}

export interface EvidenceFormProps {
  incidentId: string;
  /** The item a link is recorded for; absent when a new item is collected. */
  item?: EvidenceItem;
  files: readonly StoredAttachment[];
  /** The person at the keyboard: the collector by default. */
  me: string;
  repo: CustodyRepository;
  panelRef: RefObject<HTMLElement | null>;
  onDone: () => void;
}

export function EvidenceForm({ incidentId, item, files, me, repo, panelRef, onDone }: EvidenceFormProps) {
  const collecting = item === undefined;
  const ending = item?.ending ?? null;
  // Fixed at opening; what is typed is kept as this person's draft for this item (or for a new item of this incident),
  // so Escape, Back, another incident, a reload or a power loss lose nothing.
  const [shape] = useState(() => evidenceDraftShape(item, me));
  const place = evidenceDraftPlace(incidentId, item?.itemId);
  const draft = useEntryDraft(place.kind, place.incidentId, shape);
  const values = draft.values;
  const { action, from, to, location, handledAt, sha256, notes } = values;
  // An ended chain still takes links handled before its end (late paperwork), but not a second ending. A restored
  // draft's ending stays shown (chosen before another device ended the chain): the save then says why it is refused.
  const actions = ending ? CUSTODY_LINK_ACTIONS.filter((option) => !isFinalCustodyAction(option) || option === action) : CUSTODY_LINK_ACTIONS;
  // A link starts from the item's state at its Handled at: handed over by whoever held it then, kept where it was then.
  // Late paperwork (handled before later links) must not inherit where the item is now, so these follow Handled at
  // until the person types into them; what they typed is kept.
  const handledTime = handledTimeOf(values);
  const state = stateAt(item, handledTime);
  const [errors, setErrors] = useState<Errors>({});
  const { busy, run } = useBusy();
  const focusFirstInvalid = useFocusFirstInvalid(panelRef);
  const timeRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const shownAction: CustodyAction = collecting ? 'collected' : action;
  const toLabel = TO_LABELS[shownAction];

  /** A person's edit, into the draft. While the entry saves the form waits: an edit then would go with its draft. */
  function change(patch: Partial<EvidenceDraft>) {
    if (busy) return;
    draft.update({ ...values, ...patch });
    setErrors({});
  }

  function chooseAction(next: CustodyLinkAction) {
    // Until "To" is typed, it follows the action: an examination leaves the item with its holder then, the rest name someone new.
    change(values.toEdited ? { action: next } : { action: next, to: next === 'examined' ? (state?.holder ?? '') : '' });
  }

  /** A typed Handled at, or a chosen pass of a repeated one; within a repeated hour whose pass was set, that pass stays. */
  function chooseHandledAt(value: string, chosen?: ZonedTime) {
    const time = chosen ?? retypedLocalTime(handledAt, handledTime, value);
    const patch: Partial<EvidenceDraft> = { ...handledFields(value, time), handledAtEdited: true };
    // A half-typed or out-of-chain time gives no state: the fields keep what they had.
    const then = stateAt(item, time);
    if (then) {
      if (!values.fromEdited) patch.from = then.holder;
      if (!values.locationEdited) patch.location = then.location;
      if (!values.toEdited && action === 'examined') patch.to = then.holder;
    }
    change(patch);
  }

  function refuse(next: Errors) {
    setErrors(next);
    focusFirstInvalid();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    // A half-typed date-time reads as ''; say so instead of sending no time.
    if (timeRef.current?.validity.badInput || handledAt === '') return refuse({ handledAt: 'Enter the date and time the item was handled.' });
    if (!handledTime) return refuse({ handledAt: localTimeProblem(handledAt, null) ?? 'Enter the date and time the item was handled.' });
    const common = { from, location, handledAt: handledTime, sha256: sha256 === '' ? null : sha256, notes };
    const result = await run(async () => {
      // The latest keystrokes reach the draft first, so a refused save still leaves an up-to-date draft.
      await draft.flush();
      return collecting
        ? repo.collect(incidentId, { ...common, item: values.item, to })
        : repo.record(incidentId, { ...common, itemId: item.itemId, action, to: toLabel === null ? '' : to });
    });
    if (!result) return;
    if (result.ok) {
      // Its transaction deleted the draft: nothing more is written for it.
      draft.saved();
      return onDone();
    }
    const field = result.error.field;
    refuse(field && FIELDS.includes(field) ? { [field]: result.error.message } : { form: result.error.message });
  }

  const describe = (field: Field) => ({
    id: `${id}-${field}`,
    'aria-invalid': errors[field] ? true : undefined,
    'aria-describedby': field === 'handledAt' ? handledAtDescription() : errors[field] ? `${id}-${field}-error` : undefined,
  });
  function handledAtDescription(): string {
    const ids = errors.handledAt ? [`${id}-handledAt-error`] : [`${id}-zone`, ...localTimeNoteIds(`${id}-handledAt`, handledTime), ...(ending ? [`${id}-ended`] : [])];
    return [...ids, ...(collecting ? [] : [`${id}-state`])].join(' ');
  }
  const error = (field: Field | 'form') => <FieldError id={`${id}-${field}-error`} message={errors[field]} />;

  return (
    <InlineDialog label={collecting ? 'Collect evidence' : `Record custody: ${item.item}`} panelRef={panelRef} onClose={onDone}>
      <form className="dialog-form evidence-form" onSubmit={submit} onKeyDown={submitOnCtrlEnter} onBlur={() => void draft.flush()} noValidate>
        {ending && (
          <p id={`${id}-ended`} className="hint evidence-form-ended">
            {`This chain ended: ${CUSTODY_ACTION_LABELS[ending.action].toLowerCase()} `}
            <time dateTime={ending.handledAt.utc}>{formatZoned(ending.handledAt)}</time>
            {'. Only what happened before then can be recorded.'}
          </p>
        )}
        {collecting ? (
          <div className="field">
            <label htmlFor={`${id}-item`}>Item</label>
            <input {...describe('item')} maxLength={LIMITS.shortText} value={values.item} placeholder="e.g. Laptop, serial 5CG1234" onChange={(e) => change({ item: e.target.value })} />
            {error('item')}
          </div>
        ) : (
          <div className="field">
            <label htmlFor={`${id}-action`}>Action</label>
            <select {...describe('action')} value={action} onChange={(e) => chooseAction(e.target.value as CustodyLinkAction)}>
              {actions.map((option) => <option key={option} value={option}>{CUSTODY_ACTION_LABELS[option]}</option>)}
            </select>
            {error('action')}
          </div>
        )}
        <div className="field-row evidence-people">
          <div className="field">
            <label htmlFor={`${id}-from`}>{collecting ? 'From (optional)' : 'From'}</label>
            <input {...describe('from')} maxLength={LIMITS.shortText} value={from} onChange={(e) => change({ from: e.target.value, fromEdited: true })} />
            {error('from')}
          </div>
          {toLabel !== null && (
            <div className="field">
              <label htmlFor={`${id}-to`}>{toLabel}</label>
              <input {...describe('to')} maxLength={LIMITS.shortText} value={to} onChange={(e) => change({ to: e.target.value, toEdited: true })} />
              {error('to')}
            </div>
          )}
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-location`}>Location</label>
            <input {...describe('location')} maxLength={LIMITS.shortText} value={location} placeholder="e.g. Evidence locker 2, IT office" onChange={(e) => change({ location: e.target.value, locationEdited: true })} />
            {error('location')}
          </div>
          <div className="field">
            <label htmlFor={`${id}-handledAt`}>Handled at</label>
            <input {...describe('handledAt')} ref={timeRef} type="datetime-local" {...LOCAL_TIME_BOUNDS} value={handledAt} onChange={(e) => chooseHandledAt(e.target.value)} />
            {errors.handledAt ? error('handledAt') : <span id={`${id}-zone`} className="hint">{localTimeHint(handledAt, handledTime)}</span>}
            <LocalTimeChoice id={`${id}-handledAt`} value={handledAt} time={handledTime} disabled={busy} onChoose={(pass) => chooseHandledAt(localValueAt(Date.parse(pass.utc)), pass)} />
            {!collecting && <span id={`${id}-state`} className="hint evidence-form-state">{handledTime ? stateText(state, item) : ''}</span>}
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${id}-sha256`}>File</label>
          <select {...describe('sha256')} value={sha256} onChange={(e) => change({ sha256: e.target.value })}>
            <option value="">No file</option>
            {files.map((file) => <option key={file.sha256} value={file.sha256}>{`${safeAttachmentName(file.name)} · ${shortHash(file.sha256)}`}</option>)}
            {/* A restored draft's file not (yet) listed here: shown by its hash rather than silently swapped for another. */}
            {sha256 !== '' && !files.some((file) => file.sha256 === sha256) && <option value={sha256}>{`File not on this device yet · ${shortHash(sha256)}`}</option>}
          </select>
          {files.length === 0 && <span className="hint">Files attached to the incident (with a note) can be linked here.</span>}
          {error('sha256')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-notes`}>Notes</label>
          <textarea {...describe('notes')} rows={2} maxLength={LIMITS.note} value={notes} onChange={(e) => change({ notes: e.target.value })} />
          {error('notes')}
        </div>
        {error('form')}
        <div className="actions">
          <button type="submit" className="primary" aria-disabled={busy || undefined}>{busy ? 'Saving…' : collecting ? 'Collect item' : 'Record custody'}</button>
          <button type="button" onClick={onDone}>Back</button>
          <DraftNote draft={draft} />
        </div>
      </form>
    </InlineDialog>
  );
}

/** "At that time: held by Dana at Facilities office, desk drawer", or why there is no state to tell. */
function stateText(state: CustodyState | null, item: EvidenceItem): string {
  if (state === null) return `At that time: not collected yet (collected ${formatZoned(item.chain[0]!.handledAt)})`;
  const where = state.location ? `at ${state.location}` : 'location not recorded';
  return state.holder ? `At that time: held by ${state.holder} ${state.location ? where : `(${where})`}` : `At that time: not held by anyone, ${where}`;
}

/** A complete datetime-local value (a half-typed one reads as ''). */
function isTime(value: string): boolean {
  return value !== '' && !Number.isNaN(new Date(value).getTime());
}

/** The first 12 hex digits: enough to tell files apart and to compare with a hash written down elsewhere. */
export function shortHash(sha256: string): string {
  return `${sha256.slice(0, 12)}…`;
}
