// Logs a communication (HICS 213 shape: direction, from, to, channel, message) as a timeline entry.
import { useBusy } from '../use-busy';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { CommunicationDirection, CommunicationInput } from '../../../shared/domain';
import { useServices } from '../../app/services';
import { useCurrentUser } from '../../db';
import { useReference } from '../reference/use-reference';

type Errors = Partial<Record<keyof CommunicationInput | 'form', string>>;

/**
 * Open and closed by the parent, so the header's "Log update" (stakeholder update due) can open it too: `focusRequest`
 * changes each time someone asks for it, which brings the form into view and puts the cursor in "To".
 */
export function CommunicationForm({ incidentId, open, onOpenChange, focusRequest = 0 }: {
  incidentId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  focusRequest?: number;
}) {
  const toggle = useRef<HTMLButtonElement>(null);
  const close = () => {
    onOpenChange(false);
    // The form goes away: the cursor goes back to the button that opens it, not to the top of the page.
    toggle.current?.focus();
  };
  return (
    <div className="communication">
      <button ref={toggle} type="button" aria-expanded={open} onClick={() => onOpenChange(!open)}>
        Log communication
      </button>
      {open && <Form incidentId={incidentId} focusRequest={focusRequest} onDone={close} />}
    </div>
  );
}

function Form({ incidentId, focusRequest, onDone }: { incidentId: string; focusRequest: number; onDone: () => void }) {
  const { incidents } = useServices();
  const reference = useReference();
  const me = useCurrentUser()?.name ?? '';
  const [values, setValues] = useState<CommunicationInput>({ direction: 'outgoing', from: '', to: '', channel: reference.channel[0] ?? '', message: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [fromEdited, setFromEdited] = useState(false);
  const { busy, run } = useBusy();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  // Asked for again as a stakeholder update ("Log update"): that is an outgoing message, whatever the form held.
  // Adjusted while rendering (React's pattern for state that follows a prop), not in an effect.
  const [handledRequest, setHandledRequest] = useState(focusRequest);
  if (focusRequest !== handledRequest) {
    setHandledRequest(focusRequest);
    if (values.direction !== 'outgoing') setValues({ ...values, direction: 'outgoing' });
  }
  useEffect(() => {
    if (focusRequest === 0) return;
    formRef.current?.scrollIntoView?.({ block: 'nearest' });
    formRef.current?.querySelector<HTMLInputElement>(`#${CSS.escape(`${id}-to`)}`)?.focus();
  }, [focusRequest, id]);
  const update = (key: keyof CommunicationInput, value: string) => {
    if (key === 'from') setFromEdited(true);
    setValues((v) => ({ ...v, [key]: value }));
    setErrors({});
  };
  // "From" defaults to the person at the keyboard for outgoing messages, until someone types there.
  const from = !fromEdited && values.direction === 'outgoing' ? me : values.from;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await run(() => incidents.logCommunication(incidentId, { ...values, from }));
    if (!result) return;
    if (result.ok) onDone();
    else {
      const field = result.error.field as keyof CommunicationInput | undefined;
      setErrors(field && ['from', 'to', 'channel', 'message', 'direction'].includes(field) ? { [field]: result.error.message } : { form: result.error.message });
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
      onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); onDone(); } }}>
      <div className="field-row three">
        <div className="field">
          <label htmlFor={`${id}-direction`}>Direction</label>
          <select {...describe('direction')} value={values.direction} onChange={(e) => update('direction', e.target.value as CommunicationDirection)}>
            <option value="outgoing">Outgoing</option>
            <option value="incoming">Incoming</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-from`}>From</label>
          <input {...describe('from')} maxLength={200} value={from} onChange={(e) => update('from', e.target.value)} />
          {error('from')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>To</label>
          <input {...describe('to')} maxLength={200} value={values.to} onChange={(e) => update('to', e.target.value)} />
          {error('to')}
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-channel`}>Channel</label>
        <select {...describe('channel')} value={values.channel} onChange={(e) => update('channel', e.target.value)}>
          {reference.channel.map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
        {error('channel')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-message`}>Message</label>
        <textarea {...describe('message')} rows={3} value={values.message} onChange={(e) => update('message', e.target.value)} />
        {error('message')}
      </div>
      {error('form')}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>Save communication</button>
        <button type="button" onClick={onDone}>Back</button>
      </div>
    </form>
  );
}
