// The small form under a logged communication that records its reply (HICS 213 "reply"): text, who replied, when, action taken; half-typed ones stay as drafts.
import { useId, useState, type FormEvent } from 'react';
import type { TimelineEvent, ZonedTime } from '../../../shared/domain';
import type { CommunicationEvent } from '../../../shared/domain/communication-reply';
import { useServices } from '../../app/services';
import { recordReply, replyDraftPlace } from '../../db/communication-reply-record';
import { keptMoment, LOCAL_TIME_BOUNDS, localNow, localTimeOf, localTimeProblem, localValueAt, retypedLocalTime } from '../local-time';
import { LocalTimeChoice, localTimeHint, localTimeNoteIds } from '../local-time-choice';
import { submitOnCtrlEnter } from '../submit-on-ctrl-enter';
import { useBusy } from '../use-busy';
import { DraftNote } from './draft-note';
import { useEntryDraft, type EntryDraftShape } from './use-entry-draft';

type Field = 'text' | 'from' | 'repliedAt' | 'actionTaken';
const FIELDS: readonly string[] = ['text', 'from', 'repliedAt', 'actionTaken'];

/**
 * What the draft keeps: the fields, whether "Replied by" was typed (else it follows the message's recipient), and
 * whether "Reply received" is kept (else it shows when the form opened). Any edit keeps the time shown, so a draft
 * finished an hour later still says when the reply came, not when the typing resumed. Beside the time's text, the
 * moment it meant (repliedAtUtc, '' when none) and the offset it was typed at: a draft finished on another clock
 * keeps that moment. Drafts kept before those read their text on this computer's clock, as before.
 */
type ReplyDraft = Record<Field, string> & { fromEdited: boolean; repliedAtKept: boolean; repliedAtUtc: string; repliedAtOffset: number };

const REPLY_DRAFT: EntryDraftShape<ReplyDraft> = {
  blank: { text: '', from: '', fromEdited: false, repliedAt: '', repliedAtKept: false, repliedAtUtc: '', repliedAtOffset: 0, actionTaken: '' },
  // The time alone is not worth a draft: it has a default.
  isBlank: (v) => v.text.trim() === '' && v.actionTaken.trim() === '' && (!v.fromEdited || v.from.trim() === ''),
  parse: (stored) => {
    const text = (key: string) => (typeof stored[key] === 'string' ? stored[key] : '');
    const moment = keptMoment(stored.repliedAtUtc, stored.repliedAtOffset);
    return {
      text: text('text'), from: text('from'), fromEdited: stored.fromEdited === true, repliedAtKept: stored.repliedAtKept === true, actionTaken: text('actionTaken'),
      repliedAt: moment ? localValueAt(Date.parse(moment.utc)) : text('repliedAt'),
      repliedAtUtc: moment?.utc ?? '', repliedAtOffset: moment?.offsetMinutes ?? 0,
    };
  },
};

/** The moment a draft kept for its time, or null. */
function draftMoment(draft: ReplyDraft): ZonedTime | null {
  return draft.repliedAtUtc === '' ? null : { utc: draft.repliedAtUtc, offsetMinutes: draft.repliedAtOffset };
}

/** `onDone(saved)`: the reply was saved (the entry shows it), or the person went back without saving (the draft stays). */
export function CommunicationReplyForm({ incidentId, communication, onDone }: { incidentId: string; communication: CommunicationEvent; onDone: (saved: TimelineEvent | null) => void }) {
  const { db } = useServices();
  const place = replyDraftPlace(incidentId, communication.id);
  const draft = useEntryDraft(place.kind, place.incidentId, REPLY_DRAFT);
  const [openedAt] = useState(() => localNow(Date.now()));
  const stored = draft.values;
  // Who answers a message is, most often, the one it was sent to.
  const values: Record<Field, string> = { ...stored, from: stored.fromEdited ? stored.from : communication.to, repliedAt: stored.repliedAtKept ? stored.repliedAt : openedAt.value };
  // The moment the time stands for: the form's opening "now" left alone, a chosen pass of a repeated hour, a draft's.
  const repliedTime = stored.repliedAtKept ? localTimeOf(stored.repliedAt, draftMoment(stored)) : openedAt.time;
  const [errors, setErrors] = useState<Partial<Record<Field | 'form', string>>>({});
  const { busy, run } = useBusy();
  const id = useId();

  const update = (key: Field, value: string, chosen?: ZonedTime) => {
    // While it saves, the form waits: an edit then would be cleared with the saved reply.
    if (busy) return;
    // A changed time is read anew; within a repeated hour whose pass was set, that pass stays.
    const time = key !== 'repliedAt' ? repliedTime : (chosen ?? retypedLocalTime(values.repliedAt, repliedTime, value));
    draft.update({ ...values, fromEdited: stored.fromEdited || key === 'from', repliedAtKept: true, [key]: value, repliedAtUtc: time?.utc ?? '', repliedAtOffset: time?.offsetMinutes ?? 0 });
    setErrors({});
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const time = event.currentTarget.querySelector<HTMLInputElement>(`#${CSS.escape(`${id}-repliedAt`)}`);
    // A half-typed date-time reads as '': it must not be taken for "no time".
    if (time?.validity.badInput || values.repliedAt === '') return setErrors({ repliedAt: 'Enter the date and time the reply came.' });
    if (!repliedTime) return setErrors({ repliedAt: localTimeProblem(values.repliedAt, null) ?? 'Enter the date and time the reply came.' });
    const repliedAt = repliedTime;
    const result = await run(async () => {
      // A refused save leaves an up-to-date draft (the save itself deletes it in its transaction).
      await draft.flush();
      return recordReply(db, incidentId, communication.id, { text: values.text, from: values.from, repliedAt, actionTaken: values.actionTaken });
    });
    if (!result) return;
    if (result.ok) {
      draft.saved();
      return onDone(result.value);
    }
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
          <input {...describe('repliedAt')} aria-describedby={errors.repliedAt ? `${id}-repliedAt-error` : [`${id}-repliedAt-zone`, ...localTimeNoteIds(`${id}-repliedAt`, repliedTime)].join(' ')}
            type="datetime-local" {...LOCAL_TIME_BOUNDS} value={values.repliedAt} onChange={(e) => update('repliedAt', e.target.value)} />
          {errors.repliedAt ? error('repliedAt') : <span id={`${id}-repliedAt-zone`} className="hint">{localTimeHint(values.repliedAt, repliedTime)}</span>}
          <LocalTimeChoice id={`${id}-repliedAt`} value={values.repliedAt} time={repliedTime} disabled={busy} onChoose={(pass) => update('repliedAt', localValueAt(Date.parse(pass.utc)), pass)} />
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
        <DraftNote draft={draft} />
      </div>
    </form>
  );
}
