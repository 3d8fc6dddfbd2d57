// The small form under a logged communication that records its reply (HICS 213 "reply"): text, who replied, when, action taken.
import { useId, useState, type FormEvent } from 'react';
import { formatUtcOffset, type TimelineEvent } from '../../../shared/domain';
import type { CommunicationEvent } from '../../../shared/domain/communication-reply';
import { useServices } from '../../app/services';
import { recordReply } from '../../db/communication-reply-record';
import { zonedFromLocalValue } from '../capture/incident-times';
import { toDateTimeLocalValue } from '../format';
import { submitOnCtrlEnter } from '../submit-on-ctrl-enter';
import { useBusy } from '../use-busy';

type Field = 'text' | 'from' | 'repliedAt' | 'actionTaken';
const FIELDS: readonly string[] = ['text', 'from', 'repliedAt', 'actionTaken'];

/** `onDone(saved)`: the reply was saved (the entry shows it), or the person went back without saving. */
export function CommunicationReplyForm({ incidentId, communication, onDone }: { incidentId: string; communication: CommunicationEvent; onDone: (saved: TimelineEvent | null) => void }) {
  const { db } = useServices();
  // Who answers a message is, most often, the one it was sent to.
  const [values, setValues] = useState<Record<Field, string>>(() => ({ text: '', from: communication.to, repliedAt: toDateTimeLocalValue(Date.now()), actionTaken: '' }));
  const [errors, setErrors] = useState<Partial<Record<Field | 'form', string>>>({});
  const { busy, run } = useBusy();
  const id = useId();

  const update = (key: Field, value: string) => {
    if (busy) return;
    setValues((current) => ({ ...current, [key]: value }));
    setErrors({});
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const time = event.currentTarget.querySelector<HTMLInputElement>(`#${CSS.escape(`${id}-repliedAt`)}`);
    // A half-typed date-time reads as '': it must not be taken for "no time".
    if (time?.validity.badInput || values.repliedAt === '') return setErrors({ repliedAt: 'Enter the date and time the reply came.' });
    const result = await run(() => recordReply(db, incidentId, communication.id, { text: values.text, from: values.from, repliedAt: zonedFromLocalValue(values.repliedAt), actionTaken: values.actionTaken }));
    if (!result) return;
    if (result.ok) return onDone(result.value);
    const field = result.error.field;
    setErrors(field !== undefined && FIELDS.includes(field) ? { [field]: result.error.message } : { form: result.error.message });
  }

  const describe = (key: Field) => ({
    id: `${id}-${key}`,
    'aria-invalid': errors[key] ? true : undefined,
    'aria-describedby': errors[key] ? `${id}-${key}-error` : undefined,
  });
  const error = (key: Field | 'form') => (errors[key] ? <p id={`${id}-${key}-error`} role="alert" className="field-error">{errors[key]}</p> : null);

  return (
    <form className="reply-form" aria-label="Reply to the message" onSubmit={(e) => void submit(e)} noValidate
      onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); if (!busy) onDone(null); } else submitOnCtrlEnter(e); }}>
      <div className="field">
        <label htmlFor={`${id}-text`}>Reply</label>
        <textarea {...describe('text')} rows={2} autoFocus value={values.text} onChange={(e) => update('text', e.target.value)} />
        {error('text')}
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-from`}>Replied by</label>
          <input {...describe('from')} maxLength={200} value={values.from} onChange={(e) => update('from', e.target.value)} />
          {error('from')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-repliedAt`}>Reply received</label>
          <input {...describe('repliedAt')} aria-describedby={errors.repliedAt ? `${id}-repliedAt-error` : `${id}-repliedAt-zone`} type="datetime-local" value={values.repliedAt} onChange={(e) => update('repliedAt', e.target.value)} />
          {errors.repliedAt ? error('repliedAt') : <span id={`${id}-repliedAt-zone`} className="hint">{`This computer’s time (${formatUtcOffset(-new Date().getTimezoneOffset())})`}</span>}
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-actionTaken`}>Action taken (optional)</label>
        <textarea {...describe('actionTaken')} rows={2} value={values.actionTaken} onChange={(e) => update('actionTaken', e.target.value)} />
        {error('actionTaken')}
      </div>
      {error('form')}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>Save reply</button>
        <button type="button" onClick={() => onDone(null)} disabled={busy}>Back</button>
        <span className="hint">Ctrl+Enter</span>
      </div>
    </form>
  );
}
