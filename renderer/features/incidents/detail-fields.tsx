// The editable fields of an incident: each save is one repository edit → one "Changed" entry on the timeline.
import {
  currentResolution,
  FIELD_LABELS,
  formatPath,
  LIMITS,
  LEVEL_LABELS,
  LEVELS,
  parsePath,
  PATH_SEPARATOR,
  PRIORITY_LABELS,
  type EditableFields,
  type Impact,
  type Incident,
  type SyncedField,
  type TimelineEvent,
  type ZonedTime,
} from '../../../shared/domain';
import { useServices } from '../../app/services';
import { useIncidentNumbers } from '../../db/links-live';
import { useUiStore } from '../../store/ui-store';
import { detectedAtProblem, occurredAtProblem, orderProblem, reportedAtProblem, reportedOrderProblem } from '../capture/incident-times';
import { formatPathOrDash, formatZoned } from '../format';
import { useReference } from '../reference/use-reference';
import { CommanderField } from './commander-field';
import { InlineField, type SaveOver } from './inline-field';
import { TimeField } from './time-field';
import { useTriageSavedWords } from './triage-saved-words';
import { SlaPolicyField } from './sla-policy-field';
import { StakeholderUpdateField } from './stakeholder-updates';

/** NIST SP 800-61's record of the incident, as free text under the description. */
const RECORD_FIELDS = ['indicators', 'impactAssessment', 'nextSteps', 'contacts'] as const;

const LEVEL_OPTIONS = LEVELS.map((level) => ({ value: String(level), label: `${level} — ${LEVEL_LABELS[level]}` }));

/**
 * `majorUpdateDefault`: this device's stakeholder-update interval for major incidents (notification settings; undefined
 * while read). `events`: the timeline, for when it was resolved (a status change, with the resolver's time zone).
 */
export function DetailFields({ incident, events, majorUpdateDefault }: { incident: Incident; events: readonly TimelineEvent[]; majorUpdateDefault: number | null | undefined }) {
  const { incidents } = useServices();
  const reference = useReference();
  const triageWords = useTriageSavedWords(incident);
  const editable = incident.status !== 'closed' && incident.status !== 'cancelled';
  // `over`: saved over a value changed while the editor was open; the stamp held then is the base of every field edited,
  // so the merge records it as concurrent with that change (a conflict to review), not as made after seeing it.
  const save = async (edits: Partial<EditableFields>, over?: SaveOver) => {
    const base = over?.base === undefined ? undefined : Object.fromEntries(Object.entries(edits).filter(([, value]) => value !== undefined).map(([key]) => [key, over.base ?? null]));
    const result = await incidents.edit(incident.id, edits, base ? { base } : undefined);
    if (result.ok || result.error.code === 'no-change') return null;
    return result.error.message;
  };
  const stampOf = (field: SyncedField) => incident.stamps[field] ?? null;
  const categoryNow = formatPath(incident.category);
  const resolution = incident.status === 'resolved' || incident.status === 'closed' ? currentResolution(events) : null;
  const categoryOptions = [{ value: '', label: '— none —' }, ...withCurrent(reference.category, categoryNow).map((c) => ({ value: c, label: c }))];

  return (
    <dl className="fields">
      <InlineField label="Title" display={incident.title} initial={incident.title} editor="text" maxLength={200} editable={editable} wide stamp={stampOf('title')} onSave={(v, over) => save({ title: v }, over)} />
      <div className="field-view">
        <dt>Priority</dt>
        <dd>{PRIORITY_LABELS[incident.priority]}</dd>
      </div>
      <InlineField label="Impact" display={`${incident.impact} — ${LEVEL_LABELS[incident.impact]}`} initial={String(incident.impact)} editor="select" options={LEVEL_OPTIONS}
        editable={editable} stamp={stampOf('impact')} onSave={(v, over) => save({ impact: Number(v) as Impact }, over)} savedText={triageWords.impact} />
      <InlineField label="Urgency" display={`${incident.urgency} — ${LEVEL_LABELS[incident.urgency]}`} initial={String(incident.urgency)} editor="select" options={LEVEL_OPTIONS}
        editable={editable} stamp={stampOf('urgency')} onSave={(v, over) => save({ urgency: Number(v) as Impact }, over)} savedText={triageWords.urgency} />
      <InlineField label="Category" display={formatPathOrDash(incident.category)} initial={categoryNow} editor="select" options={categoryOptions}
        editable={editable} stamp={stampOf('category')} onSave={(v, over) => save({ category: v === '' ? [] : v.split(PATH_SEPARATOR) }, over)} />
      <InlineField label="Site" display={formatPathOrDash(incident.site)} initial={formatPath(incident.site)} editor="text" suggestions={reference.site} maxLength={1000}
        editable={editable} stamp={stampOf('site')} onSave={(v, over) => save({ site: parsePath(v) }, over)} />
      <SlaPolicyField incident={incident} editable={editable} save={save} />
      <StakeholderUpdateField incident={incident} editable={editable} majorDefault={majorUpdateDefault} save={save} />
      <InlineField label="Reporter" display={incident.reporter ?? '—'} initial={incident.reporter ?? ''} editor="text" maxLength={200}
        editable={editable} stamp={stampOf('reporter')} onSave={(v, over) => save({ reporter: v.trim() === '' ? null : v }, over)} />
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
            editable={editable} stamp={stampOf('team')} onSave={(v, over) => save({ team: v === '' ? null : v }, over)} />
          <InlineField label="Assignee" display={incident.assignee ?? '—'} initial={incident.assignee ?? ''} editor="text" suggestions={reference.person} maxLength={200}
            editable={editable} stamp={stampOf('assignee')} onSave={(v, over) => save({ assignee: v.trim() === '' ? null : v }, over)} />
        </>
      )}
      <CommanderField incident={incident} editable={editable} people={reference.person} save={save} />
      <TimeField label="Occurred" time={incident.occurredAt} editable={editable}
        check={(ms) =>
          occurredAtProblem(ms, Date.now()) ??
          (incident.detectedAt ? orderProblem(ms, Date.parse(incident.detectedAt.utc), 'occurredAt') : null) ??
          reportedOrderProblem(ms, Date.parse(incident.reportedAt.utc), 'occurredAt')}
        stamp={stampOf('occurredAt')} onSave={(time, over) => save({ occurredAt: time ?? undefined }, over)} />
      <TimeField label="Detected" time={incident.detectedAt} optional editable={editable}
        check={(ms) => detectedAtProblem(ms, Date.parse(incident.occurredAt.utc), Date.now())}
        stamp={stampOf('detectedAt')} onSave={(time, over) => save({ detectedAt: time }, over)} />
      {/* Said at capture or left as the moment of saving; corrected here when the report came in earlier (a phone call). */}
      <TimeField label="Reported" time={incident.reportedAt} editable={editable} emptyMessage="Enter the date and time it was reported."
        check={(ms) => reportedAtProblem(ms, Date.parse(incident.occurredAt.utc), Date.now())}
        stamp={stampOf('reportedAt')} onSave={(time, over) => save({ reportedAt: time ?? undefined }, over)} />
      <div className="field-view">
        <dt>Recorded</dt>
        <dd>{`${formatZoned(recordedAt(incident, events))} by ${incident.createdBy.name}`}</dd>
      </div>
      {resolution && (
        <div className="field-view">
          <dt>Resolved</dt>
          <dd>{`${formatZoned(resolution.at)} by ${resolution.author.name}`}</dd>
        </div>
      )}
      {/* Only while on hold: a reason change merged after another laptop resumed work can leave one on the row. */}
      {incident.status === 'on_hold' && incident.holdReason && (
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
      {incident.duplicateOf && <DuplicateOfField survivorId={incident.duplicateOf} />}
      <InlineField label="Description" display={incident.description || '—'} initial={incident.description} editor="textarea" maxLength={20_000} editable={editable} wide
        stamp={stampOf('description')} onSave={(v, over) => save({ description: v }, over)} />
      {RECORD_FIELDS.map((field) => {
        const current = incident[field] ?? '';
        return (
          <InlineField key={field} label={FIELD_LABELS[field]} display={current || '—'} initial={current} editor="textarea" maxLength={LIMITS.description} editable={editable} wide
            // Emptied: cleared (null), but nothing to write when it was never filled.
            stamp={stampOf(field)} onSave={(v, over) => (v.trim() === current.trim() ? Promise.resolve(null) : save({ [field]: v.trim() === '' ? null : v }, over))} />
        );
      })}
    </dl>
  );
}

/** The incident a cancelled one duplicates, by its number (a button that opens it); never its id. */
function DuplicateOfField({ survivorId }: { survivorId: string }) {
  const numbers = useIncidentNumbers([survivorId]);
  const openIncident = useUiStore((s) => s.openIncident);
  const number = numbers === undefined ? undefined : (numbers.get(survivorId) ?? null);
  return (
    <div className="field-view">
      <dt>Duplicate of</dt>
      <dd>
        {number ? (
          <button type="button" className="link-button" onClick={() => openIncident(survivorId)}>{number}</button>
        ) : number === null ? 'An incident not on this computer' : '…'}
      </dd>
    </div>
  );
}

/**
 * When it was recorded, with the recorder's offset: createdAt is plain UTC, but the "created" entry keeps the offset of
 * the laptop that recorded it (as Occurred and Reported keep theirs). Without that entry (not read yet), the reader's.
 */
function recordedAt(incident: Incident, events: readonly TimelineEvent[]): ZonedTime {
  const created = events.find((event) => event.kind === 'created');
  const ms = Date.parse(incident.createdAt);
  return { utc: incident.createdAt, offsetMinutes: created ? created.at.offsetMinutes : -new Date(ms).getTimezoneOffset() || 0 };
}

function withCurrent(list: readonly string[], current: string): string[] {
  return current && !list.includes(current) ? [current, ...list] : [...list];
}
