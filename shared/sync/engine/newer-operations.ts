// A pulled page holding an operation a newer Lantern wrote: how it is recognised, before its shape is read, and what the person is told.
import { OPERATION_SCHEMA_VERSION } from '../operation';

/** For a pull page holding changes a newer Lantern made; what was received before it is kept. */
export const NEWER_OPERATIONS_MESSAGE =
  'HQ holds changes made with a newer version of Lantern. Update Lantern on this computer to receive them. ' +
  'Your data stays on this device, and Lantern keeps sending your changes to HQ.';

/**
 * The first operation of a raw pull answer whose schemaVersion is newer than this Lantern's, read without the
 * operation schema: a newer operation may hold an entry kind this version cannot parse, and the person should be told
 * to update, not that HQ answered nonsense.
 */
export function newerOperationIn(raw: unknown): { opId: unknown; schemaVersion: number } | null {
  if (raw === null || typeof raw !== 'object' || !Array.isArray((raw as { ops?: unknown }).ops)) return null;
  for (const entry of (raw as { ops: unknown[] }).ops) {
    const op = entry !== null && typeof entry === 'object' ? (entry as { op?: unknown }).op : undefined;
    const version = op !== null && typeof op === 'object' ? (op as { schemaVersion?: unknown }).schemaVersion : undefined;
    if (typeof version === 'number' && version > OPERATION_SCHEMA_VERSION) return { opId: (op as { opId?: unknown }).opId, schemaVersion: version };
  }
  return null;
}
