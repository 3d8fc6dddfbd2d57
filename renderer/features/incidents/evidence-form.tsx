// The form that collects an evidence item or records one link of its chain of custody, in an inline dialog.
import { useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { CUSTODY_ACTION_LABELS, formatUtcOffset, LIMITS, type CustodyAction } from '../../../shared/domain';
import { CUSTODY_LINK_ACTIONS, custodyStateAt, isFinalCustodyAction, type CustodyLinkAction, type CustodyState, type EvidenceItem } from '../../../shared/domain/custody';
import type { StoredAttachment } from '../../db/attachments-stored';
import type { CustodyRepository } from '../../db/custody';
import { zonedFromLocalValue } from '../capture/incident-times';
import { formatZoned, toDateTimeLocalValue } from '../format';
import { useBusy } from '../use-busy';
import { FieldError, InlineDialog, useFocusFirstInvalid } from './inline-dialog';

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
  // An ended chain still takes links handled before its end (late paperwork), but not a second ending.
  const actions = ending ? CUSTODY_LINK_ACTIONS.filter((option) => !isFinalCustodyAction(option)) : CUSTODY_LINK_ACTIONS;
  const [action, setAction] = useState<CustodyLinkAction>('transferred');
  const [description, setDescription] = useState('');
  const [handledAt, setHandledAt] = useState(() => toDateTimeLocalValue(Date.now()));
  // A link starts from the item's state at its Handled at: handed over by whoever held it then, kept where it was then.
  // Late paperwork (handled before later links) must not inherit where the item is now, so these follow Handled at
  // until the person types into them; what they typed is kept.
  const stateAt = (value: string): CustodyState | null => (item && isTime(value) ? custodyStateAt(item.chain, zonedFromLocalValue(value)) : null);
  const [initial] = useState(() => stateAt(handledAt));
  const [from, setFrom] = useState(initial?.holder ?? '');
  const [fromEdited, setFromEdited] = useState(false);
  const [to, setTo] = useState(collecting ? me : '');
  const [toEdited, setToEdited] = useState(false);
  const [location, setLocation] = useState(initial?.location ?? '');
  const [locationEdited, setLocationEdited] = useState(false);
  const state = stateAt(handledAt);
  const [sha256, setSha256] = useState('');
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const { busy, run } = useBusy();
  const focusFirstInvalid = useFocusFirstInvalid(panelRef);
  const timeRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const shownAction: CustodyAction = collecting ? 'collected' : action;
  const toLabel = TO_LABELS[shownAction];

  const edit = (set: (value: string) => void) => (value: string) => {
    set(value);
    setErrors({});
  };

  function chooseAction(next: CustodyLinkAction) {
    setAction(next);
    setErrors({});
    // Until "To" is typed, it follows the action: an examination leaves the item with its holder then, the rest name someone new.
    if (!toEdited) setTo(next === 'examined' ? (state?.holder ?? '') : '');
  }

  function chooseHandledAt(value: string) {
    setHandledAt(value);
    setErrors({});
    // A half-typed or out-of-chain time gives no state: the fields keep what they had.
    const then = stateAt(value);
    if (!then) return;
    if (!fromEdited) setFrom(then.holder);
    if (!locationEdited) setLocation(then.location);
    if (!toEdited && action === 'examined') setTo(then.holder);
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
    const common = { from, location, handledAt: zonedFromLocalValue(handledAt), sha256: sha256 === '' ? null : sha256, notes };
    const result = await run(() =>
      collecting
        ? repo.collect(incidentId, { ...common, item: description, to })
        : repo.record(incidentId, { ...common, itemId: item.itemId, action, to: toLabel === null ? '' : to }),
    );
    if (!result) return;
    if (result.ok) return onDone();
    const field = result.error.field;
    refuse(field && FIELDS.includes(field) ? { [field]: result.error.message } : { form: result.error.message });
  }

  const describe = (field: Field) => ({
    id: `${id}-${field}`,
    'aria-invalid': errors[field] ? true : undefined,
    'aria-describedby': field === 'handledAt' ? handledAtDescription() : errors[field] ? `${id}-${field}-error` : undefined,
  });
  function handledAtDescription(): string {
    const ids = errors.handledAt ? [`${id}-handledAt-error`] : [`${id}-zone`, ...(ending ? [`${id}-ended`] : [])];
    return [...ids, ...(collecting ? [] : [`${id}-state`])].join(' ');
  }
  const error = (field: Field | 'form') => <FieldError id={`${id}-${field}-error`} message={errors[field]} />;

  return (
    <InlineDialog label={collecting ? 'Collect evidence' : `Record custody: ${item.item}`} panelRef={panelRef} onClose={onDone}>
      <form className="dialog-form evidence-form" onSubmit={submit} noValidate>
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
            <input {...describe('item')} maxLength={LIMITS.shortText} value={description} placeholder="e.g. Laptop, serial 5CG1234" onChange={(e) => edit(setDescription)(e.target.value)} />
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
            <input {...describe('from')} maxLength={LIMITS.shortText} value={from} onChange={(e) => { setFromEdited(true); edit(setFrom)(e.target.value); }} />
            {error('from')}
          </div>
          {toLabel !== null && (
            <div className="field">
              <label htmlFor={`${id}-to`}>{toLabel}</label>
              <input {...describe('to')} maxLength={LIMITS.shortText} value={to} onChange={(e) => { setToEdited(true); edit(setTo)(e.target.value); }} />
              {error('to')}
            </div>
          )}
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-location`}>Location</label>
            <input {...describe('location')} maxLength={LIMITS.shortText} value={location} placeholder="e.g. Evidence locker 2, IT office" onChange={(e) => { setLocationEdited(true); edit(setLocation)(e.target.value); }} />
            {error('location')}
          </div>
          <div className="field">
            <label htmlFor={`${id}-handledAt`}>Handled at</label>
            <input {...describe('handledAt')} ref={timeRef} type="datetime-local" value={handledAt} onChange={(e) => chooseHandledAt(e.target.value)} />
            {errors.handledAt ? error('handledAt') : <span id={`${id}-zone`} className="hint">{`This computer’s time (${formatUtcOffset(-new Date().getTimezoneOffset())})`}</span>}
            {!collecting && <span id={`${id}-state`} className="hint evidence-form-state">{isTime(handledAt) ? stateText(state, item) : ''}</span>}
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${id}-sha256`}>File</label>
          <select {...describe('sha256')} value={sha256} onChange={(e) => edit(setSha256)(e.target.value)}>
            <option value="">No file</option>
            {files.map((file) => <option key={file.sha256} value={file.sha256}>{`${file.name} · ${shortHash(file.sha256)}`}</option>)}
          </select>
          {files.length === 0 && <span className="hint">Files attached to the incident (with a note) can be linked here.</span>}
          {error('sha256')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-notes`}>Notes</label>
          <textarea {...describe('notes')} rows={2} maxLength={LIMITS.note} value={notes} onChange={(e) => edit(setNotes)(e.target.value)} />
          {error('notes')}
        </div>
        {error('form')}
        <div className="actions">
          <button type="submit" className="primary" aria-disabled={busy || undefined}>{busy ? 'Saving…' : collecting ? 'Collect item' : 'Record custody'}</button>
          <button type="button" onClick={onDone}>Back</button>
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
