// Change status: offers only the transitions the lifecycle allows from here and asks for exactly what each one requires.
import { useId, useState, type FormEvent } from 'react';
import { allowedTransitions, STATUS_LABELS, type Incident, type Status, type TransitionField, type TransitionInput } from '../../../shared/domain';
import { useServices } from '../../app/services';
import { addReferenceValue } from '../../db';
import { useReference } from '../reference/use-reference';
import { FieldError, InlineDialog } from './inline-dialog';

type Values = Required<Omit<TransitionInput, 'duplicateOf'>> & { duplicateNumber: string };
type Errors = Partial<Record<TransitionField | 'duplicateOf' | 'form', string>>;

const EMPTY: Values = { assignee: '', team: '', holdReason: '', resolutionCode: '', resolutionNotes: '', cancelReason: '', reopenReason: '', duplicateNumber: '' };
const CANCEL_SUGGESTIONS = ['Logged in error', 'Duplicate', 'Test or drill entry', 'Not an incident'];

export function StatusDialog({ incident }: { incident: Incident }) {
  const [open, setOpen] = useState(false);
  const rules = allowedTransitions(incident.status);
  if (rules.length === 0) {
    return (
      <button type="button" disabled title={`${STATUS_LABELS[incident.status]} is final; add a note instead.`}>
        Change status
      </button>
    );
  }
  return (
    <>
      <button type="button" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        Change status
      </button>
      {open && <StatusForm incident={incident} onDone={() => setOpen(false)} />}
    </>
  );
}

function StatusForm({ incident, onDone }: { incident: Incident; onDone: () => void }) {
  const { incidents, db } = useServices();
  const reference = useReference();
  const rules = allowedTransitions(incident.status);
  const [to, setTo] = useState<Status>(rules[0]!.to);
  const [values, setValues] = useState<Values>(() => ({ ...EMPTY, team: incident.team ?? '', assignee: incident.assignee ?? '' }));
  const [errors, setErrors] = useState<Errors>({});
  const [saving, setSaving] = useState(false);
  const id = useId();
  const rule = rules.find((r) => r.to === to) ?? rules[0]!;
  const needs = new Set<TransitionField>(rule.requires);

  const update = (key: keyof Values, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors({});
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
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
          setErrors({ duplicateOf: `No incident numbered ${number.slice(0, 40)} is on this computer.` });
          return;
        }
        input.duplicateOf = survivor.id;
      }
    }
    if (needs.has('reopenReason')) input.reopenReason = values.reopenReason;
    setSaving(true);
    const result = await incidents.changeStatus(incident.id, rule.to, input);
    setSaving(false);
    if (!result.ok) {
      const field = result.error.field;
      const known = field && ['assignment', 'assignee', 'team', 'holdReason', 'resolutionCode', 'resolutionNotes', 'cancelReason', 'reopenReason', 'duplicateOf'].includes(field);
      const key = field === 'assignee' || field === 'team' ? 'assignment' : field;
      setErrors(known && key ? { [key]: result.error.message } : { form: result.error.message });
      return;
    }
    if (needs.has('assignment') && values.assignee.trim()) void addReferenceValue(db, 'person', values.assignee);
    onDone();
  }

  const fieldProps = (key: TransitionField | 'duplicateOf') => ({
    id: `${id}-${key}`,
    'aria-invalid': errors[key] ? true : undefined,
    'aria-describedby': errors[key] ? `${id}-${key}-error` : undefined,
  });

  return (
    <InlineDialog label="Change status" onClose={onDone}>
      <form onSubmit={submit} noValidate className="dialog-form">
        <div className="field">
          <label htmlFor={`${id}-to`}>New status</label>
          <select id={`${id}-to`} value={to} onChange={(e) => { setTo(e.target.value as Status); setErrors({}); }}>
            {rules.map((r) => (
              <option key={r.to} value={r.to}>{`${r.action} → ${STATUS_LABELS[r.to]}`}</option>
            ))}
          </select>
        </div>
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
              <input id={`${id}-assignee`} list={`${id}-people`} value={values.assignee} maxLength={200} autoComplete="off" onChange={(e) => update('assignee', e.target.value)} />
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
        <div className="actions">
          <button type="submit" className="primary" disabled={saving}>{saving ? 'Saving…' : rule.action}</button>
          <button type="button" onClick={onDone}>Back</button>
        </div>
      </form>
    </InlineDialog>
  );
}

/** The list plus the current value when it is no longer listed (so an old value still shows). */
function withCurrent(list: readonly string[], current: string): string[] {
  return current && !list.includes(current) ? [current, ...list] : [...list];
}
