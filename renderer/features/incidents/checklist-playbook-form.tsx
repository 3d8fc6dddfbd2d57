// Puts a playbook's time-phased checklist on an incident recorded without a template (one `checklist_added` entry).
import { useId, useState, type FormEvent } from 'react';
import { INCIDENT_TEMPLATES, templateChecklistSteps, type Incident, type IncidentChecklist } from '../../../shared/domain';
import type { ChecklistRepository } from '../../db/checklist';
import { useBusy } from '../use-busy';

/**
 * The playbooks not on the incident yet, the one for its category first (what a person recording fast in an outage
 * skipped at capture). Hidden when every playbook is already there.
 */
export function ChecklistPlaybookForm({ incident, checklist, repo }: { incident: Incident; checklist: IncidentChecklist; repo: ChecklistRepository }) {
  const offered = playbooksFor(incident, checklist);
  const [choice, setChoice] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { busy, run } = useBusy();
  const id = useId();
  if (offered.length === 0) return null;
  const templateId = offered.some((t) => t.id === choice) ? choice : offered[0]!.id;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const result = await run(() => repo.attachTemplate(incident.id, templateId));
    if (result && !result.ok) setError(result.error.message);
  }

  return (
    <form className="checklist-playbook-form" aria-label="Add a playbook checklist" onSubmit={submit} noValidate>
      <label htmlFor={`${id}-playbook`}>Playbook</label>
      <select id={`${id}-playbook`} value={templateId} onChange={(e) => { setChoice(e.target.value); setError(null); }}
        aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        {offered.map((t) => (
          <option key={t.id} value={t.id}>{`${t.name} (${templateChecklistSteps(t).length} steps)`}</option>
        ))}
      </select>
      <button type="submit" className="small" aria-disabled={busy || undefined}>{busy ? 'Adding…' : 'Add playbook checklist'}</button>
      {error && <p id={`${id}-error`} role="alert" className="field-error">{error}</p>}
    </form>
  );
}

function playbooksFor(incident: Incident, checklist: IncidentChecklist) {
  const category = incident.category.join('\u0000');
  return INCIDENT_TEMPLATES.filter((t) => templateChecklistSteps(t).length > 0 && !checklist.templateIds.includes(t.id)).sort(
    (a, b) => Number(b.category.join('\u0000') === category) - Number(a.category.join('\u0000') === category),
  );
}
