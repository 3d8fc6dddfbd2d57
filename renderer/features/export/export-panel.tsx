// The list's Export panel: the incidents of the current view as CSV (spreadsheets) or JSON (every field), with progress.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { FindQuery } from '../../db';
import { useLanternDb } from '../../db';
import { saveBlob } from '../save-blob';
import { ExportCancelled, exportIncidents, type ExportFormat } from './export-incidents';
import './export.css';

type Phase =
  | { kind: 'idle' }
  | { kind: 'running'; exported: number }
  | { kind: 'done'; text: string }
  | { kind: 'failed'; text: string };

const FORMAT_LABELS: Record<ExportFormat, string> = {
  csv: 'CSV for spreadsheets (one row per incident)',
  json: 'JSON with every field (for other systems)',
};

const count = (n: number) => `${n.toLocaleString('en')} ${n === 1 ? 'incident' : 'incidents'}`;

export function ExportPanel({ id, query, onClose }: { id: string; query: FindQuery; onClose: () => void }) {
  const db = useLanternDb();
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);
  const ids = { legend: useId(), progress: useId() };
  // Closing the panel (or the app view going away) stops an export on its way; nothing is saved then.
  useEffect(() => () => abort.current?.abort(), []);

  const start = async (event: FormEvent) => {
    event.preventDefault();
    if (phase.kind === 'running') return;
    const controller = new AbortController();
    abort.current = controller;
    setPhase({ kind: 'running', exported: 0 });
    try {
      const result = await exportIncidents(db, query, format, { signal: controller.signal, onProgress: (exported) => setPhase({ kind: 'running', exported }) });
      if (controller.signal.aborted) throw new ExportCancelled();
      saveBlob(result.blob, result.fileName);
      const where = format === 'csv' ? 'in the Exercise column' : 'with "exercise": true';
      const drills = result.exercises > 0 ? ` ${result.exercises.toLocaleString('en')} of them ${result.exercises === 1 ? 'is an exercise' : 'are exercises'}, marked ${where}.` : '';
      setPhase({ kind: 'done', text: `Saved ${count(result.count)} as ${result.fileName}.${drills}` });
    } catch (error) {
      if (error instanceof ExportCancelled) setPhase({ kind: 'done', text: error.message });
      else setPhase({ kind: 'failed', text: 'The export stopped: Lantern could not read the incidents from this computer’s storage. No file was saved. Try again; if it keeps failing, close other Lantern windows and restart Lantern.' });
      if (!(error instanceof ExportCancelled)) console.warn('Lantern: export failed', error);
    } finally {
      abort.current = null;
    }
  };

  const running = phase.kind === 'running';
  return (
    <form id={id} className="find-row export-panel" aria-label="Export incidents" onSubmit={(e) => void start(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          // Handled here: the global Escape (close the incident) must not fire as well.
          e.preventDefault();
          e.stopPropagation();
          if (running) abort.current?.abort();
          else onClose();
        }
      }}>
      <fieldset aria-describedby={ids.legend}>
        <legend>Format</legend>
        {(Object.keys(FORMAT_LABELS) as ExportFormat[]).map((value) => (
          <label key={value} className="export-format">
            <input type="radio" name="export-format" value={value} checked={format === value} disabled={running} onChange={() => setFormat(value)} />
            {FORMAT_LABELS[value]}
          </label>
        ))}
      </fieldset>
      <p id={ids.legend} className="hint">
        The incidents this list shows (its view, filters and search), in its order. Exercises are marked. Timelines stay in Lantern.
      </p>
      {running ? (
        <>
          <label htmlFor={ids.progress}>{`Exporting… ${count(phase.exported)} so far`}</label>
          <progress id={ids.progress} />
          <button type="button" onClick={() => abort.current?.abort()}>Cancel export</button>
        </>
      ) : (
        <button type="submit" className="primary">Export</button>
      )}
      {phase.kind === 'done' && <p role="status">{phase.text}</p>}
      {phase.kind === 'failed' && <p role="alert" className="form-error">{phase.text}</p>}
    </form>
  );
}
