// Adds one step by hand to a phase of the incident's checklist (a `checklist_added` timeline entry).
import { useId, useState } from 'react';
import { CHECKLIST_PHASE_IDS, CHECKLIST_STEP_TEXT_MAX, PHASE_LABELS, type ChecklistPhaseId } from '../../../shared/domain';
import type { ChecklistRepository } from '../../db/checklist';
import { useTextEntry } from './use-text-entry';

export function ChecklistStepForm({ incidentId, repo }: { incidentId: string; repo: ChecklistRepository }) {
  const [open, setOpen] = useState(false);
  const [phase, setPhase] = useState<ChecklistPhaseId>('immediate');
  const { text, setText, error, setError, saving, submit } = useTextEntry('Write the step first.', (step) => repo.addStep(incidentId, { phase, text: step }), { savedMessage: 'Checklist step added' });
  const id = useId();

  if (!open) {
    return (
      <button type="button" className="ghost small checklist-add" onClick={() => setOpen(true)}>
        Add checklist step
      </button>
    );
  }

  return (
    <form className="checklist-step-form" aria-label="Add checklist step" onSubmit={submit} noValidate
      onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); setOpen(false); } }}>
      <label htmlFor={`${id}-phase`}>Phase</label>
      <select id={`${id}-phase`} value={phase} onChange={(e) => setPhase(e.target.value as ChecklistPhaseId)}>
        {CHECKLIST_PHASE_IDS.map((p) => (
          <option key={p} value={p}>{PHASE_LABELS[p]}</option>
        ))}
      </select>
      <label htmlFor={`${id}-text`}>Step</label>
      <input id={`${id}-text`} type="text" value={text} maxLength={CHECKLIST_STEP_TEXT_MAX} autoFocus
        onChange={(e) => { setText(e.target.value); setError(null); }}
        aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      {error && <p id={`${id}-error`} role="alert" className="field-error">{error}</p>}
      <div className="actions">
        <button type="submit" className="primary" disabled={saving}>{saving ? 'Adding…' : 'Add step'}</button>
        <button type="button" onClick={() => setOpen(false)}>Done</button>
      </div>
    </form>
  );
}
