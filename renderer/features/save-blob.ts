// Hands a Blob to the system as a download (Electron asks where to save it; a browser uses its downloads folder).
import { safeAttachmentName } from '../../shared/domain';

/** Long enough for the browser to have read the object URL; then its memory is given back. */
const REVOKE_AFTER_MS = 60_000;

/**
 * The window-open policy blocks new tabs (and blob: pages could run script from an attached HTML file), so a file
 * leaves the app as a download: an <a download> on an object URL, revoked once the browser has it. The name may have
 * come from another device: its control and bidi characters are marked (safeAttachmentName), so the save dialog and
 * the saved file show the extension the system will act on, not a disguised one.
 */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = safeAttachmentName(fileName);
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
