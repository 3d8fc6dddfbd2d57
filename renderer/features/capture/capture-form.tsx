// The capture form: only the title is required; priority is shown live from impact × urgency.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import {
  DEFAULT_CATEGORIES,
  derivePriority,
  flattenCategoryPaths,
  formatPath,
  LEVEL_LABELS,
  parsePath,
  PATH_SEPARATOR,
  PRIORITY_LABELS,
  zonedTimeFromEpoch,
  type Impact,
} from '../../../shared/domain';
import { useServices } from '../../app/services';
import { toDateTimeLocalValue } from '../format';

const CATEGORY_OPTIONS = flattenCategoryPaths(DEFAULT_CATEGORIES).map(formatPath);

interface FormValues {
  title: string;
  description: string;
  category: string;
  site: string;
  impact: Impact;
  urgency: Impact;
  occurredAt: string;
}

type FieldErrors = Partial<Record<keyof FormValues | 'form', string>>;

export function CaptureForm({ onSaved, onCancel }: { onSaved: (id: string) => void; onCancel: () => void }) {
  const { incidents } = useServices();
  const [values, setValues] = useState<FormValues>(() => ({
    title: '',
    description: '',
    category: '',
    site: '',
    impact: 3,
    urgency: 3,
    occurredAt: toDateTimeLocalValue(Date.now()),
  }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const titleRef = useRef<HTMLInputElement>(null);
  const ids = { title: useId(), description: useId(), category: useId(), site: useId(), impact: useId(), urgency: useId(), occurred: useId(), priority: useId() };
  const priority = derivePriority(values.impact, values.urgency);

  useEffect(() => titleRef.current?.focus(), []);

  const update = <K extends keyof FormValues>(key: K, value: FormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    if (errors[key]) setErrors((e) => ({ ...e, [key]: undefined }));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    if (values.title.trim() === '') {
      setErrors({ title: 'Enter a title: a few words saying what happened.' });
      titleRef.current?.focus();
      return;
    }
    const occurredMs = new Date(values.occurredAt).getTime();
    if (Number.isNaN(occurredMs)) {
      setErrors({ occurredAt: 'Enter the date and time it happened, or leave the suggested time.' });
      return;
    }
    setSaving(true);
    const result = await incidents.record({
      title: values.title,
      description: values.description,
      category: values.category ? parsePathKeepingNames(values.category) : [],
      site: parsePath(values.site),
      impact: values.impact,
      urgency: values.urgency,
      occurredAt: zonedTimeFromEpoch(occurredMs, -new Date(occurredMs).getTimezoneOffset()),
    });
    setSaving(false);
    if (result.ok) onSaved(result.value.id);
    else setErrors({ [fieldKey(result.error.field)]: result.error.message });
  }

  return (
    <form className="capture" onSubmit={submit} aria-labelledby="capture-heading" noValidate>
      <header className="pane-header">
        <h2 id="capture-heading">New incident</h2>
        <span className="hint">Only the title is required</span>
      </header>
      {errors.form && (
        <p role="alert" className="form-error">
          {errors.form}
        </p>
      )}
      <div className="field">
        <label htmlFor={ids.title}>Title</label>
        <input
          id={ids.title}
          ref={titleRef}
          value={values.title}
          maxLength={200}
          required
          aria-invalid={errors.title ? true : undefined}
          aria-describedby={errors.title ? `${ids.title}-error` : undefined}
          onChange={(e) => update('title', e.target.value)}
          placeholder="What happened, where"
        />
        {errors.title && <FieldError id={`${ids.title}-error`} message={errors.title} />}
      </div>
      <div className="field">
        <label htmlFor={ids.description}>Description</label>
        <textarea id={ids.description} rows={5} value={values.description} onChange={(e) => update('description', e.target.value)}
          aria-invalid={errors.description ? true : undefined} aria-describedby={errors.description ? `${ids.description}-error` : undefined} />
        {errors.description && <FieldError id={`${ids.description}-error`} message={errors.description} />}
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={ids.category}>Category</label>
          <select id={ids.category} value={values.category} onChange={(e) => update('category', e.target.value)}>
            <option value="">Not set</option>
            {CATEGORY_OPTIONS.map((path) => (
              <option key={path} value={path}>{path}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.site}>Site</label>
          <input id={ids.site} value={values.site} onChange={(e) => update('site', e.target.value)} placeholder="Campus / Building / Floor / Room"
            aria-invalid={errors.site ? true : undefined} aria-describedby={errors.site ? `${ids.site}-error` : undefined} />
          {errors.site && <FieldError id={`${ids.site}-error`} message={errors.site} />}
        </div>
      </div>
      <div className="field-row three">
        <LevelSelect id={ids.impact} label="Impact" value={values.impact} onChange={(v) => update('impact', v)} />
        <LevelSelect id={ids.urgency} label="Urgency" value={values.urgency} onChange={(v) => update('urgency', v)} />
        <div className="field">
          <span className="label" id={ids.priority}>Priority</span>
          <output aria-labelledby={ids.priority} aria-live="polite" className={`priority-output priority-${priority}`}>
            {PRIORITY_LABELS[priority]}
          </output>
        </div>
      </div>
      <div className="field">
        <label htmlFor={ids.occurred}>Occurred at</label>
        <input id={ids.occurred} type="datetime-local" value={values.occurredAt} onChange={(e) => update('occurredAt', e.target.value)}
          aria-invalid={errors.occurredAt ? true : undefined} aria-describedby={errors.occurredAt ? `${ids.occurred}-error` : undefined} />
        {errors.occurredAt && <FieldError id={`${ids.occurred}-error`} message={errors.occurredAt} />}
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save incident'}
        </button>
        <button type="button" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}

function LevelSelect({ id, label, value, onChange }: { id: string; label: string; value: Impact; onChange: (v: Impact) => void }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(Number(e.target.value) as Impact)}>
        {([1, 2, 3] as const).map((level) => (
          <option key={level} value={level}>{`${level} — ${LEVEL_LABELS[level]}`}</option>
        ))}
      </select>
    </div>
  );
}

function FieldError({ id, message }: { id: string; message: string }) {
  return (
    <p id={id} className="field-error" role="alert">
      {message}
    </p>
  );
}

/** Category options are already canonical paths; split only on the display separator so names keep their '&'. */
function parsePathKeepingNames(text: string): string[] {
  return text.split(PATH_SEPARATOR);
}

function fieldKey(field: string | undefined): keyof FormValues | 'form' {
  const known: Record<string, keyof FormValues> = { title: 'title', description: 'description', category: 'category', site: 'site', impact: 'impact', urgency: 'urgency', occurredAt: 'occurredAt' };
  return (field && known[field]) || 'form';
}
