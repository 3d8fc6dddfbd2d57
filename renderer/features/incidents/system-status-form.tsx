// "Record system status": one dense row per critical system (state, reason, repair estimate); the rows changed are saved as one HICS 251 snapshot, kept as a draft until then.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import {
  DEFAULT_CRITICAL_SYSTEMS,
  SYSTEM_ESTIMATE_MAX,
  SYSTEM_NAME_MAX,
  SYSTEM_REASON_MAX,
  SYSTEM_STATE_LABELS,
  SYSTEM_STATES,
  SYSTEMS_PER_SNAPSHOT_MAX,
  systemKey,
  type SystemState,
} from '../../../shared/domain';
import type { CurrentSystemStatus, SystemStatusInput } from '../../../shared/domain/system-status';
import type { JsonObject, JsonValue } from '../../db';
import type { SystemStatusRepository } from '../../db/system-status';
import { useBusy } from '../use-busy';
import { DraftNote } from './draft-note';
import { InlineDialog } from './inline-dialog';
import { useEntryDraft, type EntryDraftShape } from './use-entry-draft';

/** What a row held when the form opened, and the snapshot that line came from (null: a default row, nothing recorded). */
type Opened = {
  state: SystemState;
  reason: string;
  repairEstimate: string;
  eventId: string | null;
};

/** Type aliases, not interfaces: the form's state is stored as-is as a JSON draft. */
type Row = {
  /** Stable React key: names may repeat while a person types, keys must not. */
  key: number;
  system: string;
  state: SystemState;
  reason: string;
  repairEstimate: string;
  /** The row as the form opened with it; null for a system added in the form (always recorded). */
  opened: Opened | null;
};

/** The whole form, as kept in this person's draft for the incident. */
type SystemsDraft = {
  rows: Row[];
  /** Keys of the systems shown at opening that the person removed (so a restored draft leaves them out again). */
  removed: string[];
  recordUnchanged: boolean;
};

type RowField = 'state' | 'reason' | 'repairEstimate';

/** A refusal: on one row's field (shown under that row) or on the whole snapshot (row null). */
interface Refusal {
  row: number | null;
  field: RowField | 'add' | null;
  message: string;
}

let nextKey = 1;

/** The current status as editable rows; with none recorded yet, HICS 251's critical systems, all fully functional. */
function initialRows(current: CurrentSystemStatus): Row[] {
  if (current.systems.length > 0) {
    return current.systems.map(({ system, state, reason, repairEstimate, eventId }) => ({
      key: nextKey++, system, state, reason, repairEstimate, opened: { state, reason, repairEstimate, eventId },
    }));
  }
  return DEFAULT_CRITICAL_SYSTEMS.map((system) => ({
    key: nextKey++, system, state: 'functional', reason: '', repairEstimate: '', opened: { state: 'functional', reason: '', repairEstimate: '', eventId: null },
  }));
}

const isSystemState = (value: string): value is SystemState => (SYSTEM_STATES as readonly string[]).includes(value);
const text = (value: JsonValue | undefined): string => (typeof value === 'string' ? value : '');
const isObject = (value: JsonValue | undefined): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A stored row read back; null when it is not one. */
function parseRow(stored: JsonValue): Row | null {
  if (!isObject(stored) || typeof stored.system !== 'string' || stored.system.trim() === '' || typeof stored.state !== 'string' || !isSystemState(stored.state)) return null;
  const opened = stored.opened;
  const baseline: Opened | null = isObject(opened) && typeof opened.state === 'string' && isSystemState(opened.state)
    ? { state: opened.state, reason: text(opened.reason), repairEstimate: text(opened.repairEstimate), eventId: typeof opened.eventId === 'string' ? opened.eventId : null }
    : null;
  return { key: nextKey++, system: stored.system, state: stored.state, reason: text(stored.reason), repairEstimate: text(stored.repairEstimate), opened: baseline };
}

/**
 * The draft shape for a form opened on `current`. A restored draft is laid over the status as it is now: a row the
 * person did not change shows its current line (a newer report may have arrived since), a changed row keeps the
 * person's values against today's baseline, systems recorded since and not removed by the person are shown too.
 */
function systemsDraftShape(current: CurrentSystemStatus): EntryDraftShape<SystemsDraft & JsonObject> {
  const opening = initialRows(current);
  return {
    blank: { rows: opening, removed: [], recordUnchanged: false },
    isBlank: (values) => !values.recordUnchanged && values.removed.length === 0 && values.rows.length === opening.length && !values.rows.some(changed),
    parse: (stored) => {
      if (!Array.isArray(stored.rows)) return null;
      const kept = stored.rows.map(parseRow).filter((row): row is Row => row !== null);
      if (kept.length === 0) return null;
      const removed = Array.isArray(stored.removed) ? stored.removed.filter((key): key is string => typeof key === 'string') : [];
      const now = new Map(opening.map((row) => [systemKey(row.system), row]));
      const rows = kept.map((row) => {
        const fresh = now.get(systemKey(row.system));
        if (!changed(row)) return fresh ?? row;
        return { ...row, opened: fresh ? fresh.opened : row.opened };
      });
      const shown = new Set(rows.map((row) => systemKey(row.system)));
      const arrived = opening.filter((row) => !shown.has(systemKey(row.system)) && !removed.includes(systemKey(row.system)));
      return { rows: [...rows, ...arrived], removed, recordUnchanged: stored.recordUnchanged === true };
    },
  };
}

/** Whether the person changed the row (the command trims, so spaces alone are no change). */
function changed(row: Row): boolean {
  const { opened } = row;
  return opened === null || row.state !== opened.state || row.reason.trim() !== opened.reason.trim() || row.repairEstimate.trim() !== opened.repairEstimate.trim();
}

/**
 * The rows this save records, with their indexes in the form (to put a refusal on the right row). Only changed and
 * added rows, unless this is a full round ("record the unchanged systems too", the first snapshot included: a
 * prefilled row nobody looked at is no record that someone checked that system); even then an
 * unchanged row that another laptop recorded while the form was open is left out: its newer report stands, since
 * this form still shows what the system was before.
 */
function rowsToRecord(rows: readonly Row[], current: CurrentSystemStatus, fullRound: boolean): { index: number; line: SystemStatusInput }[] {
  const nowFrom = new Map(current.systems.map((line) => [line.key, line.eventId]));
  return rows.flatMap((row, index) => {
    const recordedSinceOpened = (nowFrom.get(systemKey(row.system)) ?? null) !== (row.opened?.eventId ?? null);
    if (!changed(row) && !(fullRound && !recordedSinceOpened)) return [];
    const { system, state, reason, repairEstimate } = row;
    return [{ index, line: { system, state, reason, repairEstimate } }];
  });
}

/**
 * `systems.3.reason` → the form row the snapshot's 4th line came from (`rowOf`), field reason; a field the form
 * has no control for falls back to the row's state.
 */
function refusalOf(error: { field?: string; message: string }, rowOf: readonly number[]): Refusal {
  const match = /^systems\.(\d+)\.(\w+)$/.exec(error.field ?? '');
  const row = match ? rowOf[Number(match[1])] : undefined;
  if (!match || row === undefined) return { row: null, field: null, message: error.message };
  const field = match[2] === 'reason' || match[2] === 'repairEstimate' ? match[2] : 'state';
  return { row, field, message: error.message };
}

export function SystemStatusForm({ incidentId, current, repo, onDone }: {
  incidentId: string;
  current: CurrentSystemStatus;
  repo: SystemStatusRepository;
  /** Called after a save (true) or on Cancel / Escape (false), also an Escape pressed with focus outside the form. */
  onDone: (saved: boolean) => void;
}) {
  // Fixed at opening: a snapshot synced in meanwhile does not rewrite what the person is editing. What they change is
  // kept as their draft for this incident, so Escape, Cancel, another incident or a crash lose nothing.
  const [shape] = useState(() => systemsDraftShape(current));
  const draft = useEntryDraft('system_status', incidentId, shape);
  const { rows, removed, recordUnchanged } = draft.values;
  // Nothing recorded yet: the hint says so (the rows shown are HICS 251's defaults, not anyone's report).
  const [first] = useState(() => current.systems.length === 0);
  const [newName, setNewName] = useState('');
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const { busy: saving, run } = useBusy();
  const panelRef = useRef<HTMLElement>(null);
  const id = useId();
  const controlId = (row: number, field: RowField | 'remove') => `${id}-${row}-${field}`;

  // Focus follows the refusal to the field it is about (after the render that marks it invalid).
  useEffect(() => {
    if (focusRequest === 0 || !refusal) return;
    const target = refusal.field === 'add' ? `${id}-new` : refusal.row !== null && refusal.field ? controlId(refusal.row, refusal.field) : `${id}-save`;
    document.getElementById(target)?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs once per refusal
  }, [focusRequest]);

  const refuse = (next: Refusal) => {
    setRefusal(next);
    setFocusRequest((n) => n + 1);
  };

  /** A person's edit, into the draft. While the snapshot saves the form waits: an edit then would go with its draft. */
  function edit(patch: Partial<SystemsDraft>) {
    if (saving) return;
    draft.update({ ...draft.values, ...patch });
  }

  function update(index: number, patch: Partial<Row>) {
    edit({ rows: rows.map((row, i) => (i === index ? { ...row, ...patch } : row)) });
    if (refusal && (refusal.row === index || refusal.field === null)) setRefusal(null);
  }

  function remove(index: number) {
    const gone = rows[index];
    if (!gone) return;
    edit({ rows: rows.filter((_, i) => i !== index), removed: gone.opened ? [...removed, systemKey(gone.system)] : removed });
    setRefusal(null);
    // Keep the keyboard in the grid: on the next row's remove button, else the previous one's, else the name to add.
    requestAnimationFrame(() => {
      const next = document.getElementById(controlId(index, 'remove')) ?? document.getElementById(controlId(index - 1, 'remove')) ?? document.getElementById(`${id}-new`);
      next?.focus();
    });
  }

  function addSystem() {
    const name = newName.trim();
    if (name === '') return refuse({ row: null, field: 'add', message: 'Name the system to add.' });
    const existing = rows.find((row) => systemKey(row.system) === systemKey(name));
    if (existing) return refuse({ row: null, field: 'add', message: `${existing.system} is already in the list.` });
    if (rows.length >= SYSTEMS_PER_SNAPSHOT_MAX) return refuse({ row: null, field: 'add', message: `A snapshot holds at most ${SYSTEMS_PER_SNAPSHOT_MAX} systems.` });
    const index = rows.length;
    edit({ rows: [...rows, { key: nextKey++, system: name, state: 'functional', reason: '', repairEstimate: '', opened: null }], removed: removed.filter((key) => key !== systemKey(name)) });
    setNewName('');
    setRefusal(null);
    requestAnimationFrame(() => document.getElementById(controlId(index, 'state'))?.focus());
  }

  async function submit() {
    // `current` is live: a snapshot synced in while the form was open is known here.
    const picked = rowsToRecord(rows, current, recordUnchanged);
    // No rows at all: the command's own refusal ("give the state of at least one system") says what to do.
    if (picked.length === 0 && rows.length > 0) {
      return refuse({ row: null, field: null, message: "Nothing changed: change a system's state, reason or estimate, or add one." });
    }
    const result = await run(async () => {
      // The latest edit reaches the draft first, so a refused save still leaves an up-to-date draft.
      await draft.flush();
      return repo.record(incidentId, picked.map(({ line }) => line));
    });
    if (!result) return;
    if (result.ok) {
      // Recorded: the draft goes (its own small write; the snapshot stands whether or not that succeeds).
      await draft.discard();
      onDone(true);
    } else refuse(refusalOf(result.error, picked.map(({ index }) => index)));
  }

  // Enter in a row's field is no "save everything" (a person moving through 16 rows presses it by habit); Ctrl+Enter
  // saves from anywhere in the form, as in the work note. Enter on a button still presses it.
  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key !== 'Enter' || event.defaultPrevented) return;
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      void submit();
    } else if (event.target instanceof HTMLInputElement) event.preventDefault();
  }

  async function discardDraft() {
    await draft.discard();
    setRefusal(null);
    // The note and its button go away: the keyboard goes to the first row, not to the page.
    document.getElementById(controlId(0, 'state'))?.focus();
  }

  const invalid = (row: number, field: RowField) => (refusal?.row === row && refusal.field === field ? true : undefined);
  const errorId = `${id}-error`;
  const changedCount = rows.filter(changed).length;

  return (
    // An inline dialog: Escape closes the form (not the incident) even when focus has left it, and focus goes back to its opener.
    <InlineDialog label="Record system status" panelRef={panelRef} onClose={() => onDone(false)}>
      <form className="system-status-form" aria-label="Record system status" noValidate onKeyDown={onKeyDown} onBlur={() => void draft.flush()}
        onSubmit={(event) => { event.preventDefault(); void submit(); }}>
        {draft.status === 'restored' && (
          <p className="system-status-draft">
            <span role="status">{`Draft restored: your unsaved changes${changedCount > 0 ? ` to ${changedCount} ${changedCount === 1 ? 'system' : 'systems'}` : ''} are back.`}</span>
            <button type="button" className="ghost small" onClick={() => void discardDraft()}>Discard draft</button>
          </p>
        )}
        <div className="system-status-grid" role="group" aria-label="Systems">
          <div className="system-status-grid-head" aria-hidden="true">
            <span>System</span>
            <span>State</span>
            <span>Reason</span>
            <span>Repair estimate</span>
            <span />
          </div>
          {rows.map((row, index) => {
            const rowError = refusal?.row === index ? refusal : null;
            return (
              <div key={row.key} className={`system-status-row state-${row.state}`}>
                <span className="system-status-name">{row.system}</span>
                <select id={controlId(index, 'state')} aria-label={`${row.system} state`} value={row.state}
                  aria-invalid={invalid(index, 'state')} aria-describedby={rowError?.field === 'state' ? errorId : undefined}
                  onChange={(e) => update(index, { state: e.target.value as SystemState })}>
                  {SYSTEM_STATES.map((state) => (
                    <option key={state} value={state}>{SYSTEM_STATE_LABELS[state]}</option>
                  ))}
                </select>
                <input id={controlId(index, 'reason')} type="text" aria-label={`${row.system} reason`} value={row.reason} maxLength={SYSTEM_REASON_MAX}
                  placeholder={row.state === 'partial' || row.state === 'non_functional' ? 'Reason (required)' : 'Reason'}
                  aria-invalid={invalid(index, 'reason')} aria-describedby={rowError?.field === 'reason' ? errorId : undefined}
                  onChange={(e) => update(index, { reason: e.target.value })} />
                <input id={controlId(index, 'repairEstimate')} type="text" aria-label={`${row.system} repair estimate`} value={row.repairEstimate} maxLength={SYSTEM_ESTIMATE_MAX} placeholder="Repair estimate"
                  aria-invalid={invalid(index, 'repairEstimate')} aria-describedby={rowError?.field === 'repairEstimate' ? errorId : undefined}
                  onChange={(e) => update(index, { repairEstimate: e.target.value })} />
                <button id={controlId(index, 'remove')} type="button" className="ghost small" aria-label={`Remove ${row.system}`} title={`Remove ${row.system}`}
                  onClick={() => remove(index)}>
                  Remove
                </button>
                {rowError && <p id={errorId} role="alert" className="field-error system-status-row-error">{rowError.message}</p>}
              </div>
            );
          })}
        </div>
        <div className="system-status-add">
          <label htmlFor={`${id}-new`}>Another system</label>
          <input id={`${id}-new`} type="text" value={newName} maxLength={SYSTEM_NAME_MAX} placeholder="e.g. Kitchen refrigeration"
            aria-invalid={refusal?.field === 'add' ? true : undefined} aria-describedby={refusal?.field === 'add' ? errorId : undefined}
            onChange={(e) => { setNewName(e.target.value); if (refusal?.field === 'add') setRefusal(null); }}
            onKeyDown={(e) => { if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) { e.preventDefault(); addSystem(); } }} />
          <button type="button" onClick={addSystem}>Add system</button>
          {refusal?.field === 'add' && <p id={errorId} role="alert" className="field-error">{refusal.message}</p>}
        </div>
        {/* Snapshots merge per system (two laptops may each record some systems), so leaving one out does not clear it. */}
        <p className="hint">A system left out of this snapshot keeps its last recorded state; to stop tracking one, set it to N/A.</p>
        <div className="system-status-round">
          <label>
            <input type="checkbox" checked={recordUnchanged} aria-describedby={`${id}-round-hint`}
              onChange={(e) => { edit({ recordUnchanged: e.target.checked }); if (refusal?.field === null) setRefusal(null); }} />
            <span>Also record the unchanged systems as checked now</span>
          </label>
          <p id={`${id}-round-hint`} className="hint">
            {first
              ? 'Nothing is recorded yet, and the list above is only HICS 251\u2019s usual systems: only the systems you set or add are recorded. Tick this after a full round in which you checked every system: the unchanged ones are then recorded as shown here, with your name and time.'
              : 'Only the systems you change or add are recorded, so a newer report from another laptop is not overwritten by what this form showed. Tick this after a full round in which you checked every system: the unchanged ones are then recorded as shown here, with your name and time, except any that another laptop recorded while this form was open (its newer report stands).'}
          </p>
        </div>
        {refusal && refusal.row === null && refusal.field === null && <p id={errorId} role="alert" className="field-error">{refusal.message}</p>}
        <div className="actions">
          <button id={`${id}-save`} type="submit" className="primary" aria-disabled={saving || undefined}>{saving ? 'Saving…' : 'Save snapshot'}</button>
          <button type="button" onClick={() => onDone(false)}>Cancel</button>
          <span className="hint">Ctrl+Enter</span>
          {draft.status !== 'restored' && <DraftNote draft={draft} />}
        </div>
      </form>
    </InlineDialog>
  );
}
