// Escalate: functional (hand to another team) or hierarchical (raise to a manager level), always with a reason.
import { useId, useState, type FormEvent, type RefObject } from 'react';
import { NEW_INCIDENT_FUNCTIONAL_ESCALATION, nobodyOwns, type EscalationLevel, type Incident } from '../../../shared/domain';
import { useServices } from '../../app/services';
import { useReference } from '../reference/use-reference';
import { useBusy } from '../use-busy';
import { DraftNote } from './draft-note';
import { FieldError, InlineDialog, useFocusFirstInvalid, useInlineDialog } from './inline-dialog';
import { useEntryDraft, type EntryDraftShape } from './use-entry-draft';
import { submitOnCtrlEnter } from '../submit-on-ctrl-enter';
import { announce } from '../../store/announce-store';

type Errors = Partial<Record<'target' | 'reason' | 'form', string>>;
type EscalationDraft = { level: EscalationLevel; target: string; reason: string };

/** Kept while the panel is closed (Escape, Back, another incident): the reason is often long and typed under stress. */
const ESCALATION_DRAFT: EntryDraftShape<EscalationDraft> = {
  blank: { level: 'functional', target: '', reason: '' },
  isBlank: (values) => values.target === '' && values.reason.trim() === '',
  parse: (stored) => ({
    level: stored.level === 'hierarchical' ? 'hierarchical' : 'functional',
    target: typeof stored.target === 'string' ? stored.target : '',
    reason: typeof stored.reason === 'string' ? stored.reason : '',
  }),
};

export function EscalateDialog({ incident }: { incident: Incident }) {
  const { open, toggle, close, openerRef, panelRef } = useInlineDialog();
  const finished = incident.status === 'closed' || incident.status === 'cancelled';
  return (
    <>
      <button ref={openerRef} type="button" aria-expanded={finished ? undefined : open} disabled={finished} aria-keyshortcuts="E" onClick={toggle}>
        Escalate
      </button>
      {open && !finished && <EscalateForm incident={incident} panelRef={panelRef} onDone={close} />}
    </>
  );
}

function EscalateForm({ incident, panelRef, onDone }: { incident: Incident; panelRef: RefObject<HTMLElement | null>; onDone: () => void }) {
  const { incidents } = useServices();
  const reference = useReference();
  const draft = useEntryDraft('escalation', incident.id, ESCALATION_DRAFT);
  const { level, target, reason } = draft.values;
  const [errors, setErrors] = useState<Errors>({});
  const { busy: saving, run } = useBusy();
  const focusFirstInvalid = useFocusFirstInvalid(panelRef);
  const id = useId();
  // A new incident gets its first team through Change status → Assign (the domain refuses a functional escalation).
  const unowned = nobodyOwns(incident);
  const functional = level === 'functional' && !unowned;
  const handsOver = functional && incident.assignee !== null;
  const targets = functional ? reference.team.filter((team) => team !== incident.team) : reference.managerLevel;

  async function submit(event: FormEvent) {
    event.preventDefault();
    // A team kept in a draft from before the level was forced to hierarchical is no manager level: chosen afresh.
    const chosen = functional || reference.managerLevel.includes(target) ? target : '';
    const result = await run(() => incidents.escalate(incident.id, { level: functional ? 'functional' : 'hierarchical', target: chosen, reason }));
    if (!result) return;
    if (result.ok) {
      await draft.discard();
      // The panel closes silently otherwise: focus only returns to the Escalate button.
      announce(`Escalated to ${chosen}`);
      onDone();
    } else {
      const field = result.error.field;
      setErrors(field === 'target' || field === 'reason' ? { [field]: result.error.message } : { form: result.error.message });
      focusFirstInvalid();
    }
  }

  return (
    <InlineDialog label="Escalate" panelRef={panelRef} onClose={onDone}>
      <form onSubmit={submit} onKeyDown={submitOnCtrlEnter} noValidate className="dialog-form">
        <div className="field">
          <label htmlFor={`${id}-level`}>Escalation type</label>
          <select id={`${id}-level`} value={functional ? 'functional' : 'hierarchical'} aria-describedby={unowned ? `${id}-level-hint` : undefined}
            onChange={(e) => { draft.update({ ...draft.values, level: e.target.value as EscalationLevel, target: '' }); setErrors({}); }}>
            <option value="functional" disabled={unowned}>Functional — to another team</option>
            <option value="hierarchical">Hierarchical — to a manager level</option>
          </select>
          {unowned && <span id={`${id}-level-hint`} className="hint">{NEW_INCIDENT_FUNCTIONAL_ESCALATION}</span>}
        </div>
        <div className="field">
          <label htmlFor={`${id}-target`}>{functional ? 'To team' : 'Manager level'}</label>
          <select id={`${id}-target`} value={target} aria-invalid={errors.target ? true : undefined}
            aria-describedby={[errors.target ? `${id}-target-error` : '', handsOver ? `${id}-target-hint` : ''].filter(Boolean).join(' ') || undefined}
            onChange={(e) => { draft.update({ ...draft.values, target: e.target.value }); setErrors({}); }}>
            <option value="">— choose —</option>
            {targets.map((t) => <option key={t} value={t}>{t}</option>)}
          </select>
          {/* The domain clears the person: they belong to the old team. Said before, since the entry does not say it. */}
          {handsOver && <span id={`${id}-target-hint`} className="hint">{incident.assignee} will no longer be assigned: the new team assigns it.</span>}
          <FieldError id={`${id}-target-error`} message={errors.target} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-reason`}>Escalation reason</label>
          <textarea id={`${id}-reason`} rows={2} value={reason} aria-invalid={errors.reason ? true : undefined} aria-describedby={errors.reason ? `${id}-reason-error` : undefined}
            onChange={(e) => { draft.update({ ...draft.values, reason: e.target.value }); setErrors({}); }} />
          <FieldError id={`${id}-reason-error`} message={errors.reason} />
        </div>
        <FieldError id={`${id}-form-error`} message={errors.form} />
        <DraftNote draft={draft} />
        <div className="actions">
          <button type="submit" className="primary" aria-disabled={saving || undefined}>{saving ? 'Escalating…' : 'Escalate incident'}</button>
          <button type="button" onClick={onDone}>Back</button>
        </div>
      </form>
    </InlineDialog>
  );
}
