// Hands a Blob to the system as a download (Electron asks where to save it; a browser uses its downloads folder).

/** Long enough for the browser to have read the object URL; then its memory is given back. */
const REVOKE_AFTER_MS = 60_000;

/**
 * The window-open policy blocks new tabs (and blob: pages could run script from an attached HTML file), so a file
 * leaves the app as a download: an <a download> on an object URL, revoked once the browser has it.
 */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
