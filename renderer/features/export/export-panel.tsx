// The list's Export panel: the incidents of the current view as CSV (spreadsheets) or JSON (every field), with progress.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { FindQuery } from '../../db';
import { useLanternDb } from '../../db';
import { activeFilterCount } from '../incidents/find/find-filters';
import { saveBlob } from '../save-blob';
import { ExportCancelled, exportIncidents, type ExportFormat, type ExportResult } from './export-incidents';
import './export.css';

type Phase =
  | { kind: 'idle' }
  | { kind: 'running'; exported: number }
  /** `view`: the query the answer is about; a changed view hides it (it would describe another list). */
  | { kind: 'done'; text: string; view: string }
  | { kind: 'failed'; text: string; view: string };

const FORMAT_LABELS: Record<ExportFormat, string> = {
  csv: 'CSV for spreadsheets (one row per incident)',
  json: 'JSON with every field (for other systems)',
};

const count = (n: number) => `${n.toLocaleString('en')} ${n === 1 ? 'incident' : 'incidents'}`;

/** What narrows the view, in words: "search “leak”, 2 filters". */
function narrowing(query: FindQuery): string {
  const filters = activeFilterCount(query);
  const parts = [query.text?.trim() ? `search “${query.text.trim()}”` : '', filters > 0 ? `${filters} ${filters === 1 ? 'filter' : 'filters'}` : ''];
  return parts.filter((part) => part !== '').join(', ');
}

function answer(result: ExportResult, format: ExportFormat, query: FindQuery): string {
  const narrowed = narrowing(query);
  const where = format === 'csv' ? 'in the Exercise column' : 'with "exercise": true';
  const drills = result.exercises > 0 ? ` ${result.exercises.toLocaleString('en')} of them ${result.exercises === 1 ? 'is an exercise' : 'are exercises'}, marked ${where}.` : '';
  const changed = result.changedDuring ? ' Incidents changed while it ran (a sync or an edit); export again for an exact copy.' : '';
  return `Exported ${count(result.count)}${narrowed ? ` (${narrowed})` : ''} to ${result.fileName}; see your downloads.${drills}${changed}`;
}

export function ExportPanel({ id, query, onClose }: { id: string; query: FindQuery; onClose: () => void }) {
  const db = useLanternDb();
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);
  const ids = { hint: useId(), progress: useId() };
  const formats = useRef<HTMLFieldSetElement>(null);
  const view = JSON.stringify(query);
  // Closing the panel (or the app view going away) stops an export on its way; nothing is saved then.
  useEffect(() => () => abort.current?.abort(), []);
  // Opened from the Find bar's Export button: the cursor goes to the chosen format (the panel's first control), so the
  // keyboard lands where the choice is made instead of staying on the button that opened the panel.
  useEffect(() => {
    formats.current?.querySelector<HTMLInputElement>('input:checked')?.focus();
  }, []);

  const start = async () => {
    const controller = new AbortController();
    abort.current = controller;
    setPhase({ kind: 'running', exported: 0 });
    try {
      const result = await exportIncidents(db, query, format, { signal: controller.signal, onProgress: (exported) => setPhase({ kind: 'running', exported }) });
      if (controller.signal.aborted) throw new ExportCancelled();
      if (result.count === 0) {
        setPhase({ kind: 'done', text: `Nothing to export: this list shows no incidents${narrowing(query) ? ` (${narrowing(query)})` : ''}. Change the view, search or filters.`, view });
        return;
      }
      saveBlob(result.blob, result.fileName);
      setPhase({ kind: 'done', text: answer(result, format, query), view });
    } catch (error) {
      if (error instanceof ExportCancelled) setPhase({ kind: 'done', text: error.message, view });
      else {
        console.warn('Lantern: export failed', error);
        setPhase({ kind: 'failed', text: 'The export stopped: Lantern could not read the incidents from this computer’s storage. No file was saved. Try again; if it keeps failing, close other Lantern windows and restart Lantern.', view });
      }
    } finally {
      abort.current = null;
    }
  };

  const running = phase.kind === 'running';
  const shown = (phase.kind === 'done' || phase.kind === 'failed') && phase.view === view ? phase : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // One button that turns into Cancel while running: focus stays on it from start to end.
    if (running) abort.current?.abort();
    else void start();
  };
  return (
    <form id={id} className="find-row export-panel" aria-label="Export incidents" aria-busy={running} onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          // Handled here: the global Escape (close the incident) must not fire as well.
          e.preventDefault();
          e.stopPropagation();
          if (running) abort.current?.abort();
          else onClose();
        }
      }}>
      <fieldset ref={formats} aria-describedby={ids.hint}>
        <legend>Format</legend>
        {(Object.keys(FORMAT_LABELS) as ExportFormat[]).map((value) => (
          <label key={value} className="export-format">
            <input type="radio" name="export-format" value={value} checked={format === value} disabled={running} onChange={() => setFormat(value)} />
            {FORMAT_LABELS[value]}
          </label>
        ))}
      </fieldset>
      <p id={ids.hint} className="hint">
        The incidents this list shows{narrowing(query) ? ` (${narrowing(query)})` : ''}, in its order. Exercises are marked. Timelines stay in Lantern.
      </p>
      {/* Named for what it does ("Download CSV"), not "Export" again: the Find bar's button that opens this panel is "Export". */}
      <button type="submit" className={running ? undefined : 'primary'}>{running ? 'Cancel export' : `Download ${format.toUpperCase()}`}</button>
      {running && (
        <>
          <label htmlFor={ids.progress}>{`${count(phase.exported)} read so far`}</label>
          <progress id={ids.progress} />
        </>
      )}
      {/* Always on the page, so a screen reader announces the answer when its text arrives. */}
      <p role="status" className="export-answer">{running ? 'Exporting…' : shown?.kind === 'done' ? shown.text : ''}</p>
      {shown?.kind === 'failed' && <p role="alert" className="form-error">{shown.text}</p>}
    </form>
  );
}
