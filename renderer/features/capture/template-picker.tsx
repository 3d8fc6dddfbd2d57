// The "Template" select, and the time-phased checklist the chosen template brings (previewed here, stored on the incident at save).
import { useId } from 'react';
import { findTemplate, INCIDENT_TEMPLATES } from '../../../shared/domain';

export function TemplatePicker({ value, onChange }: { value: string; onChange: (templateId: string) => void }) {
  const id = useId();
  return (
    <div className="field capture-template">
      <label htmlFor={id}>Template</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">No template</option>
        {INCIDENT_TEMPLATES.map((t) => (
          <option key={t.id} value={t.id}>{t.name}</option>
        ))}
      </select>
    </div>
  );
}

export function ChecklistPreview({ templateId }: { templateId: string }) {
  const template = findTemplate(templateId);
  if (!template) return null;
  return (
    <section className="checklist-preview" aria-label="Checklist">
      <h3>Checklist: {template.name}</h3>
      <p className="hint">Saved with the incident; tick the steps in its detail view.</p>
      {template.checklist.map((phase) => (
        <div key={phase.id} className="checklist-phase">
          <h4>{phase.label}</h4>
          <ul>
            {phase.steps.map((step) => (
              <li key={step.id}>{step.text}</li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
