// First look at one pushed operation: its identity (even when malformed), future schema, validity, owner, consistency.
import { isValidHlcNode, parseHlc } from '../../shared/domain';
import { OPERATION_SCHEMA_VERSION, operationSchema, type Operation } from '../../shared/sync/operation';

export type RejectCode = 'invalid' | 'not-your-device' | 'seq-reused' | 'hq-error';

export type ClassifiedOp =
  | { readonly kind: 'valid'; readonly index: number; readonly op: Operation }
  /** Schema version newer than HQ knows: never validated with older meaning, answered retry-later. */
  | { readonly kind: 'future-schema'; readonly index: number; readonly opId: string | null }
  | {
      readonly kind: 'invalid';
      readonly index: number;
      readonly opId: string | null;
      /** The deviceSeq it claims, when it claims to be the pushing device's; it still takes that place in sequence. */
      readonly ownSeq: number | null;
      readonly code: RejectCode;
      readonly reason: string;
      readonly body: string;
    };

const MAX_STORED_BODY = 64 * 1024;
const MAX_OP_ID_LENGTH = 100;

export function classifyOp(raw: unknown, index: number, deviceId: string): ClassifiedOp {
  const record = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const opId = typeof record.opId === 'string' && record.opId.length > 0 && record.opId.length <= MAX_OP_ID_LENGTH ? record.opId : null;
  if (typeof record.schemaVersion === 'number' && record.schemaVersion > OPERATION_SCHEMA_VERSION) return { kind: 'future-schema', index, opId };

  const claimedDevice = typeof record.deviceId === 'string' ? record.deviceId : null;
  if (claimedDevice !== null && claimedDevice !== deviceId) {
    return invalid(index, opId, null, 'not-your-device', `This operation names ${shown(claimedDevice)} as its device; a device may only send its own operations.`, raw);
  }
  const parsed = operationSchema.safeParse(raw);
  if (parsed.success) {
    const mismatch = inconsistency(parsed.data);
    // In sequence like any refused operation of this device, so the ones after it are not held back.
    return mismatch ? invalid(index, parsed.data.opId, parsed.data.deviceSeq, mismatch.code, mismatch.reason, raw) : { kind: 'valid', index, op: parsed.data };
  }
  const ownSeq = claimedDevice === deviceId && Number.isSafeInteger(record.deviceSeq) && (record.deviceSeq as number) >= 1 ? (record.deviceSeq as number) : null;
  return invalid(index, opId, ownSeq, 'invalid', `HQ cannot accept this operation: ${describeIssues(parsed.error.issues)}`, raw);
}

/**
 * What the schema cannot see: the parts of one operation that must agree. Checked here, at HQ's door, and not in
 * operationSchema: devices validate pulled pages with that schema, so an operation HQ stored before this check
 * existed must still pass it, or every device's pull would fail on it.
 * - The stamp's node is how every replica tells which device made a change (field stamps, conflicts), so it must
 *   be the sending device; so must the timeline event's device and stamp (devices write both from the same tick).
 * - HQ files the event under op.incidentId while devices file it under event.incidentId: they must be the same.
 */
function inconsistency(op: Operation): { code: RejectCode; reason: string } | null {
  const stampNode = parseHlc(op.hlc).node;
  if (stampNode !== op.deviceId) {
    return notYours(`its ordering stamp says it was made on device ${shown(stampNode)}, but this device (${shown(op.deviceId)}) sent it`);
  }
  if (op.event.deviceId !== op.deviceId) {
    return notYours(`its timeline entry says it was written on device ${shown(op.event.deviceId)}, but this device (${shown(op.deviceId)}) sent it`);
  }
  if (op.event.hlc !== op.hlc) {
    return notYours('its timeline entry (event.hlc) carries another ordering stamp than the change (hlc), while a device stamps both at the same moment');
  }
  if (op.event.incidentId !== op.incidentId) {
    return {
      code: 'invalid',
      reason: 'HQ cannot accept this operation: its timeline entry (event.incidentId) belongs to another incident than the change (incidentId). An entry is filed only under its own incident.',
    };
  }
  return null;
}

const notYours = (what: string) => ({ code: 'not-your-device' as const, reason: `HQ refused this operation: ${what}. A device may only send changes stamped as its own.` });

/** A device id quoted for a reason, or a neutral phrase when it is not a printable id. */
const shown = (id: string) => (isValidHlcNode(id) ? `"${id}"` : 'another device');

function invalid(index: number, opId: string | null, ownSeq: number | null, code: RejectCode, reason: string, raw: unknown): ClassifiedOp {
  return { kind: 'invalid', index, opId, ownSeq, code, reason, body: storedBody(raw) };
}

function describeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  const shown = issues.slice(0, 3).map((issue) => `${issue.path.map(String).join('.') || '(operation)'}: ${issue.message}`);
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  return `${shown.join('; ')}${more}`.slice(0, 1000);
}

/** The body as received, kept for the admin (bounded: the whole request was already size-limited). */
function storedBody(raw: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(raw) ?? 'null';
  } catch {
    text = '"(not serializable)"';
  }
  return text.length > MAX_STORED_BODY ? `${text.slice(0, MAX_STORED_BODY)}…(truncated)` : text;
}
