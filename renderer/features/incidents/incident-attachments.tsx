// The files stored with an incident, listed in the detail view: thumbnails for images, size, evidence hash, and Open.
import { formatBytes, isPreviewableImage } from '../../../shared/domain';
import type { AttachmentRow } from '../../db';
import { useAttachments } from '../../db/attachments-live';
import { BlobThumbnail } from '../attachments/blob-thumbnail';
import './entries.css';

/** Characters of the SHA-256 shown as the evidence reference: enough to tell files apart and to quote by phone. */
const EVIDENCE_REF_CHARS = 12;

/** Long enough for the browser to start reading the file; the URL is useless afterwards, so its memory is freed. */
const REVOKE_AFTER_MS = 60_000;

export function IncidentAttachments({ incidentId }: { incidentId: string }) {
  const files = useAttachments(incidentId);
  return (
    <section className="incident-attachments" aria-labelledby="attachments-heading">
      <h3 id="attachments-heading">Attachments</h3>
      {files === undefined ? null : files.length === 0 ? (
        <p className="hint">No files yet. Attach photos or documents with a work note below.</p>
      ) : (
        <ul className="attachment-list" aria-label="Stored files">
          {files.map((file) => (
            <li key={file.sha256} className="attachment-item">
              {isPreviewableImage(file.type) ? <BlobThumbnail blob={file.blob} name={file.name} /> : <span className="attachment-icon" aria-hidden="true">📄</span>}
              <span className="attachment-name">{file.name}</span>
              <span className="hint">{formatBytes(file.size)}</span>
              <span className="hint mono" title={`SHA-256 ${file.sha256}`}>{`SHA-256 ${file.sha256.slice(0, EVIDENCE_REF_CHARS)}`}</span>
              <button type="button" onClick={() => openFile(file)} aria-label={`Open ${file.name}`}>Open</button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * The window-open policy blocks new tabs (and blob: pages could run script from an attached HTML file), so the file
 * is handed to the system as a download: an <a download> on an object URL, revoked once the browser has it.
 */
function openFile(file: AttachmentRow) {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
