// The after-action review on the incident detail: the current review's parts, who wrote it, and a form to write or revise it (kept as a draft).
import { useId, useMemo, useState, type FormEvent, type RefObject } from 'react';
import { LIMITS, PROBLEM_REF_MAX, REVIEW_FIELD_LABELS, type Incident, type ReviewFields, type TimelineEvent } from '../../../shared/domain';
import { canWriteReview, currentReview, REVIEW_PARTS, type CurrentReview } from '../../../shared/domain/review';
import { useServices } from '../../app/services';
import { createReviewRepository, type ReviewRepository } from '../../db/review';
import type { JsonObject } from '../../db';
import { formatZoned } from '../format';
import { useBusy } from '../use-busy';
import { DraftNote } from './draft-note';
import { FieldError, InlineDialog, useFocusFirstInvalid, useInlineDialog } from './inline-dialog';
import { useEntryDraft, type EntryDraftShape } from './use-entry-draft';
import './review.css';
import { submitOnCtrlEnter } from '../submit-on-ctrl-enter';

const EMPTY_FIELDS: ReviewFields = { whatHappened: '', whatWorked: '', whatToChange: '', rootCause: '', problemRef: '' };

/** The review's parts as a draft (a JSON object, as the drafts table stores them). */
type ReviewDraft = ReviewFields & JsonObject;

/**
 * The draft shape for a form opened on `initial` (the review in force, or blanks): a form left as it opened keeps no
 * draft, so reopening later shows the review as it is then. A part emptied on purpose is a change and is kept.
 */
function reviewDraftShape(initial: ReviewFields): EntryDraftShape<ReviewDraft> {
  return {
    blank: { ...initial },
    isBlank: (values) => REVIEW_PARTS.every((part) => values[part].trim() === initial[part].trim()),
    parse: (stored) => {
      if (!REVIEW_PARTS.some((part) => typeof stored[part] === 'string')) return null;
      const part = (key: keyof ReviewFields) => {
        const value = stored[key];
        return typeof value === 'string' ? value : '';
      };
      return { whatHappened: part('whatHappened'), whatWorked: part('whatWorked'), whatToChange: part('whatToChange'), rootCause: part('rootCause'), problemRef: part('problemRef') };
    },
  };
}

export function ReviewSection({ incident, events }: { incident: Incident; events: readonly TimelineEvent[] }) {
  const { db } = useServices();
  const repo = useMemo(() => createReviewRepository(db), [db]);
  // The entry just saved counts at once: the live query brings it a moment later, and meanwhile the section must not
  // flash back to the review it replaced (or to "No review yet").
  const [saved, setSaved] = useState<TimelineEvent | null>(null);
  // (Only for this incident: the same section may be showing another incident next.)
  const incidentId = incident.id;
  const review = useMemo(() => {
    const pending = saved !== null && saved.incidentId === incidentId && !events.some((event) => event.id === saved.id);
    return currentReview(pending ? [...events, saved] : events);
  }, [events, saved, incidentId]);
  const { open, toggle, close, openerRef, panelRef } = useInlineDialog();
  const headingId = useId();
  const writable = canWriteReview(incident);
  // An open form stays when the incident stops being writable (reopened on another laptop, then synced): its text is
  // what someone is typing, and goes on being kept as a draft until it can be saved.
  if (!writable && !review && !open) return null;

  return (
    <section className="review-section" aria-labelledby={headingId}>
      <h3 id={headingId}>After-action review</h3>
      {review ? <ReviewView review={review} /> : <p className="muted">No review yet. While it is fresh, write what happened, what worked and what to change.</p>}
      {writable || open ? (
        <button ref={openerRef} type="button" className="review-open" aria-expanded={open} onClick={toggle}>
          {review ? 'Revise review' : 'Write review'}
        </button>
      ) : (
        <p className="muted">
          {incident.status === 'cancelled' ? 'This incident is cancelled; its review can no longer be revised.' : 'The incident is open again; revise the review once it is resolved.'}
        </p>
      )}
      {open && <ReviewForm incidentId={incident.id} writable={writable} cancelled={incident.status === 'cancelled'} initial={review?.fields ?? EMPTY_FIELDS} revising={review !== null} repo={repo}
        panelRef={panelRef} onSaved={(event) => { setSaved(event); close(); }} onDone={close} />}
    </section>
  );
}

function ReviewView({ review }: { review: CurrentReview }) {
  const { revisions } = review;
  return (
    <>
      <dl className="review-parts">
        {REVIEW_PARTS.filter((part) => review.fields[part] !== '').map((part) => (
          <div key={part} className="review-part">
            <dt>{REVIEW_FIELD_LABELS[part]}</dt>
            {/* Plain text, never a link or HTML: a problem reference is shown as typed. */}
            <dd>{review.fields[part]}</dd>
          </div>
        ))}
      </dl>
      <p className="muted review-byline">
        {/* The entry in force names its own author: after a revision that is the reviser, not the first writer. */}
        {`${revisions > 0 ? 'Latest version by' : 'Written by'} ${review.by.name}${review.by.position ? ` · ${review.by.position}` : ''} · `}
        <time dateTime={review.at.utc}>{formatZoned(review.at)}</time>
        {revisions > 0 && ` · revised ${revisions} ${revisions === 1 ? 'time' : 'times'}`}
      </p>
    </>
  );
}

interface FormProps {
  incidentId: string;
  /** Saving is possible only while it is resolved or closed; otherwise the form waits, keeping the draft. */
  writable: boolean;
  cancelled: boolean;
  initial: ReviewFields;
  revising: boolean;
  repo: ReviewRepository;
  panelRef: RefObject<HTMLElement | null>;
  onSaved: (event: TimelineEvent) => void;
  onDone: () => void;
}

function ReviewForm({ incidentId, writable, cancelled, initial, revising, repo, panelRef, onSaved, onDone }: FormProps) {
  // Prefilled once, when the form opens: a review arriving by sync meanwhile does not overwrite what is being typed.
  // What is typed is kept as this person's draft for this incident: Escape, another incident, a reload or a crash
  // lose nothing, and the next opening brings it back over the prefill.
  const [shape] = useState(() => reviewDraftShape(initial));
  const draft = useEntryDraft('review', incidentId, shape);
  const fields = draft.values;
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const { busy: saving, run } = useBusy();
  const focusFirstInvalid = useFocusFirstInvalid(panelRef);
  const id = useId();
  const waiting = writable ? undefined : cancelled
    ? 'The incident was cancelled, so this review can no longer be saved. Your draft is kept on this computer; copy what you need.'
    : 'The incident was reopened; your draft is kept and can be saved once it is resolved again.';

  async function submit(event: FormEvent) {
    event.preventDefault();
    // Enter in a field submits too: refused here like the button, changing nothing.
    if (!writable) return;
    const result = await run(async () => {
      // The latest keystrokes reach the draft first, so a refused save still leaves an up-to-date draft.
      await draft.flush();
      return repo.write(incidentId, fields);
    });
    if (!result) return;
    if (result.ok) {
      // Its transaction deleted the draft: nothing more is written for it.
      draft.saved();
      onSaved(result.value);
    } else {
      setError({ ...(result.error.field !== undefined ? { field: result.error.field } : {}), message: result.error.message });
      focusFirstInvalid();
    }
  }

  const change = (part: keyof ReviewFields, value: string) => {
    // While it saves, the form waits: an edit then would be dropped with the saved review's draft.
    if (saving) return;
    draft.update({ ...fields, [part]: value });
    setError(null);
  };
  const fieldError = (part: keyof ReviewFields) => (error?.field === part ? error.message : undefined);
  const formError = error && !REVIEW_PARTS.includes(error.field as keyof ReviewFields) ? error.message : undefined;

  return (
    <InlineDialog label={revising ? 'Revise review' : 'Write review'} panelRef={panelRef} onClose={onDone}>
      <form onSubmit={submit} onKeyDown={submitOnCtrlEnter} onBlur={() => void draft.flush()} noValidate className="dialog-form review-form">
        <p className="muted review-hint">Only “What happened” is needed; add the rest as you know it.</p>
        {REVIEW_PARTS.map((part) => {
          const fieldId = `${id}-${part}`;
          const message = fieldError(part);
          const described = message ? { 'aria-invalid': true, 'aria-describedby': `${fieldId}-error` } : {};
          return (
            <div key={part} className="field">
              <label htmlFor={fieldId}>{REVIEW_FIELD_LABELS[part]}</label>
              {part === 'problemRef' ? (
                <input id={fieldId} type="text" value={fields[part]} maxLength={PROBLEM_REF_MAX} placeholder="e.g. PRB0012345" {...described}
                  onChange={(e) => change(part, e.target.value)} />
              ) : (
                <textarea id={fieldId} rows={part === 'whatHappened' ? 4 : 2} value={fields[part]} maxLength={LIMITS.note} {...described}
                  onChange={(e) => change(part, e.target.value)} />
              )}
              <FieldError id={`${fieldId}-error`} message={message} />
            </div>
          );
        })}
        <FieldError id={`${id}-form-error`} message={formError} />
        {waiting && <p id={`${id}-waiting`} role="status" className="review-waiting">{waiting}</p>}
        <div className="actions">
          {/* aria-disabled, not disabled: focus stays on the button when the status changes under it. */}
          <button type="submit" className="primary" aria-disabled={saving || !writable || undefined} aria-describedby={waiting ? `${id}-waiting` : undefined}>
            {saving ? 'Saving…' : 'Save review'}
          </button>
          <button type="button" onClick={onDone}>Cancel</button>
          <DraftNote draft={draft} />
        </div>
      </form>
    </InlineDialog>
  );
}
