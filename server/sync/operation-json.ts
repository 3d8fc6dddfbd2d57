// The stored texts of an applied operation and of its timeline entry, the entry serialised once for both.
import type { Operation } from '../../shared/sync/operation';

export interface OperationJson {
  /** Exactly JSON.stringify(op): the body HQ stores and serves on pull. */
  readonly body: string;
  /** Exactly JSON.stringify(op.event): the timeline row's body. */
  readonly event: string;
}

/**
 * HQ stores an operation's JSON and, apart, its timeline entry's JSON; the entry is about half of a note's bytes, and
 * serialising it twice was a tenth of a push's CPU. JSON.stringify is compositional (a nested value becomes exactly the
 * text it has on its own), so when `event` is the operation's last own key, JSON.stringify(op) is the JSON of the other
 * keys, in the same order, with `,"event":<entry JSON>` before the closing brace: the same bytes for one serialisation
 * of the entry. Any other layout (attachments after the entry) takes the plain way.
 */
export function operationJson(op: Operation): OperationJson {
  const event = JSON.stringify(op.event);
  const keys = Object.keys(op);
  if (keys[keys.length - 1] !== 'event' || event === undefined) return { body: JSON.stringify(op), event };
  // Object rest copies the own enumerable keys in their order, as JSON.stringify walks them (undefined values are left out by both).
  const { event: _entry, ...rest } = op;
  const head = JSON.stringify(rest);
  return { body: head === '{}' ? `{"event":${event}}` : `${head.slice(0, -1)},"event":${event}}`, event };
}
