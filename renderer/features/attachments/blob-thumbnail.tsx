// An image thumbnail for a Blob held in memory or IndexedDB; used by the capture form and the detail view.
import { useCallback } from 'react';
import { safeAttachmentName } from '../../../shared/domain';

/** The object URL lives exactly as long as the <img>: created when it mounts, revoked when it goes. */
export function BlobThumbnail({ blob, name }: { blob: Blob; name: string }) {
  const attach = useCallback(
    (img: HTMLImageElement | null) => {
      if (!img || typeof URL.createObjectURL !== 'function') return;
      const url = URL.createObjectURL(blob);
      img.src = url;
      return () => URL.revokeObjectURL(url);
    },
    [blob],
  );
  return <img ref={attach} className="attachment-thumb" alt={`Preview of ${safeAttachmentName(name)}`} width={64} height={64} />;
}
