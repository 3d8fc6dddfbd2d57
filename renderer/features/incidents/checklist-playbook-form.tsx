// Puts a playbook's time-phased checklist on an incident recorded without a template (one `checklist_added` entry).
import { useId, useState, type FormEvent } from 'react';
import { INCIDENT_TEMPLATES, templateChecklistSteps, type Incident, type IncidentChecklist } from '../../../shared/domain';
import type { ChecklistRepository } from '../../db/checklist';
import { useBusy } from '../use-busy';

/**
 * The playbooks not on the incident yet, those for its category first (what a person recording fast in an outage
 * skipped at capture): preselected only when one is for its category, or is the only one for its area (Security ›
 * Malware → the security breach playbook); otherwise the person picks ("Power outage" preselected on a ransomware
 * incident misled).
 * Hidden when every playbook is already there.
 */
export function ChecklistPlaybookForm({ incident, checklist, repo }: { incident: Incident; checklist: IncidentChecklist; repo: ChecklistRepository }) {
  const offered = playbooksFor(incident, checklist);
  const fitting = preselected(offered, incident.category);
  const [choice, setChoice] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { busy, run } = useBusy();
  const id = useId();
  if (offered.length === 0) return null;
  const templateId = offered.some((t) => t.id === choice) ? choice : (fitting?.id ?? '');

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (templateId === '') return setError('Choose the playbook whose checklist to add.');
    const result = await run(() => repo.attachTemplate(incident.id, templateId));
    if (result && !result.ok) setError(result.error.message);
  }

  return (
    <form className="checklist-playbook-form" aria-label="Add a playbook checklist" onSubmit={submit} noValidate>
      <label htmlFor={`${id}-playbook`}>Playbook</label>
      <select id={`${id}-playbook`} value={templateId} onChange={(e) => { setChoice(e.target.value); setError(null); }}
        aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        {!fitting && <option value="">— choose a playbook —</option>}
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
  return INCIDENT_TEMPLATES.filter((t) => templateChecklistSteps(t).length > 0 && !checklist.templateIds.includes(t.id)).sort(
    (a, b) => fit(b.category, incident.category) - fit(a.category, incident.category),
  );
}

function preselected<T extends { category: readonly string[] }>(offered: readonly T[], category: readonly string[]): T | undefined {
  const exact = offered.find((t) => fit(t.category, category) === 2);
  if (exact) return exact;
  const sameArea = offered.filter((t) => fit(t.category, category) === 1);
  return sameArea.length === 1 ? sameArea[0] : undefined;
}

/** 2: the playbook's category is the incident's; 1: the same area (first level); 0: unrelated or no category. */
function fit(playbook: readonly string[], incident: readonly string[]): number {
  if (incident.length === 0 || playbook.length === 0) return 0;
  if (playbook.join('\u0000') === incident.join('\u0000')) return 2;
  return playbook[0] === incident[0] ? 1 : 0;
}
