// The files stored with an incident, listed in the detail view; images as thumbnails.
import { formatBytes, isPreviewableImage } from '../../../shared/domain';
import { useAttachments } from '../../db/attachments-live';
import { BlobThumbnail } from '../attachments/blob-thumbnail';

export function IncidentAttachments({ incidentId }: { incidentId: string }) {
  const files = useAttachments(incidentId);
  if (!files || files.length === 0) return null;
  return (
    <section className="incident-attachments" aria-labelledby="attachments-heading">
      <h3 id="attachments-heading">Attachments</h3>
      <ul className="attachment-list" aria-label="Stored files">
        {files.map((file) => (
          <li key={file.sha256} className="attachment-item">
            {isPreviewableImage(file.type) && <BlobThumbnail blob={file.blob} name={file.name} />}
            <span className="attachment-name">{file.name}</span>
            <span className="hint">{formatBytes(file.size)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
