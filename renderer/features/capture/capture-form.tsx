// The capture form: only the title is required; priority shown live; autosaved drafts, templates and attachments.
import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import {
  applyTitlePrefix,
  DEFAULT_ATTACHMENT_LIMIT_BYTES,
  DEFAULT_CATEGORIES,
  derivePriority,
  findTemplate,
  flattenCategoryPaths,
  formatPath,
  newId,
  PRIORITY_LABELS,
} from '../../../shared/domain';
import { useServices } from '../../app/services';
import { discardDraft, listDrafts, setDraftAside, useReferenceLists, type Draft, type RepoResult } from '../../db';
import { createCaptureRecorder } from '../../db/attachments-record';
import { submitOnCtrlEnter } from '../submit-on-ctrl-enter';
import { AttachmentPicker } from './attachment-picker';
import { FieldError, LevelSelect, TitleField } from './capture-fields';
import { blankValues, draftLabel, fromDraftValues, hasContent, isExercise, splitLongTitle, timeProblems, titleLengthProblem, toDraftValues, toRecordInput, withTimeChosen, withTimeText, type CaptureValues, type TimeKey } from './capture-values';
import { CaptureTimes } from './capture-times';
import type { ZonedTime } from '../../../shared/domain';
import { useDrillMode } from '../drill/use-drill-mode';
import '../drill/drill.css';
import { DraftsPanel } from './drafts-panel';
import { windowDraftClaims, type DraftClaims } from './draft-claims';
import { RecordingAs } from './recording-as';
import { DuplicateSuggestions } from '../incidents/duplicate-suggestions';
import { ChecklistPreview, TemplatePicker } from './template-picker';
import { useDraftAutosave } from './use-draft-autosave';
import { draftFailureText } from '../draft-failure';
import { DATABASE_CLOSED_MESSAGE } from '../../db/storage';
import { useDatabaseLossStore } from '../../store/database-loss-store';
import { announce } from '../../store/announce-store';
import { CaptureDraftBar, type DraftState } from './capture-draft-bar';
import { captureAsText } from './capture-copy';
import { claimNewestFreeDraft, useDraftClaim } from './use-draft-claim';
import { useFileDrop } from './use-file-drop';
import { usePendingAttachments } from './use-pending-attachments';
import './capture.css';

/** Until the reference lists load (a few ms), the seed categories; a template's category is always offered. */
const SEED_CATEGORY_OPTIONS = flattenCategoryPaths(DEFAULT_CATEGORIES).map(formatPath);
const KNOWN_FIELDS = new Set<string>(['title', 'description', 'category', 'site', 'impact', 'urgency', 'occurredAt', 'detectedAt', 'reportedAt', 'attachments']);

type FieldErrors = Partial<Record<keyof CaptureValues | 'attachments' | 'form', string>>;

interface CaptureFormProps {
  onSaved: (id: string) => void;
  onCancel: () => void;
  /** Largest file accepted, in bytes (25 MB unless the deployment says otherwise). */
  attachmentLimitBytes?: number;
  /** Which drafts this window works on (tests give each simulated window its own, on one shared lock manager). */
  claims?: DraftClaims;
}

export function CaptureForm({ onSaved, onCancel, attachmentLimitBytes = DEFAULT_ATTACHMENT_LIMIT_BYTES, claims = windowDraftClaims() }: CaptureFormProps) {
  const { db } = useServices();
  const record = useMemo(() => createCaptureRecorder(db), [db]);
  const [values, setValues] = useState<CaptureValues>(() => blankValues());
  const [draftId, setDraftId] = useState<string>(() => newId());
  const [dirty, setDirty] = useState(false);
  const [restoredAt, setRestoredAt] = useState<string | null>(null);
  // This form started its own draft because another window is recording one (each draft is worked in one window).
  const [separate, setSeparate] = useState(false);
  const [claimProblem, setClaimProblem] = useState<string | null>(null);
  const [draftProblem, setDraftProblem] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const touched = useRef(false);
  // Set before the save starts (state would lag a render): while it runs the fields take no typing, which the saved
  // incident would not hold and the draft, deleted by that save, must not keep.
  const savingNow = useRef(false);
  const titleRef = useRef<HTMLInputElement>(null);
  const saveRef = useRef<HTMLButtonElement>(null);
  const formErrorRef = useRef<HTMLParagraphElement>(null);
  const attachments = usePendingAttachments(attachmentLimitBytes);
  // A file dropped while the save runs would be in neither the saved incident nor a draft.
  const { dragging, handlers: dropHandlers } = useFileDrop((files) => {
    if (!savingNow.current) void attachments.add(files);
  });
  const drillOn = useDrillMode()?.on ?? false;
  const exercise = isExercise(values, drillOn);
  const ids = { exercise: useId(), title: useId(), description: useId(), category: useId(), site: useId(), impact: useId(), urgency: useId(), occurred: useId(), detected: useId(), reported: useId(), priority: useId(), sites: useId() };
  const priority = derivePriority(values.impact, values.urgency);
  const reference = useReferenceLists();
  const categoryOptions = withValue(reference?.category ?? SEED_CATEGORY_OPTIONS, values.category);
  const siteSuggestions = reference?.site ?? [];

  // The database gone (the banner's store, or a write refused as closed before it says so): the text is only in the form.
  const loss = useDatabaseLossStore((s) => s.loss);
  const lost = loss !== null || draftProblem === DATABASE_CLOSED_MESSAGE || errors.form === DATABASE_CLOSED_MESSAGE;
  const draftState: DraftState | null =
    lost ? (dirty || restoredAt || hasContent(values) ? { kind: 'lost', loss } : null)
    : !(restoredAt || dirty) ? null
    : draftProblem ? { kind: 'not-kept' }
    : restoredAt ? { kind: 'restored', at: restoredAt }
    : { kind: 'kept' };

  const draftValues = useMemo(() => (dirty && hasContent(values) ? toDraftValues(values) : null), [dirty, values]);
  const onDraftResult = useCallback((result: RepoResult<unknown>) => setDraftProblem(result.ok ? null : result.error.message), []);
  const autosave = useDraftAutosave(db, draftId, draftValues, onDraftResult);
  const claim = useDraftClaim(claims, draftId);

  const load = useCallback((draft: Draft) => {
    setValues(fromDraftValues(draft.values));
    setDraftId(draft.id);
    setDirty(false);
    setErrors({});
    setRestoredAt(draft.updatedAt);
    setSeparate(false);
    setClaimProblem(null);
  }, []);

  useEffect(() => titleRef.current?.focus(), []);
  // A refusal for the whole form shows at its top, out of sight of the Save button pressed at its foot (jsdom has no scrolling).
  useEffect(() => {
    if (errors.form) formErrorRef.current?.scrollIntoView?.({ block: 'center' });
  }, [errors.form]);

  // After a crash or reload, carry on with the newest draft no other window has open, unless the person has already
  // started typing. A draft another window has open stays there: this window starts its own, and says so. A draft the
  // person left the form with (set aside) waits in the Drafts list: restored into a form opened for a new call, the
  // new typing ran on from its title ("Water leak ward 3Fire alarm panel fault").
  useEffect(() => {
    let current = true;
    void listDrafts(db)
      .then((drafts) => claimNewestFreeDraft(drafts.filter((draft) => draft.setAsideAt === undefined), claim, claims, () => current && !touched.current))
      .then(({ draft, othersRecording }) => {
        if (!current) return;
        if (draft) load(draft);
        else if (othersRecording) setSeparate(true);
      });
    return () => {
      current = false;
    };
  }, [db, load, claim, claims]);

  // Leaving the form (Escape, another pane) sets its draft aside once the last keystrokes are written. Closing or
  // reloading the window runs no cleanup, so a crashed or reloaded window's draft still carries on in the next form.
  const leaving = useRef({ autosave, draftId });
  useEffect(() => {
    leaving.current = { autosave, draftId };
  });
  useEffect(
    () => () => {
      const { autosave: pending, draftId: id } = leaving.current;
      void pending.flush().finally(() => setDraftAside(db, id, true).catch(() => undefined));
    },
    [db],
  );

  const change = (next: (v: CaptureValues) => CaptureValues, clear: (keyof CaptureValues)[]) => {
    if (savingNow.current) return;
    touched.current = true;
    setValues(next);
    setDirty(true);
    if (clear.some((key) => errors[key])) setErrors((e) => ({ ...e, ...Object.fromEntries(clear.map((key) => [key, undefined])) }));
  };
  const update = <K extends keyof CaptureValues>(key: K, value: CaptureValues[K]) => change((v) => ({ ...v, [key]: value }), [key]);
  // Said as soon as a future or skipped time (or a detected-at or reported-at before the occurred-at) is picked, not only on save.
  const changeTime = (next: CaptureValues, key: TimeKey) => {
    if (savingNow.current) return;
    change(() => next, [key]);
    const problems = timeProblems(next, Date.now());
    setErrors((e) => ({
      ...e,
      ...(key === 'occurredAt' && next.occurredAt !== '' ? { occurredAt: problems.occurredAt ?? undefined } : {}),
      // The detected-at's and reported-at's order problems follow the occurred-at too; an emptied one has none.
      detectedAt: problems.detectedAt ?? undefined,
      reportedAt: problems.reportedAt ?? undefined,
    }));
  };
  const updateTime = (key: TimeKey, text: string) => changeTime(withTimeText(values, key, text), key);
  const chooseTime = (key: TimeKey, time: ZonedTime) => changeTime(withTimeChosen(values, key, time), key);
  const moveExtraTitle = () => {
    const { title, rest } = splitLongTitle(values.title);
    change((v) => ({ ...v, title, description: v.description.trim() === '' ? rest : `${rest}\n\n${v.description}` }), ['title', 'description']);
    titleRef.current?.focus();
  };

  const chooseTemplate = (templateId: string) => {
    const template = findTemplate(templateId);
    change(
      (v) =>
        template
          ? { ...v, templateId, category: formatPath(template.category), impact: template.impact, urgency: template.urgency, title: applyTitlePrefix(template, v.title, findTemplate(v.templateId)) }
          : { ...v, templateId: '' },
      ['title', 'category'],
    );
  };

  const startOver = (id: string) => {
    touched.current = true;
    setValues(blankValues());
    setDraftId(id);
    setDirty(false);
    setErrors({});
    setRestoredAt(null);
    setSeparate(false);
    setClaimProblem(null);
    titleRef.current?.focus();
  };

  // Another window may have opened the draft since the list was drawn: it is not taken from that window.
  const claimOther = async (draft: Draft): Promise<boolean> => {
    const ok = await claim.take(draft.id);
    setClaimProblem(ok ? null : `“${draftLabel(fromDraftValues(draft.values))}” is open in another window: carry on with it there, or close that window first.`);
    return ok;
  };

  async function resume(draft: Draft) {
    await autosave.flush();
    if (!(await claimOther(draft))) return;
    load(draft);
    await setDraftAside(db, draft.id, false).catch(() => undefined);
    titleRef.current?.focus();
  }

  async function discardOther(draft: Draft) {
    if (!(await claimOther(draft))) return;
    await discardDraft(db, draft.id);
    claim.drop(draft.id);
  }

  async function discardCurrent() {
    autosave.cancel();
    await discardDraft(db, draftId);
    startOver(newId());
  }

  async function startBlank() {
    const left = draftId;
    await autosave.flush();
    startOver(newId());
    // The draft left behind waits in the Drafts list rather than coming back on the next open.
    await setDraftAside(db, left, true).catch(() => undefined);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (saving || attachments.busy) return;
    if (values.title.trim() === '') {
      setErrors({ title: 'Enter a title: a few words saying what happened.' });
      titleRef.current?.focus();
      return;
    }
    // Every problem the form can see is shown at once, each at its field; the keyboard goes to the first.
    const tooLong = titleLengthProblem(values.title);
    const times = timeProblems(values, Date.now(), true);
    // A half-typed date-time reads as '' (empty); for the optional times that must not silently mean "not known" or "now".
    const detectedProblem = partlyTyped(ids.detected) ? 'Finish the date and time it was detected, or clear every part of it.' : times.detectedAt;
    const reportedProblem = partlyTyped(ids.reported) ? 'Finish the date and time it was reported, or clear every part of it.' : times.reportedAt;
    if (tooLong || times.occurredAt || detectedProblem || reportedProblem) {
      setErrors({
        ...(tooLong ? { title: tooLong } : {}),
        ...(times.occurredAt ? { occurredAt: times.occurredAt } : {}),
        ...(detectedProblem ? { detectedAt: detectedProblem } : {}),
        ...(reportedProblem ? { reportedAt: reportedProblem } : {}),
      });
      if (tooLong) titleRef.current?.focus();
      else document.getElementById(times.occurredAt ? ids.occurred : detectedProblem ? ids.detected : ids.reported)?.focus();
      return;
    }
    setSaving(true);
    savingNow.current = true;
    // The latest keystrokes reach the draft first, so a refused save still leaves an up-to-date draft.
    await autosave.flush();
    autosave.hold();
    const checklist = findTemplate(values.templateId) ? { checklistTemplateId: values.templateId } : {};
    const result = await record(toRecordInput(values, drillOn), { attachments: attachments.files, draftId, ...checklist });
    savingNow.current = false;
    setSaving(false);
    if (result.ok) {
      // The incident holds what the form held when Save was pressed; the draft went with that save, and the fields
      // were read-only meanwhile, so nothing typed is dropped here.
      autosave.cancel();
      setDirty(false);
      onSaved(result.value.id);
      // Focus moves to the new incident's title, which does not hold its number: the number is said once, here.
      announce(`Recorded ${result.value.number}`);
    } else {
      void autosave.release();
      const field = result.error.field && KNOWN_FIELDS.has(result.error.field) ? result.error.field : 'form';
      setErrors({ [field]: result.error.message });
    }
  }

  return (
    <form
      className={dragging ? 'capture dragging' : 'capture'}
      onSubmit={submit}
      onBlur={() => void autosave.flush()}
      // Ctrl+Enter saves from any field, the description too (where Enter is a new line), as in the note and correction boxes.
      onKeyDown={submitOnCtrlEnter}
      {...dropHandlers}
      aria-labelledby="capture-heading"
      aria-busy={saving || undefined}
      noValidate
    >
      <header className="pane-header">
        <h2 id="capture-heading">New incident</h2>
        <span className="hint">Only the title is required · saved as a draft while you type</span>
      </header>
      {/* Resuming another draft would replace the text that is now only in this form. */}
      {!lost && <DraftsPanel currentId={draftId} claims={claims} onResume={(draft) => void resume(draft)} onDiscard={(draft) => void discardOther(draft)} />}
      {claimProblem && <p role="alert" className="form-error">{claimProblem}</p>}
      {separate && <p role="status" className="hint capture-separate">Another window is recording a new incident; this is a separate one.</p>}
      {draftState && (
        <CaptureDraftBar state={draftState} onStartBlank={() => void startBlank()} onDiscard={() => void discardCurrent()}
          copyText={() => captureAsText(values, attachments.files.map((file) => file.name), exercise)} />
      )}
      {/* Once the database is gone the bar above says it, with the way to copy the text. */}
      {draftProblem && !lost && <p role="alert" className="form-error">{draftFailureText(draftProblem, 'The draft could not be saved')}</p>}
      {errors.form && (
        <p ref={formErrorRef} role="alert" className="form-error">
          {errors.form}
        </p>
      )}
      <TemplatePicker value={values.templateId} onChange={chooseTemplate} />
      <TitleField id={ids.title} inputRef={titleRef} readOnly={saving} value={values.title} onChange={(v) => update('title', v)} error={errors.title} onMoveExtra={moveExtraTitle} />
      <div className="field">
        <label htmlFor={ids.description}>Description</label>
        <textarea id={ids.description} rows={5} readOnly={saving} value={values.description} onChange={(e) => update('description', e.target.value)}
          aria-invalid={errors.description ? true : undefined} aria-describedby={errors.description ? `${ids.description}-error` : undefined} />
        {errors.description && <FieldError id={`${ids.description}-error`} message={errors.description} />}
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={ids.category}>Category</label>
          <select id={ids.category} value={values.category} onChange={(e) => update('category', e.target.value)}
            aria-invalid={errors.category ? true : undefined} aria-describedby={errors.category ? `${ids.category}-error` : undefined}>
            <option value="">Not set</option>
            {categoryOptions.map((path) => (
              <option key={path} value={path}>{path}</option>
            ))}
          </select>
          {errors.category && <FieldError id={`${ids.category}-error`} message={errors.category} />}
        </div>
        <div className="field">
          <label htmlFor={ids.site}>Site</label>
          <input id={ids.site} list={ids.sites} readOnly={saving} value={values.site} onChange={(e) => update('site', e.target.value)} placeholder="Campus / Building / Floor / Room"
            aria-invalid={errors.site ? true : undefined} aria-describedby={errors.site ? `${ids.site}-error` : undefined} />
          <datalist id={ids.sites}>
            {siteSuggestions.map((site) => (
              <option key={site} value={site} />
            ))}
          </datalist>
          {errors.site && <FieldError id={`${ids.site}-error`} message={errors.site} />}
        </div>
      </div>
      <div className="field-row three">
        <LevelSelect id={ids.impact} label="Impact" value={values.impact} onChange={(v) => update('impact', v)} error={errors.impact} />
        <LevelSelect id={ids.urgency} label="Urgency" value={values.urgency} onChange={(v) => update('urgency', v)} error={errors.urgency} />
        <div className="field">
          <span className="label" id={ids.priority}>Priority</span>
          <output aria-labelledby={ids.priority} aria-live="polite" className={`priority-output priority-${priority}`}>
            {PRIORITY_LABELS[priority]}
          </output>
        </div>
      </div>
      <CaptureTimes ids={{ occurredAt: ids.occurred, detectedAt: ids.detected, reportedAt: ids.reported }} values={values} errors={errors} readOnly={saving} onText={updateTime} onChoose={chooseTime} />
      <DuplicateSuggestions site={values.site} category={values.category} occurredAt={values.occurredAt} />
      <AttachmentPicker pending={attachments} limitBytes={attachmentLimitBytes} />
      {errors.attachments && <p role="alert" className="form-error">{errors.attachments}</p>}
      <ChecklistPreview templateId={values.templateId} />
      <RecordingAs afterNamed={() => saveRef.current?.focus()} />
      <div className="actions">
        <label className={`capture-exercise${exercise ? ' on' : ''}`} htmlFor={ids.exercise}>
          <input id={ids.exercise} type="checkbox" checked={exercise} onChange={(e) => update('exercise', e.target.checked)} aria-describedby={`${ids.exercise}-hint`} />
          Exercise
        </label>
        <span id={`${ids.exercise}-hint`} className="hint">{exercise ? (drillOn ? 'Drill mode is on: untick for a real incident.' : 'Recorded as an exercise, not a real incident.') : 'A real incident.'}</span>
        <button ref={saveRef} type="submit" className="primary" disabled={saving} aria-keyshortcuts="Control+Enter">
          {saving ? 'Saving…' : 'Save incident'}
        </button>
        <button type="button" onClick={onCancel}>Cancel</button>
        <span className="hint">Ctrl+Enter</span>
      </div>
    </form>
  );
}

/** True when a date-time input holds a partly typed value (the browser then reports its value as ''). */
function partlyTyped(id: string): boolean {
  const input = document.getElementById(id);
  return input instanceof HTMLInputElement && input.validity.badInput;
}

/** The options, plus the current value when the list no longer has it (a template's or an old draft's category). */
function withValue(options: readonly string[], value: string): readonly string[] {
  return value === '' || options.includes(value) ? options : [...options, value];
}
