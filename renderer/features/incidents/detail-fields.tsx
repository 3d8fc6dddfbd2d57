// The editable fields of an incident: each save is one repository edit → one "Changed" entry on the timeline.
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import {
  formatPath,
  formatUtcOffset,
  LEVEL_LABELS,
  LEVELS,
  parsePath,
  PATH_SEPARATOR,
  PRIORITY_LABELS,
  type EditableFields,
  type Impact,
  type Incident,
  type ZonedTime,
} from '../../../shared/domain';
import { useServices } from '../../app/services';
import { detectedAtProblem, occurredAtProblem, orderProblem, zonedFromLocalValue } from '../capture/incident-times';
import { formatLocal, formatPathOrDash, formatZoned, toDateTimeLocalValue } from '../format';
import { useReference } from '../reference/use-reference';
import { InlineField } from './inline-field';
import { SlaPolicyField } from './sla-policy-field';
import { StakeholderUpdateField } from './stakeholder-updates';

const LEVEL_OPTIONS = LEVELS.map((level) => ({ value: String(level), label: `${level} — ${LEVEL_LABELS[level]}` }));

/** `majorUpdateDefault`: this device's stakeholder-update interval for major incidents (notification settings; undefined while read). */
export function DetailFields({ incident, majorUpdateDefault }: { incident: Incident; majorUpdateDefault: number | null | undefined }) {
  const { incidents } = useServices();
  const reference = useReference();
  const editable = incident.status !== 'closed' && incident.status !== 'cancelled';
  const save = async (edits: Partial<EditableFields>) => {
    const result = await incidents.edit(incident.id, edits);
    if (result.ok || result.error.code === 'no-change') return null;
    return result.error.message;
  };
  const categoryNow = formatPath(incident.category);
  const categoryOptions = [{ value: '', label: '— none —' }, ...withCurrent(reference.category, categoryNow).map((c) => ({ value: c, label: c }))];

  return (
    <dl className="fields">
      <InlineField label="Title" display={incident.title} initial={incident.title} editor="text" maxLength={200} editable={editable} wide onSave={(v) => save({ title: v })} />
      <div className="field-view">
        <dt>Priority</dt>
        <dd>{PRIORITY_LABELS[incident.priority]}</dd>
      </div>
      <InlineField label="Impact" display={`${incident.impact} — ${LEVEL_LABELS[incident.impact]}`} initial={String(incident.impact)} editor="select" options={LEVEL_OPTIONS}
        editable={editable} onSave={(v) => save({ impact: Number(v) as Impact })} />
      <InlineField label="Urgency" display={`${incident.urgency} — ${LEVEL_LABELS[incident.urgency]}`} initial={String(incident.urgency)} editor="select" options={LEVEL_OPTIONS}
        editable={editable} onSave={(v) => save({ urgency: Number(v) as Impact })} />
      <InlineField label="Category" display={formatPathOrDash(incident.category)} initial={categoryNow} editor="select" options={categoryOptions}
        editable={editable} onSave={(v) => save({ category: v === '' ? [] : v.split(PATH_SEPARATOR) })} />
      <InlineField label="Site" display={formatPathOrDash(incident.site)} initial={formatPath(incident.site)} editor="text" suggestions={reference.site} maxLength={1000}
        editable={editable} onSave={(v) => save({ site: parsePath(v) })} />
      <SlaPolicyField incident={incident} editable={editable} save={save} />
      <StakeholderUpdateField incident={incident} editable={editable} majorDefault={majorUpdateDefault} save={save} />
      <InlineField label="Reporter" display={incident.reporter ?? '—'} initial={incident.reporter ?? ''} editor="text" maxLength={200}
        editable={editable} onSave={(v) => save({ reporter: v.trim() === '' ? null : v })} />
      {incident.status === 'new' || !editable ? (
        // A new incident is assigned through the status change (New → Assigned), which stops the response clock.
        <div className="field-view">
          <dt>Assigned</dt>
          <dd>{[incident.team, incident.assignee].filter(Boolean).join(' · ') || 'Nobody yet'}</dd>
        </div>
      ) : (
        <>
          <InlineField label="Team" display={incident.team ?? '—'} initial={incident.team ?? ''} editor="select"
            options={[{ value: '', label: '— none —' }, ...withCurrent(reference.team, incident.team ?? '').map((t) => ({ value: t, label: t }))]}
            editable={editable} onSave={(v) => save({ team: v === '' ? null : v })} />
          <InlineField label="Assignee" display={incident.assignee ?? '—'} initial={incident.assignee ?? ''} editor="text" suggestions={reference.person} maxLength={200}
            editable={editable} onSave={(v) => save({ assignee: v.trim() === '' ? null : v })} />
        </>
      )}
      <TimeField label="Occurred" time={incident.occurredAt} editable={editable}
        check={(ms) => occurredAtProblem(ms, Date.now()) ?? (incident.detectedAt ? orderProblem(ms, Date.parse(incident.detectedAt.utc), 'occurredAt') : null)}
        onSave={(time) => save({ occurredAt: time ?? undefined })} />
      <TimeField label="Detected" time={incident.detectedAt} optional editable={editable}
        check={(ms) => detectedAtProblem(ms, Date.parse(incident.occurredAt.utc), Date.now())}
        onSave={(time) => save({ detectedAt: time })} />
      <div className="field-view">
        <dt>Recorded</dt>
        <dd>{`${formatLocal(incident.createdAt)} by ${incident.createdBy.name}`}</dd>
      </div>
      {incident.holdReason && (
        <div className="field-view">
          <dt>Hold reason</dt>
          <dd>{incident.holdReason}</dd>
        </div>
      )}
      {incident.resolutionCode && (
        <div className="field-view wide">
          <dt>Resolution</dt>
          <dd className="prewrap">{`${incident.resolutionCode}${incident.resolutionNotes ? ` — ${incident.resolutionNotes}` : ''}`}</dd>
        </div>
      )}
      {incident.cancelReason && (
        <div className="field-view wide">
          <dt>Cancel reason</dt>
          <dd>{incident.cancelReason}</dd>
        </div>
      )}
      <InlineField label="Description" display={incident.description || '—'} initial={incident.description} editor="textarea" maxLength={20_000} editable={editable} wide
        onSave={(v) => save({ description: v })} />
    </dl>
  );
}

interface TimeFieldProps {
  label: string;
  time: ZonedTime | null;
  /** Optional times can be cleared (saved as null) and show "Not recorded" when empty. */
  optional?: boolean;
  editable: boolean;
  /** Why a typed time (epoch ms) cannot be saved; null when fine. */
  check: (ms: number) => string | null;
  onSave: (time: ZonedTime | null) => Promise<string | null>;
}

/**
 * A time edited in place like InlineField, with a date-time picker in this computer's local time; the offset of
 * that moment is what gets stored. Unchanged values are not saved, so opening the editor never rewrites a zone.
 */
function TimeField({ label, time, optional, editable, check, onSave }: TimeFieldProps) {
  const initial = time ? toDateTimeLocalValue(Date.parse(time.utc)) : '';
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const id = useId();
  const editRef = useRef<HTMLButtonElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const wasEditing = useRef(false);

  useEffect(() => {
    if (editing) inputRef.current?.focus();
    else if (wasEditing.current) editRef.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    // A half-typed date-time reads as ''; it must not silently clear the time.
    if (inputRef.current?.validity.badInput) return setError(`Finish the date and time${optional ? ', or clear every part of it' : ''}.`);
    if (value === initial) return setEditing(false);
    if (value === '' && !optional) return setError('Enter the date and time it happened.');
    const problem = value === '' ? null : check(new Date(value).getTime());
    if (problem) return setError(problem);
    setSaving(true);
    const refused = await onSave(value === '' ? null : zonedFromLocalValue(value));
    setSaving(false);
    if (refused) setError(refused);
    else setEditing(false);
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    setEditing(false);
  }

  if (!editing) {
    return (
      <div className="field-view">
        <dt>{label}</dt>
        <dd className="editable">
          <span>{time ? formatZoned(time) : 'Not recorded'}</span>
          {editable && (
            <button ref={editRef} type="button" className="ghost edit-button" aria-label={`Edit ${label}`} title={`Edit ${label}`}
              onClick={() => { setValue(initial); setError(null); setEditing(true); }}>
              Edit
            </button>
          )}
        </dd>
      </div>
    );
  }
  const zone = `This computer’s time (${formatUtcOffset(-new Date().getTimezoneOffset())})${optional ? '; leave empty if not known' : ''}`;
  return (
    <div className="field-view">
      <dt><label htmlFor={id}>{label}</label></dt>
      <dd>
        <form className="inline-edit" onSubmit={(e) => void save(e)} noValidate>
          <input id={id} ref={inputRef} type="datetime-local" value={value} onKeyDown={onKeyDown} onChange={(e) => { setValue(e.target.value); setError(null); }}
            aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : `${id}-zone`} />
          {!error && <span id={`${id}-zone`} className="hint">{zone}</span>}
          <div className="actions">
            <button type="submit" className="primary" disabled={saving} aria-label={`Save ${label}`}>Save</button>
            <button type="button" onClick={() => setEditing(false)} aria-label={`Stop editing ${label}`}>Back</button>
          </div>
          {error && <p id={`${id}-error`} role="alert" className="field-error">{error}</p>}
        </form>
      </dd>
    </div>
  );
}

function withCurrent(list: readonly string[], current: string): string[] {
  return current && !list.includes(current) ? [current, ...list] : [...list];
}
