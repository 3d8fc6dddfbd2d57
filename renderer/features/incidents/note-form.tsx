// Adds a work note to the timeline; notes are append-only.
import { useId } from 'react';
import { useServices } from '../../app/services';
import { useTextEntry } from './use-text-entry';

export function NoteForm({ incidentId }: { incidentId: string }) {
  const { incidents } = useServices();
  const { text, setText, error, saving, submit } = useTextEntry('Write the note first.', (note) => incidents.addNote(incidentId, note));
  const id = useId();

  return (
    <form className="note-form" onSubmit={submit} noValidate>
      <label htmlFor={id}>Work note</label>
      <textarea id={id} rows={3} value={text} onChange={(e) => setText(e.target.value)}
        aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}
        onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit(e); }} />
      {error && <p id={`${id}-error`} role="alert" className="field-error">{error}</p>}
      <div className="actions">
        <button type="submit" disabled={saving}>{saving ? 'Adding…' : 'Add note'}</button>
        <span className="hint">Ctrl+Enter</span>
      </div>
    </form>
  );
}
