// Adds a work note to the timeline (notes are append-only), with files if any; what is typed is kept as a per-incident draft.
import { useEffect, useId, useMemo } from 'react';
import { DEFAULT_ATTACHMENT_LIMIT_BYTES } from '../../../shared/domain';
import { useServices } from '../../app/services';
import { createEntryRecorder } from '../../db/entry-record';
import { AttachmentPicker } from '../capture/attachment-picker';
import { useFileDrop } from '../capture/use-file-drop';
import { usePendingAttachments } from '../capture/use-pending-attachments';
import { DraftNote } from './draft-note';
import { heldNoteFiles, holdNoteFiles } from './held-note-files';
import { useEntryDraft, type EntryDraftShape } from './use-entry-draft';
import { useTextEntry } from './use-text-entry';
import './entries.css';

const NOTE_DRAFT: EntryDraftShape<{ text: string }> = {
  blank: { text: '' },
  isBlank: (v) => v.text.trim() === '',
  parse: (stored) => (typeof stored.text === 'string' ? { text: stored.text } : null),
};

export function NoteForm({ incidentId, attachmentLimitBytes = DEFAULT_ATTACHMENT_LIMIT_BYTES }: { incidentId: string; attachmentLimitBytes?: number }) {
  const { db } = useServices();
  const recorder = useMemo(() => createEntryRecorder(db), [db]);
  const draft = useEntryDraft('note', incidentId, NOTE_DRAFT);
  const attachments = usePendingAttachments(attachmentLimitBytes, heldNoteFiles(incidentId));
  useEffect(() => holdNoteFiles(incidentId, attachments.files), [incidentId, attachments.files]);
  const { dragging, handlers: dropHandlers } = useFileDrop((files) => void attachments.add(files));
  // While a note saves, typing waits: text typed then would be cleared with the saved note's, or kept twice.
  const store = { text: draft.values.text, setText: (text: string) => (saving ? undefined : draft.update({ text })), clear: draft.saved };
  const { text, setText, error, saving, submit } = useTextEntry(
    'Write the note first, or attach a file.',
    async (note) => {
      if (attachments.busy) return { ok: false, error: { message: 'Still checking the files; save again in a moment.' } };
      // The latest keystrokes reach the draft first, so a refused save still leaves an up-to-date draft.
      await draft.flush();
      const files = attachments.files;
      const result = await recorder.addNote(incidentId, note, files);
      if (result.ok) files.forEach((file) => attachments.remove(file.sha256));
      return result;
    },
    { store, allowEmpty: attachments.files.length > 0, savedMessage: 'Note added' },
  );
  const id = useId();

  return (
    <form className={dragging ? 'note-form dragging' : 'note-form'} aria-label="Add a work note" onSubmit={submit} noValidate
      onBlur={() => void draft.flush()} {...dropHandlers}>
      <label htmlFor={id}>Work note</label>
      <textarea id={id} rows={3} value={text} onChange={(e) => setText(e.target.value)} readOnly={saving}
        aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}
        onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit(e); }} />
      {error && <p id={`${id}-error`} role="alert" className="field-error">{error}</p>}
      <AttachmentPicker pending={attachments} limitBytes={attachmentLimitBytes} />
      <div className="actions">
        <button type="submit" disabled={saving || attachments.busy}>{saving ? 'Adding…' : 'Add note'}</button>
        <span className="hint">Ctrl+Enter</span>
        <DraftNote draft={draft} />
      </div>
    </form>
  );
}
