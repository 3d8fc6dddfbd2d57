// Which files an operation refers to: its attachments, and attachment-like objects ({ sha256, size }) in its set or event.
import type { Operation } from '../operation';

const SHA256_HEX = /^[0-9a-f]{64}$/;
const MAX_DEPTH = 6;

export interface FileRef {
  readonly sha256: string;
  readonly size: number;
}

/**
 * HQ tracks these as missing until uploaded. Devices may also list them explicitly in the push
 * request's `files`; HQ takes the union, so this keeps working when new attachment kinds appear.
 */
export function fileRefsOf(op: Operation): FileRef[] {
  const found = new Map<string, FileRef>();
  walk(op.attachments, 0, found);
  walk(op.event, 0, found);
  walk(op.set, 0, found);
  return [...found.values()];
}

function walk(value: unknown, depth: number, found: Map<string, FileRef>): void {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) walk(item, depth + 1, found);
    return;
  }
  const record = value as Record<string, unknown>;
  const { sha256, size } = record;
  if (typeof sha256 === 'string' && SHA256_HEX.test(sha256) && typeof size === 'number' && Number.isSafeInteger(size) && size >= 0) {
    found.set(sha256, { sha256, size });
  }
  for (const key of Object.keys(record)) walk(record[key], depth + 1, found);
}
