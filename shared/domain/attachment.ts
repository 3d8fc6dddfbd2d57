// Attachment metadata (what an operation tells HQ about a file) and the size check made before anything is stored.
import { z } from 'zod';
import { safeAttachmentName } from './attachment-name';

export { HIDDEN_CHARACTERS_MARK, safeAttachmentName } from './attachment-name';

/** 25 MB: a phone photo or a short PDF fits; a video does not. Configurable per deployment. */
export const DEFAULT_ATTACHMENT_LIMIT_BYTES = 25 * 1024 * 1024;

/** Files one incident may take in one save (keeps a single transaction and operation bounded). */
export const MAX_ATTACHMENTS_PER_SAVE = 20;

export const SHA256_HEX_PATTERN = /^[0-9a-f]{64}$/;

/** A file as referenced by an incident: the bytes travel separately, named by their SHA-256. */
export const attachmentRefSchema = z.object({
  sha256: z.string().regex(SHA256_HEX_PATTERN, 'Expected a SHA-256 hex digest'),
  name: z.string().min(1).max(255),
  type: z.string().max(200),
  size: z.number().int().min(0),
});
export type AttachmentRef = z.infer<typeof attachmentRefSchema>;

/** null when the file fits; otherwise a message that names the file and the limit. */
export function checkAttachmentSize(name: string, size: number, limitBytes: number = DEFAULT_ATTACHMENT_LIMIT_BYTES): string | null {
  if (Number.isFinite(size) && size >= 0 && size <= limitBytes) return null;
  return `"${shortName(name)}" is ${formatBytes(size)}, over the ${formatBytes(limitBytes)} limit for attachments. It was not attached; send a smaller copy (for example a resized photo).`;
}

/** "512 B", "1.5 KB", "25 MB" (binary units, at most one decimal, trailing ".0" dropped). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return 'an unknown size';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = unit === 0 ? String(value) : value.toFixed(1).replace(/\.0$/, '');
  return `${shown} ${units[unit]}`;
}

/** Image types a browser can show as a thumbnail (SVG excluded: it can carry script). */
export function isPreviewableImage(type: string): boolean {
  return /^image\/(png|jpeg|gif|webp|avif|bmp)$/i.test(type);
}

/**
 * The name a file picked here is stored and synced under: trimmed, at most 255 characters, never empty ("file" then),
 * and with control and bidirectional formatting characters already marked as safeAttachmentName shows them, so this
 * device, HQ and every other device see the same name. The name comes from the file system, not from typing, so
 * there is nobody to ask to retype it. Names from other devices are not cleaned on arrival (see safeAttachmentName).
 */
export function cleanAttachmentName(name: string): string {
  const trimmed = safeAttachmentName(name).trim().slice(0, 255);
  return trimmed.length > 0 ? trimmed : 'file';
}

function shortName(name: string): string {
  return name.length > 80 ? `${name.slice(0, 77)}…` : name;
}
