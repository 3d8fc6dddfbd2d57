// The files of an incident in the detail view: those on this device (thumbnail, Open) and those only HQ holds (Download).
import { useAttachments } from '../../db/attachments-live';
import { hasBytes } from '../../db/attachments-stored';
import { LocalAttachmentItem, RemoteAttachmentItem } from './attachment-items';
import './entries.css';
import './incident-attachments.css';

export function IncidentAttachments({ incidentId }: { incidentId: string }) {
  const files = useAttachments(incidentId);
  return (
    <section className="incident-attachments" aria-labelledby="attachments-heading">
      <h3 id="attachments-heading">Attachments</h3>
      {files === undefined ? null : files.length === 0 ? (
        <p className="hint">No files yet. Attach photos or documents with a work note below.</p>
      ) : (
        <ul className="attachment-list" aria-label="Stored files">
          {files.map((file) => (hasBytes(file) ? <LocalAttachmentItem key={file.sha256} file={file} /> : <RemoteAttachmentItem key={file.sha256} file={file} />))}
        </ul>
      )}
    </section>
  );
}
