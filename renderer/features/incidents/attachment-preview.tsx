// The picture at the start of an Attachments row: a thumbnail when the stored bytes decode as an image, else a file icon.
import { useState } from 'react';
import { isPreviewableImage } from '../../../shared/domain';
import type { LocalAttachment } from '../../db/attachments-stored';
import { BlobThumbnail } from '../attachments/blob-thumbnail';

/**
 * The type is what the picker reported, usually from the file name: a "photo.jpg" may hold bytes no browser can
 * show (damaged, HEIC renamed, not a photo at all), and the <img> then showed a broken-image icon under its
 * "Preview of …" alt text. React hands an <img>'s error event to its parents too, so the wrapper learns of it
 * without changing the shared thumbnail, and the row falls back to the icon with a plain-words tooltip.
 */
export function AttachmentPreview({ file }: { file: LocalAttachment }) {
  const [undecodable, setUndecodable] = useState<Blob | null>(null);
  // Keyed to the Blob: the same file read again (a live-query refresh) keeps the answer; new bytes get a new try.
  if (!isPreviewableImage(file.type) || undecodable === file.blob) {
    const title = isPreviewableImage(file.type) ? 'No preview: this browser cannot show these bytes as an image' : undefined;
    return (
      <span className="attachment-icon" aria-hidden="true" title={title}>
        📄
      </span>
    );
  }
  return (
    <span className="attachment-preview" onError={() => setUndecodable(file.blob)}>
      <BlobThumbnail blob={file.blob} name={file.name} />
    </span>
  );
}
