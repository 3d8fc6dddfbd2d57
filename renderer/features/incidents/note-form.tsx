// Adds a work note to the timeline; notes are append-only.
import { useId, useState, type FormEvent } from 'react';
import { useServices } from '../../app/services';

export function NoteForm({ incidentId }: { incidentId: string }) {
  const { incidents } = useServices();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const id = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (text.trim() === '') {
      setError('Write the note first.');
      return;
    }
    setSaving(true);
    const result = await incidents.addNote(incidentId, text);
    setSaving(false);
    if (result.ok) {
      setText('');
      setError(null);
    } else setError(result.error.message);
  }

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
