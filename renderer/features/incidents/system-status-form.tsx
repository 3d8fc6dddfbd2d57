// "Record system status": one dense row per critical system (state, reason, repair estimate); the rows changed are saved as one HICS 251 snapshot.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
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
import type { SystemStatusRepository } from '../../db/system-status';
import { useBusy } from '../use-busy';
import { InlineDialog } from './inline-dialog';

/** What a row held when the form opened, and the snapshot that line came from (null: a default row, nothing recorded). */
interface Opened {
  state: SystemState;
  reason: string;
  repairEstimate: string;
  eventId: string | null;
}

interface Row {
  /** Stable React key: names may repeat while a person types, keys must not. */
  key: number;
  system: string;
  state: SystemState;
  reason: string;
  repairEstimate: string;
  /** The row as the form opened with it; null for a system added in the form (always recorded). */
  opened: Opened | null;
}

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

/** Whether the person changed the row (the command trims, so spaces alone are no change). */
function changed(row: Row): boolean {
  const { opened } = row;
  return opened === null || row.state !== opened.state || row.reason.trim() !== opened.reason.trim() || row.repairEstimate.trim() !== opened.repairEstimate.trim();
}

/**
 * The rows this save records, with their indexes in the form (to put a refusal on the right row). Only changed and
 * added rows, unless this is a full round (the first snapshot, or "record the unchanged systems too"); even then an
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
  const [rows, setRows] = useState<Row[]>(() => initialRows(current));
  // Fixed at opening: with nothing recorded yet, the first save records every row shown (nothing to overwrite).
  const [first] = useState(() => current.systems.length === 0);
  const [recordUnchanged, setRecordUnchanged] = useState(false);
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

  function update(index: number, patch: Partial<Row>) {
    setRows((current) => current.map((row, i) => (i === index ? { ...row, ...patch } : row)));
    if (refusal && (refusal.row === index || refusal.field === null)) setRefusal(null);
  }

  function remove(index: number) {
    setRows((current) => current.filter((_, i) => i !== index));
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
    setRows((current) => [...current, { key: nextKey++, system: name, state: 'functional', reason: '', repairEstimate: '', opened: null }]);
    setNewName('');
    setRefusal(null);
    requestAnimationFrame(() => document.getElementById(controlId(index, 'state'))?.focus());
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    // `current` is live: a snapshot synced in while the form was open is known here.
    const picked = rowsToRecord(rows, current, first || recordUnchanged);
    // No rows at all: the command's own refusal ("give the state of at least one system") says what to do.
    if (picked.length === 0 && rows.length > 0) {
      return refuse({ row: null, field: null, message: "Nothing changed: change a system's state, reason or estimate, or add one." });
    }
    const result = await run(() => repo.record(incidentId, picked.map(({ line }) => line)));
    if (!result) return;
    if (result.ok) onDone(true);
    else refuse(refusalOf(result.error, picked.map(({ index }) => index)));
  }

  const invalid = (row: number, field: RowField) => (refusal?.row === row && refusal.field === field ? true : undefined);
  const errorId = `${id}-error`;

  return (
    // An inline dialog: Escape closes the form (not the incident) even when focus has left it, and focus goes back to its opener.
    <InlineDialog label="Record system status" panelRef={panelRef} onClose={() => onDone(false)}>
      <form className="system-status-form" aria-label="Record system status" onSubmit={submit} noValidate>
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
            onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); addSystem(); } }} />
          <button type="button" onClick={addSystem}>Add system</button>
          {refusal?.field === 'add' && <p id={errorId} role="alert" className="field-error">{refusal.message}</p>}
        </div>
        {/* Snapshots merge per system (two laptops may each record some systems), so leaving one out does not clear it. */}
        <p className="hint">A system left out of this snapshot keeps its last recorded state; to stop tracking one, set it to N/A.</p>
        {first ? (
          <p className="hint">Nothing is recorded yet, so this first snapshot records every system listed, as checked now.</p>
        ) : (
          <div className="system-status-round">
            <label>
              <input type="checkbox" checked={recordUnchanged} aria-describedby={`${id}-round-hint`} onChange={(e) => { setRecordUnchanged(e.target.checked); if (refusal?.field === null) setRefusal(null); }} />
              Also record the unchanged systems as checked now
            </label>
            <p id={`${id}-round-hint`} className="hint">
              Only the systems you change or add are recorded, so a newer report from another laptop is not overwritten by what this form
              showed. Tick this after a full round in which you checked every system: the unchanged ones are then recorded as shown here,
              with your name and time, except any that another laptop recorded while this form was open (its newer report stands).
            </p>
          </div>
        )}
        {refusal && refusal.row === null && refusal.field === null && <p id={errorId} role="alert" className="field-error">{refusal.message}</p>}
        <div className="actions">
          <button id={`${id}-save`} type="submit" className="primary" disabled={saving}>{saving ? 'Saving…' : 'Save snapshot'}</button>
          <button type="button" onClick={() => onDone(false)}>Cancel</button>
        </div>
      </form>
    </InlineDialog>
  );
}
