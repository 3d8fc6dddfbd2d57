// "Attach files": the picker, the held files with thumbnails for images, and why a file was refused.
import { useId, type ChangeEvent } from 'react';
import { formatBytes, isPreviewableImage, safeAttachmentName } from '../../../shared/domain';
import type { PreparedAttachment } from '../../db/attachments';
import type { PendingAttachments } from './use-pending-attachments';
import { BlobThumbnail } from '../attachments/blob-thumbnail';
// Its own import too: the note form uses this picker without the capture form, and the file button's theme lives there.
import './capture.css';

export function AttachmentPicker({ pending, limitBytes }: { pending: PendingAttachments; limitBytes: number }) {
  const inputId = useId();
  const hintId = useId();

  const onPick = (event: ChangeEvent<HTMLInputElement>) => {
    const picked = Array.from(event.target.files ?? []);
    // Cleared so picking the same file again fires change again.
    event.target.value = '';
    if (picked.length > 0) void pending.add(picked);
  };

  return (
    <div className="field capture-attachments">
      <label htmlFor={inputId}>Attach files</label>
      <input id={inputId} type="file" multiple onChange={onPick} aria-describedby={hintId} />
      <span id={hintId} className="hint">
        Photos or documents, up to {formatBytes(limitBytes)} each. You can also drop files onto this form.
      </span>
      {pending.busy && <span className="hint" role="status">Checking files…</span>}
      {pending.problems.map((problem) => (
        <p key={problem} className="field-error" role="alert">
          {problem}
        </p>
      ))}
      {pending.files.length > 0 && (
        <ul className="attachment-list" aria-label="Attached files">
          {pending.files.map((file) => (
            <AttachmentItem key={file.sha256} file={file} onRemove={() => pending.remove(file.sha256)} />
          ))}
        </ul>
      )}
    </div>
  );
}

function AttachmentItem({ file, onRemove }: { file: PreparedAttachment; onRemove: () => void }) {
  // Cleaned when picked (cleanAttachmentName); a file held in a draft from before that may not be.
  const name = safeAttachmentName(file.name);
  return (
    <li className="attachment-item">
      {isPreviewableImage(file.type) ? <BlobThumbnail blob={file.blob} name={file.name} /> : <span className="attachment-icon" aria-hidden="true">📄</span>}
      <span className="attachment-name">{name}</span>
      <span className="hint">{formatBytes(file.size)}</span>
      <button type="button" onClick={onRemove} aria-label={`Remove ${name}`}>
        Remove
      </button>
    </li>
  );
}
