// The files stored with an incident, listed in the detail view; images as thumbnails.
import { useCallback } from 'react';
import { formatBytes, isPreviewableImage } from '../../../shared/domain';
import { useAttachments } from '../../db/attachments-live';

export function IncidentAttachments({ incidentId }: { incidentId: string }) {
  const files = useAttachments(incidentId);
  if (!files || files.length === 0) return null;
  return (
    <section className="incident-attachments" aria-labelledby="attachments-heading">
      <h3 id="attachments-heading">Attachments</h3>
      <ul className="attachment-list" aria-label="Stored files">
        {files.map((file) => (
          <li key={file.sha256} className="attachment-item">
            {isPreviewableImage(file.type) && <StoredThumbnail blob={file.blob} name={file.name} />}
            <span className="attachment-name">{file.name}</span>
            <span className="hint">{formatBytes(file.size)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The object URL lives exactly as long as the <img>. */
function StoredThumbnail({ blob, name }: { blob: Blob; name: string }) {
  const attach = useCallback(
    (img: HTMLImageElement | null) => {
      if (!img || typeof URL.createObjectURL !== 'function') return;
      const url = URL.createObjectURL(blob);
      img.src = url;
      return () => URL.revokeObjectURL(url);
    },
    [blob],
  );
  return <img ref={attach} className="attachment-thumb" alt={`Preview of ${name}`} width={64} height={64} />;
}
